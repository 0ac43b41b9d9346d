using System.IO.Hashing;
using System.Numerics;

namespace CollabMetrics;

/// <summary>A stored value a <see cref="CorpusHashIndex"/> candidate is compared with.</summary>
internal interface IHashCandidate
{
    /// <summary>Whether the value stored under <paramref name="index"/> is the one looked up.</summary>
    bool Matches(int index);
}

/// <summary>
/// An open-addressing index from 32-bit hashes to non-negative integers (publication or string indices) that keeps
/// no keys: the values live elsewhere (a UTF-8 pool), and a hit is confirmed by comparing with the stored value. Eight
/// bytes a slot, at most 70 % full.
/// </summary>
internal struct CorpusHashIndex
{
    private ulong[] _slots;
    private int _count;

    public CorpusHashIndex(int capacity)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity + (capacity / 2)));
        _slots = new ulong[size];
        _count = 0;
    }

    /// <summary>The number of indices stored.</summary>
    public readonly int Count => _count;

    /// <summary>Bytes held by the slots.</summary>
    public readonly long Bytes => (long)(_slots?.Length ?? 0) * sizeof(ulong);

    /// <summary>The index stored for the value <paramref name="candidate"/> stands for, or -1.</summary>
    public readonly int Find<T>(uint hash, ref T candidate)
        where T : IHashCandidate, allows ref struct
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        for (int slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            ulong s = slots[slot];
            if (s == 0)
            {
                return -1;
            }

            if ((uint)(s >> 32) == hash && candidate.Matches((int)(uint)s - 1))
            {
                return (int)(uint)s - 1;
            }
        }
    }

    /// <summary>
    /// Reads the slot where a lookup of <paramref name="hash"/> starts, and returns it: a caller about to look up
    /// several values reads their slots first, so that the processor waits for their cache misses together rather
    /// than one after the other.
    /// </summary>
    public readonly ulong Touch(uint hash)
    {
        var slots = _slots;
        return slots[(int)hash & (slots.Length - 1)];
    }

    /// <summary>Stores <paramref name="index"/> under <paramref name="hash"/> (the caller knows the value is new).</summary>
    public void Add(uint hash, int index)
    {
        if (_count + 1 > (_slots.Length / 10) * 7)
        {
            Grow();
        }

        Place(_slots, hash, index);
        _count++;
    }

    /// <summary>Makes room for <paramref name="capacity"/> indices in all without growing again (an estimate; never a limit).</summary>
    public void Reserve(int capacity)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, Math.Min(1 << 30, capacity + (capacity / 2))));
        if (size > _slots.Length)
        {
            Rehash(size);
        }
    }

    /// <summary>Frees the slots.</summary>
    public void Release()
    {
        _slots = [];
        _count = 0;
    }

    /// <summary>
    /// A 32-bit hash of <paramref name="bytes"/> mixed with <paramref name="seed"/> (XXH3 folded to 32 bits; not
    /// randomized: no untrusted iteration order depends on it).
    /// </summary>
    public static uint Hash(ReadOnlySpan<byte> bytes, ulong seed = 0)
    {
        ulong h = XxHash3.HashToUInt64(bytes, (long)seed);
        return (uint)(h ^ (h >> 32));
    }

    private static void Place(ulong[] slots, uint hash, int index)
    {
        int mask = slots.Length - 1;
        int slot = (int)hash & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = ((ulong)hash << 32) | (uint)(index + 1);
    }

    private void Grow() => Rehash(_slots.Length * 2);

    private void Rehash(int size)
    {
        var larger = new ulong[size];
        foreach (var s in _slots)
        {
            if (s != 0)
            {
                Place(larger, (uint)(s >> 32), (int)(uint)s - 1);
            }
        }

        _slots = larger;
    }
}
