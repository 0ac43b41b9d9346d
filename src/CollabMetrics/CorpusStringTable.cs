using System.Text;

namespace CollabMetrics;

/// <summary>
/// Distinct strings (author keys, author names, affiliation addresses, file names) as UTF-8 bytes in a pool, each
/// stored once and referred to by its index; a string object is made only when a value is read. While the corpus is
/// built, <see cref="Intern(ReadOnlySpan{byte})"/> finds a string already stored through a hash index that keeps no strings.
/// </summary>
internal sealed class CorpusStringTable
{
    /// <summary>The size the pool's first segment grows to (doubling); later segments have this size from the start.</summary>
    private const int SegmentSize = 1 << 20;

    /// <summary>A string at least this long gets a segment of its own (so a sealed segment wastes less than this).</summary>
    private const int LargeString = SegmentSize / 16;

    private readonly List<byte[]> _segments = [];
    private GrowableArray<long> _starts = new(64);
    private GrowableArray<int> _lengths = new(64);
    private CorpusHashIndex _index = new(64);
    private byte[] _current = new byte[1024];
    private int _currentSegment;
    private int _used;
    private bool _frozen;

    internal CorpusStringTable() => _segments.Add(_current);

    /// <summary>The number of distinct strings.</summary>
    internal int Count => _starts.Count;

    /// <summary>Bytes held: pool segments and the per-string start and length.</summary>
    internal long Bytes
    {
        get
        {
            long bytes = ((long)_starts.Count * sizeof(long)) + ((long)_lengths.Count * sizeof(int)) + _index.Bytes;
            foreach (var segment in _segments)
            {
                bytes += segment.Length;
            }

            return bytes;
        }
    }

    /// <summary>The index of <paramref name="utf8"/>, adding it when new.</summary>
    internal int Intern(ReadOnlySpan<byte> utf8) => Intern(utf8, CorpusHashIndex.Hash(utf8));

    /// <summary>The index of <paramref name="utf8"/>, adding it when new, with its hash computed by the caller (the same function for every call on this table).</summary>
    internal int Intern(ReadOnlySpan<byte> utf8, uint hash)
    {
        if (_frozen)
        {
            throw new InvalidOperationException("The table is complete; no string can be added.");
        }

        if (_index.Count != _starts.Count)
        {
            throw new InvalidOperationException("Strings appended without the index must be indexed before a string is looked up.");
        }

        var candidate = new Candidate(this, utf8);
        int found = _index.Find(hash, ref candidate);
        if (found >= 0)
        {
            return found;
        }

        int index = Store(utf8);
        _index.Add(hash, index);
        return index;
    }

    /// <summary>
    /// Reads the hash slot where <see cref="Intern(ReadOnlySpan{byte}, uint)"/> of <paramref name="hash"/> will look
    /// (see <see cref="CorpusHashIndex.Touch"/>); the value is of no use but to keep the read.
    /// </summary>
    internal ulong Touch(uint hash) => _index.Touch(hash);

    /// <summary>
    /// Stores <paramref name="utf8"/>, which the caller knows is new, without looking it up or indexing it (see
    /// <see cref="IndexExisting"/>): the hash index is left out until a lookup needs it.
    /// </summary>
    internal int AppendUnindexed(ReadOnlySpan<byte> utf8)
    {
        if (_frozen)
        {
            throw new InvalidOperationException("The table is complete; no string can be added.");
        }

        return Store(utf8);
    }

    /// <summary>Strings in the hash index (the first ones; those after were appended unindexed).</summary>
    internal int Indexed => _index.Count;

    /// <summary>
    /// Puts string <paramref name="index"/>, stored with <see cref="AppendUnindexed"/>, into the hash index under
    /// <paramref name="hash"/> (the function <see cref="Intern(ReadOnlySpan{byte}, uint)"/> is called with); strings
    /// are indexed in order.
    /// </summary>
    internal void IndexExisting(int index, uint hash)
    {
        if (index != _index.Count || index >= _starts.Count)
        {
            throw new InvalidOperationException("Strings are indexed once each, in order.");
        }

        if (index == 0)
        {
            // Sized once for every string stored so far.
            _index = new CorpusHashIndex(_starts.Count);
        }

        _index.Add(hash, index);
    }

    /// <summary>
    /// Appends <paramref name="utf8"/> to the pool. Segments are not copied as the pool grows (but the first, while it
    /// is smaller than a segment): a full one is left as it is and a new one started, so a large table writes each
    /// byte once and allocates little more than its size; a long string gets a segment of its own.
    /// </summary>
    private int Store(ReadOnlySpan<byte> utf8)
    {
        int segment, offset;
        if (utf8.Length >= LargeString)
        {
            segment = _segments.Count;
            offset = 0;
            _segments.Add(utf8.ToArray());
        }
        else
        {
            if (_current.Length - _used < utf8.Length)
            {
                if (_used + utf8.Length <= SegmentSize && _current.Length < SegmentSize)
                {
                    Array.Resize(ref _current, Math.Min(SegmentSize, Math.Max(_used + utf8.Length, _current.Length * 2)));
                }
                else
                {
                    // The full segment keeps fewer than LargeString bytes unused.
                    _current = new byte[SegmentSize];
                    _currentSegment = _segments.Count;
                    _segments.Add(_current);
                    _used = 0;
                }

                _segments[_currentSegment] = _current;
            }

            segment = _currentSegment;
            offset = _used;
            utf8.CopyTo(_current.AsSpan(_used));
            _used += utf8.Length;
        }

        int index = _starts.Count;
        _starts.Add(((long)segment << 32) | (uint)offset);
        _lengths.Add(utf8.Length);
        return index;
    }

    /// <summary>The index of <paramref name="value"/>, adding it when new.</summary>
    internal int Intern(string value, ref byte[] scratch)
    {
        int length = CorpusStringColumn.Utf8(value, ref scratch);
        return Intern(scratch.AsSpan(0, length));
    }

    /// <summary>The UTF-8 bytes of string <paramref name="index"/>.</summary>
    internal ReadOnlySpan<byte> Utf8(int index)
    {
        long start = _starts[index];
        return _segments[(int)(start >> 32)].AsSpan((int)start, _lengths[index]);
    }

    /// <summary>String <paramref name="index"/> as a new string.</summary>
    internal string Get(int index) => Encoding.UTF8.GetString(Utf8(index));

    /// <summary>Every string, in index order (for small tables such as file names).</summary>
    internal string[] ToArray()
    {
        var all = new string[Count];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = Get(i);
        }

        return all;
    }

    /// <summary>Drops the hash index and the unused end of the pool: no string can be added afterwards.</summary>
    internal void Freeze()
    {
        if (_frozen)
        {
            return;
        }

        _frozen = true;
        _index.Release();
        if (_used < _current.Length)
        {
            _current = _current.AsSpan(0, _used).ToArray();
            _segments[_currentSegment] = _current;
        }

        _starts = new GrowableArray<long>(_starts.Detach());
        _lengths = new GrowableArray<int>(_lengths.Detach());
    }

    private readonly ref struct Candidate(CorpusStringTable table, ReadOnlySpan<byte> value) : IHashCandidate
    {
        private readonly CorpusStringTable _table = table;
        private readonly ReadOnlySpan<byte> _value = value;

        public bool Matches(int index) => _table.Utf8(index).SequenceEqual(_value);
    }
}
