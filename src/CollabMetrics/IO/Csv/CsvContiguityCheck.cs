using CollabMetrics.Aggregation;

namespace CollabMetrics.IO.Csv;

/// <summary>The 64-bit hash of a publication id that <see cref="CsvContiguityCheck"/> keeps.</summary>
internal delegate ulong PublicationIdHash(ReadOnlySpan<byte> id);

/// <summary>
/// Whether a publication id of a CollabMetrics CSV file is met for the first time (its rows are contiguous so far),
/// in bounded memory and exactly. While the ids come in ascending byte order (a file sorted by id), a new id greater
/// than the last cannot repeat an earlier one: only its 64-bit hash is appended to a list (8 bytes an id). At the
/// first id out of order the hashes move into a <see cref="HashKeySet"/> (about 11 bytes an id), and each id is
/// looked up there. A hash met again is either the same id (not contiguous) or two ids with one hash (rare): the
/// ids of the records before are read again from the start of the input (<c>idsBefore</c>) and compared exactly.
/// A collision changes nothing; a repeat switches the check to the exact ids (as UTF-8, about 25 bytes an id) for
/// the rest of the file, so that a lenient read of an unsorted file reads the input again once, not at each repeat.
/// An input that cannot be read again (standard input, a caller's stream) keeps the exact ids from the start.
/// The parsers compare each id with the one before it in their chunk (<see cref="ReadEvent.FollowsInOrder"/>), so
/// that in a sorted file only the first id of a chunk is compared here, with the last of the chunk before
/// (<see cref="ChunkEnded"/>). Not thread-safe: the consumer calls it in input order.
/// </summary>
internal sealed class CsvContiguityCheck
{
    private const int SegmentShift = 16;
    private const int SegmentSize = 1 << SegmentShift;

    private readonly PublicationIdHash _hash;
    private readonly Func<long, CorpusStringTable>? _idsBefore;

    // While the ids ascend: their hashes in order, and the last id.
    private List<ulong[]>? _ascending = [];
    private long _count;
    private byte[] _last = new byte[64];
    private int _lastLength;

    // Whether _last holds the last id (not when ids were taken in order from the parsers since it was copied).
    private bool _lastKnown = true;

    // Once an id came out of order: the hashes of every id so far.
    private HashKeySet? _hashes;

    // The exact ids, once one repeated (or from the start when the input cannot be read again).
    private CorpusStringTable? _exact;
    private bool _exactAscending;

    /// <summary>
    /// A check for one file. <paramref name="idsBefore"/> reads the input again and returns the distinct ids of the
    /// records before a record number (null when the input cannot be read again); <paramref name="hash"/> replaces
    /// the id hash (tests force collisions with it).
    /// </summary>
    internal CsvContiguityCheck(Func<long, CorpusStringTable>? idsBefore, PublicationIdHash? hash = null)
    {
        _idsBefore = idsBefore;
        _hash = hash ?? DefaultHash;
        if (idsBefore is null)
        {
            _exact = new CorpusStringTable();
            _exactAscending = true;
            _ascending = null;
        }
    }

    /// <summary>The id hash the check keeps: a parser computes it with the id (<see cref="IsNew(ReadOnlySpan{byte}, ulong, long)"/>).</summary>
    internal PublicationIdHash Hash => _hash;

    /// <summary>Whether the check keeps exact ids (the input cannot be read again, or an id repeated).</summary>
    internal bool IsExact => _exact is not null;

    /// <summary>Times the input was read again to confirm a hash met twice.</summary>
    internal int Confirmations { get; private set; }

    /// <summary>Bytes held by the check's tables.</summary>
    internal long Bytes =>
        _exact?.Bytes ?? _hashes?.Bytes ?? ((_ascending?.Count ?? 0) * (long)SegmentSize * sizeof(ulong)) + _last.Length;

    /// <summary>
    /// Whether <paramref name="id"/>, which starts record <paramref name="record"/> (a publication whose id differs
    /// from the row before), was not met before in this file; remembers it.
    /// </summary>
    internal bool IsNew(ReadOnlySpan<byte> id, long record) => IsNew(id, _exact is null ? _hash(id) : 0, record);

    /// <summary>
    /// As <see cref="IsNew(ReadOnlySpan{byte}, long)"/>, with the id's <see cref="Hash"/> computed already (by the
    /// parser that read the id, on its own thread).
    /// </summary>
    internal bool IsNew(ReadOnlySpan<byte> id, ulong hash, long record) => IsNew(id, hash, record, follows: false);

    /// <summary>
    /// As <see cref="IsNew(ReadOnlySpan{byte}, ulong, long)"/>; <paramref name="follows"/> tells that
    /// <paramref name="id"/> is known to be greater, in byte order, than the id given to the call before (the parser
    /// compared them: <see cref="ReadEvent.FollowsInOrder"/>), so that while the ids ascend it is not compared again.
    /// </summary>
    internal bool IsNew(ReadOnlySpan<byte> id, ulong hash, long record, bool follows)
    {
        if (_exact is not null)
        {
            return IsNewExact(id, follows);
        }

        if (_hashes is null)
        {
            if (_count != 0 && follows)
            {
                // Greater than the last id, which was greater than every id before it. The last id is copied at the
                // end of the chunk (ChunkEnded), not here.
                AppendHash(hash);
                _lastKnown = false;
                return true;
            }

            if (_count == 0 || (_lastKnown && id.SequenceCompareTo(_last.AsSpan(0, _lastLength)) > 0))
            {
                AppendAscending(hash, id);
                return true;
            }

            // Out of order, or the last id is not known (the caller did not say where its chunk ended): the set
            // answers, exactly, from here on.
            IndexHashes();
        }

        if (_hashes!.TryAdd(hash))
        {
            return true;
        }

        // The hash was met before: the same id, or another with the same hash. Compare with the ids read again.
        Confirmations++;
        var ids = _idsBefore!(record);
        int before = ids.Count;
        if (ids.Intern(id) == before)
        {
            // Two ids with one hash: this one is new, and the hash is in the set already.
            return true;
        }

        _exact = ids;
        _exactAscending = false;
        _hashes = null;
        return false;
    }

    /// <summary>The default hash: 64-bit XXH3 with seed 7.</summary>
    internal static ulong DefaultHash(ReadOnlySpan<byte> id) => RecordBatch.Hash64(id, 7);

    /// <summary>
    /// The end of a chunk whose last id given to <see cref="IsNew(ReadOnlySpan{byte}, ulong, long, bool)"/> was
    /// <paramref name="lastId"/>: it is copied, to be compared with the first id of the next chunk.
    /// </summary>
    internal void ChunkEnded(ReadOnlySpan<byte> lastId)
    {
        if (!_lastKnown && _hashes is null && _exact is null)
        {
            Remember(lastId);
        }
    }

    private void AppendAscending(ulong hash, ReadOnlySpan<byte> id)
    {
        AppendHash(hash);
        Remember(id);
    }

    private void AppendHash(ulong hash)
    {
        int offset = (int)(_count & (SegmentSize - 1));
        if (offset == 0)
        {
            _ascending!.Add(new ulong[SegmentSize]);
        }

        _ascending![^1][offset] = hash;
        _count++;
    }

    private void Remember(ReadOnlySpan<byte> id)
    {
        if (id.Length > _last.Length)
        {
            _last = new byte[Math.Max(id.Length, _last.Length * 2)];
        }

        id.CopyTo(_last);
        _lastLength = id.Length;
        _lastKnown = true;
    }

    /// <summary>The first id out of order: moves the hashes of the ids so far into the set, a segment at a time.</summary>
    private void IndexHashes()
    {
        var set = new HashKeySet(_count);
        var segments = _ascending!;
        long left = _count;
        for (int s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            int n = (int)Math.Min(left, SegmentSize);
            for (int i = 0; i < n; i++)
            {
                set.TryAdd(segment[i]);
            }

            left -= n;
            segments[s] = [];
        }

        _hashes = set;
        _ascending = null;
        _last = [];
    }

    /// <summary>
    /// The exact rule: every id kept as UTF-8. While the ids ascend they are appended without a hash index, which is
    /// built at the first id out of order.
    /// </summary>
    private bool IsNewExact(ReadOnlySpan<byte> id, bool follows)
    {
        var seen = _exact!;
        if (_exactAscending)
        {
            int count = seen.Count;
            if (count == 0 || follows || id.SequenceCompareTo(seen.Utf8(count - 1)) > 0)
            {
                seen.AppendUnindexed(id);
                return true;
            }

            _exactAscending = false;
            for (int i = 0; i < count; i++)
            {
                seen.IndexExisting(i, CorpusHashIndex.Hash(seen.Utf8(i)));
            }
        }

        int before = seen.Count;
        return seen.Intern(id) == before;
    }
}
