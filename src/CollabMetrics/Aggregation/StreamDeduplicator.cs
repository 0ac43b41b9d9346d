using System.Numerics;
using System.Runtime.InteropServices;
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
        excluded = false;
        if (_ids is not null && !_ids.TryAdd(Hash.Of((int)publication.Source, publication.Id)))
        {
            return false;
        }

        var doi = Doi.Normalize(publication.Doi);
        if (doi is not null && _dois is not null && !_dois.TryAdd(Hash.Of(0, doi)))
        {
            return false;
        }

        if (_documents.Excludes(DocumentInfo.Of(publication), publication.Authors.Count) is { } reason)
        {
            _report.AddExcluded(reason);
            excluded = true;
            return true;
        }

        if (publication.AuthorsTruncated)
        {
            _report.AddAuthorsTruncated();
        }

        if (publication.Year is not (> 0 and <= short.MaxValue))
        {
            _report.AddWithoutYear();
        }

        if (!HasCountry(publication))
        {
            _report.AddWithoutCountry();
        }

        _report.AddAccepted();
        Accepted++;
        return true;
    }

    private static bool HasCountry(Publication publication)
    {
        var authors = publication.Authors;
        for (int a = 0; a < authors.Count; a++)
        {
            var affiliations = authors[a].Affiliations;
            for (int f = 0; f < affiliations.Count; f++)
            {
                if (affiliations[f].Country.IsKnown)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A 64-bit hash of a small tag and a string (xxHash64-style lanes over the UTF-16 code units).</summary>
    internal static class Hash
    {
        private const ulong Prime1 = 0x9E3779B185EBCA87UL;
        private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
        private const ulong Prime3 = 0x165667B19E3779F9UL;
        private const ulong Prime5 = 0x27D4EB2F165667C5UL;

        internal static ulong Of(int tag, string text)
        {
            var chars = text.AsSpan();
            ulong h = Prime5 + ((ulong)(uint)tag * Prime3) + ((ulong)chars.Length * 2);
            var words = MemoryMarshal.Cast<char, ulong>(chars);
            foreach (ulong word in words)
            {
                h ^= Round(word);
                h = (BitOperations.RotateLeft(h, 27) * Prime1) + Prime3;
            }

            for (int i = words.Length * 4; i < chars.Length; i++)
            {
                h ^= chars[i] * Prime5;
                h = BitOperations.RotateLeft(h, 11) * Prime1;
            }

            h ^= h >> 33;
            h *= Prime2;
            h ^= h >> 29;
            h *= Prime3;
            h ^= h >> 32;
            return h;
        }

        private static ulong Round(ulong input) => BitOperations.RotateLeft(input * Prime2, 31) * Prime1;
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
