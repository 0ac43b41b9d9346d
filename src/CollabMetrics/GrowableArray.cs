namespace CollabMetrics;

/// <summary>An append-only buffer that hands over its array, trimmed, without a second copy when it is full.</summary>
internal struct GrowableArray<T>
{
    private T[] _items;
    private int _count;

    public GrowableArray(int capacity) => _items = capacity == 0 ? [] : new T[capacity];

    /// <summary>A buffer holding <paramref name="items"/> (taken over, not copied).</summary>
    public GrowableArray(T[] items)
    {
        _items = items;
        _count = items.Length;
    }

    public readonly int Count => _count;

    public readonly T this[int index] => _items[index];

    /// <summary>The items added so far.</summary>
    public readonly ReadOnlySpan<T> Items => _items.AsSpan(0, _count);

    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        _items[_count++] = item;
    }

    public void Set(int index, T item) => _items[index] = item;

    /// <summary>Makes room for <paramref name="capacity"/> items in all (an estimate of what is coming; never a limit).</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            Array.Resize(ref _items, capacity);
        }
    }

    /// <summary>Forgets the items, keeping the buffer.</summary>
    public void Clear() => _count = 0;

    /// <summary>Returns the items in an array of exactly <see cref="Count"/> elements; the buffer is left empty.</summary>
    public T[] Detach()
    {
        var items = _items;
        if (items.Length != _count)
        {
            Array.Resize(ref items, _count);
        }

        _items = [];
        _count = 0;
        return items;
    }

    private void Grow()
    {
        // Grow by half rather than double: these buffers reach hundreds of megabytes.
        int newLength = Math.Max(16, _items.Length + (_items.Length / 2));
        Array.Resize(ref _items, newLength);
    }
}
