using System.Runtime.CompilerServices;

namespace CollabMetrics.Aggregation;

/// <summary>
/// An open-addressing hash table from non-negative <see cref="long"/> keys to dense slots numbered in insertion
/// order, each slot owning <see cref="Stride"/> values of type <typeparamref name="T"/>. Linear probing, power-of-two capacity, at most half full.
/// A bucket holds only its slot (4 bytes; the key is read from the slot), so the index costs 8 to 16 bytes a key:
/// at the institution level tables hold millions of pairs. Insertion order makes every iteration deterministic.
/// </summary>
/// <remarks>
/// A paged table keeps its keys and values in pages of <see cref="PageSlots"/> slots once it outgrows the first: growing
/// adds a page and copies nothing, so a table of hundreds of megabytes leaves no copies behind for the collector and
/// holds at most one page it does not use (a streamed full cube's tables grow for as long as publications come). Only
/// the buckets are still replaced when the table doubles.
/// </remarks>
/// <typeparam name="T">The value type: <see cref="double"/>, or the cube's fixed-point sums (<see cref="CompactSum"/>, see <see cref="SumTable"/>).</typeparam>
internal sealed class KeyTable<T>
    where T : struct
{
    // Bucket b holds its slot + 1; 0 marks an empty bucket.
    private int[] _buckets;

    // The keys of slots 0 to PageSlots - 1 (of every slot when not paged), then one page per PageSlots slots.
    private long[] _keys;
    private long[][] _keyPages;

    // The values of slots 0 to PageSlots - 1 (of every slot when not paged), then one page per PageSlots slots.
    private T[] _values;
    private T[][] _pages;
    private readonly bool _paged;
    private int _mask;
    private int _shift;

    /// <summary>Bits of a slot number below its page.</summary>
    internal const int PageBits = 12;

    /// <summary>Slots of a page of a paged table.</summary>
    internal const int PageSlots = 1 << PageBits;

    private const int PageMask = PageSlots - 1;

    /// <param name="stride">Values per slot.</param>
    /// <param name="capacity">Slots to start with.</param>
    /// <param name="paged">Whether the values are kept in pages (read them with <see cref="Row"/>) rather than in one array (<see cref="Values"/>).</param>
    internal KeyTable(int stride, int capacity = 64, bool paged = false)
    {
        Stride = stride;
        _paged = paged;
        if (paged)
        {
            capacity = Math.Min(capacity, PageSlots);
        }

        int size = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2));
        _buckets = new int[size];
        _mask = size - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        _keys = new long[Math.Max(8, capacity)];
        _values = new T[_keys.Length * stride];
        _pages = paged ? [_values] : [];
        _keyPages = paged ? [_keys] : [];
    }

    internal int Stride { get; }

    /// <summary>The <see cref="Stride"/> values of <paramref name="slot"/>. Read this after <see cref="GetOrAdd"/>: growth may replace it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<T> Row(int slot) =>
        _paged && slot >= PageSlots
            ? _pages[slot >> PageBits].AsSpan((slot & PageMask) * Stride, Stride)
            : _values.AsSpan(slot * Stride, Stride);

    /// <summary>
    /// Value <paramref name="field"/> (below <see cref="Stride"/>) of <paramref name="slot"/>, by reference: what
    /// <see cref="Row"/> gives, without a span. A span of <typeparamref name="T"/> is CoreLib's generic code over a
    /// type of this library, which no ReadyToRun image holds, so precompiled code that reads a table cell by cell (the
    /// merge and the finish) uses this. Read it after <see cref="GetOrAdd"/>: growth may replace it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref T Value(int slot, int field)
    {
        System.Diagnostics.Debug.Assert((uint)field < (uint)Stride, "A field of the slot.");
        return ref _paged && slot >= PageSlots
            ? ref _pages[slot >> PageBits][((slot & PageMask) * Stride) + field]
            : ref _values[(slot * Stride) + field];
    }

    /// <summary>The number of slots in use.</summary>
    internal int Count { get; private set; }

    /// <summary>The key of each slot (valid up to <see cref="Count"/>) of a table that is not paged.</summary>
    internal long[] Keys => _paged ? throw new InvalidOperationException("A paged table's keys are read one by one.") : _keys;

    /// <summary>The key of <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long Key(int slot) =>
        _paged && slot >= PageSlots ? _keyPages[slot >> PageBits][slot & PageMask] : _keys[slot];

    /// <summary>The values, <see cref="Stride"/> per slot, of a table that is not paged. Read this after <see cref="GetOrAdd"/>: growth replaces it.</summary>
    internal T[] Values => _paged ? throw new InvalidOperationException("A paged table's values are read by row.") : _values;

    /// <summary>The slot of <paramref name="key"/>, added with zero values when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int GetOrAdd(long key)
    {
        int b = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> _shift);
        var buckets = _buckets;
        while (true)
        {
            int slot = buckets[b] - 1;
            if (slot < 0)
            {
                return Insert(b, key);
            }

            if (Key(slot) == key)
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
            if (slot < 0 || Key(slot) == key)
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
        if (_paged)
        {
            for (int p = 0; p < _pages.Length; p++)
            {
                Array.Clear(_pages[p]);
            }
        }
        else
        {
            Array.Clear(_values, 0, Count * Stride);
        }

        Count = 0;
    }

    private int Insert(int bucket, long key)
    {
        int slot = Count;
        if (!_paged)
        {
            if (slot == _keys.Length)
            {
                // Grow by half: at the institution level these arrays reach hundreds of megabytes.
                int length = _keys.Length + (_keys.Length / 2);
                Array.Resize(ref _keys, length);
                Array.Resize(ref _values, length * Stride);
            }

            _keys[slot] = key;
        }
        else if (slot < PageSlots)
        {
            if (slot == _keys.Length)
            {
                // The first page grows by half up to its full size.
                int length = Math.Min(_keys.Length + (_keys.Length / 2), PageSlots);
                Array.Resize(ref _keys, length);
                Array.Resize(ref _values, length * Stride);
                _keyPages[0] = _keys;
                _pages[0] = _values;
            }

            _keys[slot] = key;
        }
        else
        {
            if ((slot & PageMask) == 0)
            {
                // A new page; the ones before stay where they are.
                Array.Resize(ref _pages, (slot >> PageBits) + 1);
                _pages[^1] = new T[PageSlots * Stride];
                Array.Resize(ref _keyPages, (slot >> PageBits) + 1);
                _keyPages[^1] = new long[PageSlots];
            }

            _keyPages[slot >> PageBits][slot & PageMask] = key;
        }

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
            long key = Key(slot);
            int b = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> _shift);
            while (_buckets[b] != 0)
            {
                b = (b + 1) & _mask;
            }

            _buckets[b] = slot + 1;
        }
    }
}
