namespace CollabMetrics.Synthetic;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded with SplitMix64. Implemented here rather than using
/// <see cref="Random"/> so that a seed gives the same numbers on every runtime and machine.
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A generator for stream <paramref name="stream"/> of <paramref name="seed"/>: streams are independent.</summary>
    public Xoshiro256(ulong seed, ulong stream)
    {
        ulong x = seed ^ (stream * 0xD1B5_4A32_D192_ED03UL);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = 1;
        }
    }

    /// <summary>A generator with the given raw state (for testing against the reference implementation).</summary>
    internal Xoshiro256(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) (Lemire's multiply-shift; bias below 2^-32).</summary>
    public int NextInt(int bound) => (int)(((ulong)NextUInt32() * (uint)bound) >> 32);

    /// <summary>True with probability <paramref name="threshold"/> / 2^32.</summary>
    public bool Chance(uint threshold) => NextUInt32() < threshold;

    /// <summary>
    /// Draws an index from a cumulative table: <paramref name="cumulative"/>[i] is the total weight of indices 0..i
    /// scaled to 2^32, the last element being 2^32. Integer arithmetic only, so draws are the same everywhere.
    /// </summary>
    public int Pick(ReadOnlySpan<ulong> cumulative)
    {
        ulong u = NextUInt32();
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    internal static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
