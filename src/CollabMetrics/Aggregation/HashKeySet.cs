namespace CollabMetrics.Aggregation;

/// <summary>
/// A set of 64-bit hashes for the streamed duplicate check, made to stay small and even at tens of millions of keys:
/// the keys are split by their top 8 bits into 256 parts, each an open-addressing table of its own with linear
/// probing from the start of a bucket of 8 slots (64 bytes), at most 7/8 full, grown by half when it fills. A part
/// grows alone, so growing holds one part twice for a moment (about 1/256 of the set), never the whole set; and the
/// parts start at sizes spread over one growth step, so that they do not all grow at the same time and the set
/// averages about 11 bytes a key (at most about 14 bytes just after a part grew). Not thread-safe.
/// </summary>
internal sealed class HashKeySet
{
    /// <summary>Bits of a key that choose its part.</summary>
    internal const int PartBits = 8;

    /// <summary>Slots of a bucket: where a key's probe starts (64 bytes).</summary>
    internal const int BucketSlots = 8;

    private const int Parts = 1 << PartBits;

    // A part grows when more than 7/8 of its slots are used.
    private const int LoadNumerator = 7;
    private const int LoadDenominator = 8;

    private readonly ulong[][] _slots = new ulong[Parts][];
    private readonly int[] _counts = new int[Parts];
    private readonly int[] _limits = new int[Parts];
    private readonly byte[] _growths = new byte[Parts];
    private readonly long _smallest;
    private bool _hasZero;
    private long _bytes;

    /// <summary>
    /// The most keys a set is sized for up front (about 750 MB of tables): a larger estimate starts the set at this
    /// size, and it grows from there as keys come.
    /// </summary>
    internal const long MaxExpected = 1L << 26;

    /// <summary>
    /// An empty set sized for about <paramref name="expected"/> keys (an estimate, at most <see cref="MaxExpected"/>
    /// counted: the set grows past it, and keys are kept the same way whatever it was).
    /// </summary>
    internal HashKeySet(long expected = 0)
    {
        // Part p starts at 1.5^(p/256) times the smallest size, so that the parts reach their limits one after the
        // other: at any time, some parts have just grown and others are nearly full.
        long perPart = Math.Clamp(expected, 0, MaxExpected) / Parts;
        _smallest = Math.Max(2, (perPart * LoadDenominator / LoadNumerator / BucketSlots) + 1);
        for (int p = 0; p < Parts; p++)
        {
            Allocate(p, Buckets(p, 0));
        }
    }

    /// <summary>Buckets of part <paramref name="part"/> after <paramref name="growths"/> growths: 1.5^(growths + part/256) times the smallest size.</summary>
    private int Buckets(int part, int growths) =>
        (int)Math.Min(MaxBuckets, Math.Ceiling(_smallest * Math.Pow(1.5, growths + (part / (double)Parts))));

    private const int MaxBuckets = (int.MaxValue / BucketSlots) - 64;

    /// <summary>Keys in the set.</summary>
    internal long Count { get; private set; }

    /// <summary>Bytes held by the tables.</summary>
    internal long Bytes => _bytes;

    /// <summary>Adds <paramref name="hash"/>; false when it is there already.</summary>
    internal bool TryAdd(ulong hash)
    {
        if (hash == 0)
        {
            // 0 marks an empty slot: the one key 0 lives outside the tables.
            if (_hasZero)
            {
                return false;
            }

            _hasZero = true;
            Count++;
            return true;
        }

        int part = (int)(hash >> (64 - PartBits));
        var slots = _slots[part];
        int i = Home(hash, slots.Length);
        ulong key;
        while ((key = slots[i]) != 0)
        {
            if (key == hash)
            {
                return false;
            }

            if (++i == slots.Length)
            {
                i = 0;
            }
        }

        slots[i] = hash;
        Count++;
        if (++_counts[part] > _limits[part])
        {
            Grow(part);
        }

        return true;
    }

    /// <summary>
    /// Reads the slot where a search for <paramref name="hash"/> starts, so that its cache line is on its way before
    /// <see cref="TryAdd"/> needs it (the caller touches the keys of several publications, then adds them).
    /// </summary>
    internal ulong Touch(ulong hash)
    {
        var slots = _slots[(int)(hash >> (64 - PartBits))];
        return slots[Home(hash, slots.Length)];
    }

    /// <summary>The first slot of the bucket where a key starts its probe: the 32 bits below the part's bits, scaled to the buckets.</summary>
    private static int Home(ulong hash, int length)
    {
        uint bits = (uint)(hash >> (32 - PartBits));
        return (int)(((ulong)bits * (uint)(length / BucketSlots)) >> 32) * BucketSlots;
    }

    private void Allocate(int part, int buckets)
    {
        var slots = new ulong[buckets * BucketSlots];
        _bytes += (long)slots.Length * sizeof(ulong) - (_slots[part] is { } old ? (long)old.Length * sizeof(ulong) : 0);
        _slots[part] = slots;
        _limits[part] = (int)((long)slots.Length * LoadNumerator / LoadDenominator);
    }

    private void Grow(int part)
    {
        var old = _slots[part];
        int buckets = old.Length / BucketSlots;
        if (buckets >= MaxBuckets)
        {
            throw new InvalidOperationException("Too many keys for the duplicate check's set.");
        }

        Allocate(part, Math.Max(buckets + 1, Buckets(part, ++_growths[part])));
        var slots = _slots[part];
        for (int j = 0; j < old.Length; j++)
        {
            ulong key = old[j];
            if (key != 0)
            {
                int i = Home(key, slots.Length);
                while (slots[i] != 0)
                {
                    if (++i == slots.Length)
                    {
                        i = 0;
                    }
                }

                slots[i] = key;
            }
        }
    }
}
