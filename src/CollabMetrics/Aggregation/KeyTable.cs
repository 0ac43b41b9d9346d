using System.Runtime.CompilerServices;

namespace CollabMetrics.Aggregation;

/// <summary>
/// An open-addressing hash table from non-negative <see cref="long"/> keys to dense slots numbered in insertion
/// order, each slot owning <see cref="Stride"/> doubles. Linear probing, power-of-two capacity, at most half full.
/// Insertion order makes every iteration, and so every merge, deterministic.
/// </summary>
internal sealed class KeyTable
{
    private const long Empty = -1;
    // Bucket b holds its key at [2b] and its slot at [2b + 1]: one cache line serves both.
    private long[] _buckets;
    private long[] _keys;
    private double[] _values;
    private int _mask;
    private int _shift;

    internal KeyTable(int stride, int capacity = 64)
    {
        Stride = stride;
        int size = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2));
        _buckets = NewBuckets(size);
        _mask = size - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        _keys = new long[Math.Max(8, capacity)];
        _values = new double[_keys.Length * stride];
    }

    internal int Stride { get; }

    /// <summary>The number of slots in use.</summary>
    internal int Count { get; private set; }

    /// <summary>The key of each slot (valid up to <see cref="Count"/>).</summary>
    internal long[] Keys => _keys;

    /// <summary>The values, <see cref="Stride"/> per slot. Read this after <see cref="GetOrAdd"/>: growth replaces it.</summary>
    internal double[] Values => _values;

    /// <summary>The slot of <paramref name="key"/>, added with zero values when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int GetOrAdd(long key)
    {
        int b = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> _shift);
        var buckets = _buckets;
        while (true)
        {
            long k = buckets[2 * b];
            if (k == key)
            {
                return (int)buckets[(2 * b) + 1];
            }

            if (k == Empty)
            {
                return Insert(b, key);
            }

            b = (b + 1) & _mask;
        }
    }

    /// <summary>The slot of <paramref name="key"/>, or -1.</summary>
    internal int Find(long key)
    {
        int b = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> _shift);
        while (true)
        {
            long k = _buckets[2 * b];
            if (k == key)
            {
                return (int)_buckets[(2 * b) + 1];
            }

            if (k == Empty)
            {
                return -1;
            }

            b = (b + 1) & _mask;
        }
    }

    /// <summary>Empties the table, keeping its capacity.</summary>
    internal void Clear()
    {
        if (Count == 0)
        {
            return;
        }

        Array.Fill(_buckets, Empty);
        Array.Clear(_values, 0, Count * Stride);
        Count = 0;
    }

    private int Insert(int bucket, long key)
    {
        int slot = Count;
        if (slot == _keys.Length)
        {
            int length = _keys.Length * 2;
            Array.Resize(ref _keys, length);
            Array.Resize(ref _values, length * Stride);
        }

        _keys[slot] = key;
        Count = slot + 1;
        _buckets[2 * bucket] = key;
        _buckets[(2 * bucket) + 1] = slot;
        if (Count * 2 > _mask + 1)
        {
            Rehash((_mask + 1) * 2);
        }

        return slot;
    }

    private void Rehash(int size)
    {
        _buckets = NewBuckets(size);
        _mask = size - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        for (int slot = 0; slot < Count; slot++)
        {
            long key = _keys[slot];
            int b = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> _shift);
            while (_buckets[2 * b] != Empty)
            {
                b = (b + 1) & _mask;
            }

            _buckets[2 * b] = key;
            _buckets[(2 * b) + 1] = slot;
        }
    }

    private static long[] NewBuckets(int size)
    {
        var buckets = new long[2 * size];
        Array.Fill(buckets, Empty);
        return buckets;
    }
}
