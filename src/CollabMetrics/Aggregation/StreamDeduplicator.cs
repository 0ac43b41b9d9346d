using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics.Aggregation;

/// <summary>
/// Watches publications pass by for what would make a corpus merge records (a (source, id) or a DOI seen before),
/// and counts the others in the report as <see cref="CorpusBuilder"/> does (accepted, without a year, without a
/// country). A corpus merges duplicates by a rule that can change the first record (the union of what every record
/// of the work says), so a stream cannot count a record before it knows it has no duplicate: at the first duplicate,
/// the caller leaves the stream and answers through a corpus, which is exact by construction.
/// </summary>
/// <remarks>
/// Ids and DOIs are remembered as 64-bit hashes in two <see cref="HashKeySet"/>s (about 11 bytes a key, so about 22
/// bytes a publication with an id and a DOI): a false duplicate (two different ids, or two different DOIs, with the
/// same hash: a probability of about n² / 2⁶⁵ for n publications, under 10⁻⁴ at 50 million) only sends the caller to
/// the corpus, so the answer is exact either way. The slots of the next few publications of a batch are read
/// together before their keys are added one publication at a time, so that their cache misses overlap. The counts
/// are kept here and added to the report (which takes a lock) every <see cref="CountsEvery"/> publications, at a
/// duplicate and at <see cref="Release"/>. Not thread-safe.
/// </remarks>
internal sealed class StreamDeduplicator
{
    private readonly IngestReport _report;
    private HashKeySet? _ids;
    private HashKeySet? _dois;
    private bool _released;
    private readonly RecordBatch _one = new();
    private readonly DocumentFilter _documents;

    // The batch (and its version) whose publications from _touchedStart to _touchedEnd had their slots read.
    private RecordBatch? _batch;
    private int _batchVersion;
    private int _touchedStart;
    private int _touchedEnd;
    private ulong _touched;

    // Counted since the report was last brought up to date.
    private long _accepted;
    private long _withoutYear;
    private long _withoutCountry;
    private long _authorsTruncated;

    /// <summary>Publications counted here before the counts are added to the report.</summary>
    internal const int CountsEvery = 4096;

    /// <summary>Publications whose slots are read together.</summary>
    internal const int Window = 8;

    /// <param name="options">What a corpus would merge (ids, DOIs) and leave out.</param>
    /// <param name="report">Where the publications are counted.</param>
    /// <param name="expected">About how many publications will pass (an estimate, 0 when unknown): the sets start at that size.</param>
    internal StreamDeduplicator(CorpusOptions options, IngestReport report, long expected = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        _report = report;
        _ids = options.DetectDuplicateIds ? new HashKeySet(expected) : null;
        _dois = options.MergeByDoi ? new HashKeySet(expected) : null;
        _documents = options.Documents;
    }

    /// <summary>Publications accepted so far.</summary>
    internal long Accepted { get; private set; }

    /// <summary>Bytes held by the hash sets.</summary>
    internal long Bytes => (_ids?.Bytes ?? 0) + (_dois?.Bytes ?? 0);

    /// <summary>
    /// Sets of at least this many bytes are collected as soon as they are released (<see cref="Release"/>): about
    /// 6 million publications with ids and DOIs.
    /// </summary>
    internal const long CollectAtRelease = 128L << 20;

    /// <summary>
    /// Lets the sets go: the read is over (or leaves the stream for a corpus), and nothing more is accepted. Sets of
    /// <see cref="CollectAtRelease"/> bytes or more are collected at once, in one full, blocking collection that also
    /// gives their memory back to the system (<see cref="GCCollectionMode.Aggressive"/>): they are hundreds of large
    /// arrays, at 50 million publications 1.1 GB, which would otherwise stay in the process (garbage until the next
    /// full collection, then kept by the collector for later allocations) while what comes next (the cube's finish,
    /// or a corpus) takes memory beside them. The collection compacts what is alive (mostly the cube's tables), about
    /// a second at 50 million publications, once per read of that size.
    /// </summary>
    internal void Release()
    {
        if (!_released)
        {
            FlushCounts();
        }

        long bytes = Bytes;
        _ids = null;
        _dois = null;
        _batch = null;
        _released = true;
        if (bytes >= CollectAtRelease)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    /// <summary>
    /// Counts <paramref name="publication"/> as a corpus would and returns true; or returns false, counting nothing,
    /// when a corpus would merge it with a record seen before (same source and id, or same DOI).
    /// <paramref name="excluded"/> tells whether the corpus's <see cref="DocumentFilter"/> leaves it out (counted in
    /// the report as excluded, not accepted).
    /// </summary>
    internal bool Accept(Publication publication, out bool excluded)
    {
        _one.Clear();
        _one.Add(publication);
        return Accept(_one, 0, out excluded);
    }

    /// <summary>
    /// As <see cref="Accept(Publication, out bool)"/>, for publication <paramref name="k"/> of a batch (its id and DOI
    /// hashed by the reader).
    /// </summary>
    internal bool Accept(RecordBatch batch, int k, out bool excluded)
    {
        if (_released)
        {
            throw new InvalidOperationException("The duplicate check was released: it accepts nothing more.");
        }

        excluded = false;
        if (_batch != batch || _batchVersion != batch.Version || k < _touchedStart)
        {
            _batch = batch;
            _batchVersion = batch.Version;
            _touchedStart = k;
            _touchedEnd = k;
        }

        if (k >= _touchedEnd)
        {
            Touch(batch, k);
        }

        if ((_ids is not null && !_ids.TryAdd(batch.IdHash(k)))
            || (batch.HasDoi(k) && _dois is not null && !_dois.TryAdd(batch.DoiHash(k))))
        {
            FlushCounts();
            return false;
        }

        byte document = batch.Document(k);
        if (_documents.Excludes(document, batch.AuthorEnd(k) - batch.AuthorStart(k)) is { } reason)
        {
            _report.AddExcluded(reason);
            excluded = true;
            return true;
        }

        if ((document & DocumentInfo.AuthorsTruncated) != 0)
        {
            _authorsTruncated++;
        }

        if (batch.Year(k) is not (> 0 and <= short.MaxValue))
        {
            _withoutYear++;
        }

        bool hasCountry = false;
        int authorEnd = batch.AuthorEnd(k);
        for (int a = batch.AuthorStart(k); a < authorEnd && !hasCountry; a++)
        {
            int entryEnd = batch.EntryEnd(a);
            for (int e = batch.EntryStart(a); e < entryEnd; e++)
            {
                if (batch.EntryCountry(e) != 0)
                {
                    hasCountry = true;
                    break;
                }
            }
        }

        if (!hasCountry)
        {
            _withoutCountry++;
        }

        Accepted++;
        if (++_accepted == CountsEvery)
        {
            FlushCounts();
        }

        return true;
    }

    /// <summary>Adds the counts kept here to the report.</summary>
    private void FlushCounts()
    {
        if ((_accepted | _withoutYear | _withoutCountry | _authorsTruncated) == 0)
        {
            return;
        }

        _report.AddAccepted(_accepted);
        _report.AddWithoutYear(_withoutYear);
        _report.AddWithoutCountry(_withoutCountry);
        _report.AddAuthorsTruncated(_authorsTruncated);
        _accepted = _withoutYear = _withoutCountry = _authorsTruncated = 0;
    }

    /// <summary>
    /// Reads the slots where the keys of publications <paramref name="k"/> to <c>k + </c><see cref="Window"/> - 1 of the
    /// batch (those it has) start their probes, one after the other, so that their cache misses overlap instead of
    /// coming one publication at a time; <see cref="HashKeySet.TryAdd"/> then finds the lines in the cache. Changes
    /// nothing in the sets.
    /// </summary>
    private void Touch(RecordBatch batch, int k)
    {
        int end = Math.Min(batch.Count, k + Window);
        ulong touched = 0;
        for (int j = k; j < end; j++)
        {
            if (_ids is not null)
            {
                touched ^= _ids.Touch(batch.IdHash(j));
            }

            if (_dois is not null && batch.HasDoi(j))
            {
                touched ^= _dois.Touch(batch.DoiHash(j));
            }
        }

        _touchedEnd = end;

        // Keeps the reads (nothing reads the value).
        _touched ^= touched;
    }
}
