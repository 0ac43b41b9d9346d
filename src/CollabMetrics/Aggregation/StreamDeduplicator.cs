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
/// Ids and DOIs are remembered as 64-bit hashes in open-addressing sets (8 bytes a publication at most half full, for
/// each): a false duplicate (two hashes alike, a probability of about n² / 2⁶⁵) only sends the caller to the corpus,
/// so the answer is exact either way. Not thread-safe.
/// </remarks>
internal sealed class StreamDeduplicator
{
    private readonly IngestReport _report;
    private readonly HashTable? _ids;
    private readonly HashTable? _dois;
    private readonly RecordBatch _one = new();
    private readonly DocumentFilter _documents;

    internal StreamDeduplicator(CorpusOptions options, IngestReport report)
    {
        ArgumentNullException.ThrowIfNull(options);
        _report = report;
        _ids = options.DetectDuplicateIds ? new HashTable() : null;
        _dois = options.MergeByDoi ? new HashTable() : null;
        _documents = options.Documents;
    }

    /// <summary>Publications accepted so far.</summary>
    internal long Accepted { get; private set; }

    /// <summary>Bytes held by the hash sets.</summary>
    internal long Bytes => (_ids?.Bytes ?? 0) + (_dois?.Bytes ?? 0);

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

    /// <summary>As <see cref="Accept(Publication, out bool)"/>, for publication <paramref name="k"/> of a batch (its id and DOI hashed by the reader).</summary>
    internal bool Accept(RecordBatch batch, int k, out bool excluded)
    {
        excluded = false;
        if (_ids is not null && !_ids.TryAdd(batch.IdHash(k)))
        {
            return false;
        }

        if (batch.HasDoi(k) && _dois is not null && !_dois.TryAdd(batch.DoiHash(k)))
        {
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
            _report.AddAuthorsTruncated();
        }

        if (batch.Year(k) is not (> 0 and <= short.MaxValue))
        {
            _report.AddWithoutYear();
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
            _report.AddWithoutCountry();
        }

        _report.AddAccepted();
        Accepted++;
        return true;
    }

    /// <summary>An open-addressing set of 64-bit hashes; at most half full.</summary>
    private sealed class HashTable
    {
        private ulong[] _keys = new ulong[1 << 12];
        private int _shift = 64 - 12;
        private bool _hasZero;
        private int _count;

        public long Bytes => (long)_keys.Length * sizeof(ulong);

        /// <summary>Adds <paramref name="hash"/>; false when it is there already.</summary>
        public bool TryAdd(ulong hash)
        {
            if (hash == 0)
            {
                // 0 marks an empty slot: the one key 0 lives outside the table.
                if (_hasZero)
                {
                    return false;
                }

                _hasZero = true;
                return true;
            }

            int mask = _keys.Length - 1;
            int i = (int)(hash >> _shift);
            while (_keys[i] != 0)
            {
                if (_keys[i] == hash)
                {
                    return false;
                }

                i = (i + 1) & mask;
            }

            _keys[i] = hash;
            if (++_count * 2 > _keys.Length)
            {
                Grow();
            }

            return true;
        }

        private void Grow()
        {
            var keys = _keys;
            _keys = new ulong[keys.Length * 2];
            _shift--;
            int mask = _keys.Length - 1;
            foreach (ulong key in keys)
            {
                if (key != 0)
                {
                    int i = (int)(key >> _shift);
                    while (_keys[i] != 0)
                    {
                        i = (i + 1) & mask;
                    }

                    _keys[i] = key;
                }
            }
        }
    }
}
