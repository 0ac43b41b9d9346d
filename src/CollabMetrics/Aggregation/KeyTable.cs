using System.Runtime.CompilerServices;

namespace CollabMetrics.Aggregation;

/// <summary>
/// An open-addressing hash table from non-negative <see cref="long"/> keys to dense slots numbered in insertion
/// order, each slot owning <see cref="Stride"/> values of type <typeparamref name="T"/>. Linear probing, power-of-two capacity, at most half full.
/// A bucket holds only its slot (4 bytes; the key is read from the slot), so the index costs 8 to 16 bytes a key:
/// at the institution level tables hold millions of pairs. Insertion order makes every iteration deterministic.
/// </summary>
/// <typeparam name="T">The value type: <see cref="double"/>, or the cube's fixed-point <see cref="Int128"/> sums.</typeparam>
internal sealed class KeyTable<T>
    where T : struct
{
    // Bucket b holds its slot + 1; 0 marks an empty bucket.
    private int[] _buckets;
    private long[] _keys;
    private T[] _values;
    private int _mask;
    private int _shift;

    internal KeyTable(int stride, int capacity = 64)
    {
        Stride = stride;
        int size = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2));
        _buckets = new int[size];
        _mask = size - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        _keys = new long[Math.Max(8, capacity)];
        _values = new T[_keys.Length * stride];
    }

    internal int Stride { get; }

    /// <summary>The number of slots in use.</summary>
    internal int Count { get; private set; }

    /// <summary>The key of each slot (valid up to <see cref="Count"/>).</summary>
    internal long[] Keys => _keys;

    /// <summary>The values, <see cref="Stride"/> per slot. Read this after <see cref="GetOrAdd"/>: growth replaces it.</summary>
    internal T[] Values => _values;

    /// <summary>The slot of <paramref name="key"/>, added with zero values when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int GetOrAdd(long key)
    {
        int b = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> _shift);
        var buckets = _buckets;
        var keys = _keys;
        while (true)
        {
            int slot = buckets[b] - 1;
            if (slot < 0)
            {
                return Insert(b, key);
            }

            if (keys[slot] == key)
            {
                return slot;
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
            int slot = _buckets[b] - 1;
            if (slot < 0 || _keys[slot] == key)
            {
                return slot;
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

        Array.Clear(_buckets);
        Array.Clear(_values, 0, Count * Stride);
        Count = 0;
    }

    private int Insert(int bucket, long key)
    {
        int slot = Count;
        if (slot == _keys.Length)
        {
            // Grow by half: at the institution level these arrays reach hundreds of megabytes.
            int length = _keys.Length + (_keys.Length / 2);
            Array.Resize(ref _keys, length);
            Array.Resize(ref _values, length * Stride);
        }

        _keys[slot] = key;
        Count = slot + 1;
        _buckets[bucket] = slot + 1;
        if (Count * 2 > _mask + 1)
        {
            Rehash((_mask + 1) * 2);
        }

        return slot;
    }

    private void Rehash(int size)
    {
        _buckets = new int[size];
        _mask = size - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        for (int slot = 0; slot < Count; slot++)
        {
            long key = _keys[slot];
            int b = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> _shift);
            while (_buckets[b] != 0)
            {
                b = (b + 1) & _mask;
            }

            _buckets[b] = slot + 1;
        }
    }
}
