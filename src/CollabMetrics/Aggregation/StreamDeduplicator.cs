using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics.Aggregation;

/// <summary>
/// The duplicate rules and report counts of <see cref="CorpusBuilder"/> for publications that pass by without being
/// kept: a publication whose (source, id) was accepted already is dropped; one whose DOI was accepted already is
/// merged into that one (with today's corpus rule the first record wins, so it is dropped); the report gets the same
/// counts and examples, in the same order, as a corpus built from the same input.
/// </summary>
/// <remarks>
/// Ids and DOIs are remembered as 64-bit hashes in open-addressing tables (16 bytes a publication at most half
/// full), not as strings; so two different ids (or DOIs) are taken for one with a probability of about n² / 2⁶⁵
/// (3 in 100 million for a million publications). Only the ids of publications with a DOI are kept, as UTF-8 bytes,
/// to name the record a later duplicate is merged into, as the corpus's report does. Not thread-safe.
/// </remarks>
internal sealed class StreamDeduplicator
{
    private readonly IngestReport _report;
    private readonly HashTable? _ids;
    private readonly HashTable? _dois;
    private byte[] _keptIds = new byte[1 << 12];
    private int _keptLength;

    internal StreamDeduplicator(CorpusOptions options, IngestReport report)
    {
        ArgumentNullException.ThrowIfNull(options);
        _report = report;
        _ids = options.DetectDuplicateIds ? new HashTable(withValues: false) : null;
        _dois = options.MergeByDoi ? new HashTable(withValues: true) : null;
    }

    /// <summary>Publications accepted so far.</summary>
    internal long Accepted { get; private set; }

    /// <summary>Bytes held by the tables and the kept ids.</summary>
    internal long Bytes => (_ids?.Bytes ?? 0) + (_dois?.Bytes ?? 0) + _keptIds.Length;

    /// <summary>
    /// Whether <paramref name="publication"/> counts (true) or is a duplicate (false), with the report updated as
    /// <see cref="CorpusBuilder.Add"/> updates it.
    /// </summary>
    internal bool Accept(Publication publication)
    {
        if (_ids is not null && !_ids.TryAdd(Hash.Of((int)publication.Source, publication.Id), 0))
        {
            _report.AddDuplicateId(publication.Position, publication.Id);
            return false;
        }

        var doi = Doi.Normalize(publication.Doi);
        if (doi is not null && _dois is not null)
        {
            ulong hash = Hash.Of(0, doi);
            if (!_dois.TryAdd(hash, _keptLength))
            {
                _report.AddDuplicateDoi(publication.Position, doi, KeptId(_dois.ValueOf(hash)));
                return false;
            }

            KeepId(publication.Id);
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

    /// <summary>Appends the id as its UTF-8 length (4 bytes) and bytes.</summary>
    private void KeepId(string id)
    {
        int length = Encoding.UTF8.GetByteCount(id);
        int needed = _keptLength + 4 + length;
        if (needed > _keptIds.Length)
        {
            // Grow by half: the pool reaches tens of megabytes.
            Array.Resize(ref _keptIds, Math.Max(needed, _keptIds.Length + (_keptIds.Length / 2)));
        }

        BitConverter.TryWriteBytes(_keptIds.AsSpan(_keptLength, 4), length);
        Encoding.UTF8.GetBytes(id, _keptIds.AsSpan(_keptLength + 4, length));
        _keptLength = needed;
    }

    private string KeptId(int offset)
    {
        int length = BitConverter.ToInt32(_keptIds, offset);
        return Encoding.UTF8.GetString(_keptIds, offset + 4, length);
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

    /// <summary>An open-addressing set of 64-bit hashes, with an <see cref="int"/> value each or none; at most half full.</summary>
    private sealed class HashTable(bool withValues)
    {
        private ulong[] _keys = new ulong[1 << 12];
        private int[] _values = withValues ? new int[1 << 12] : [];
        private int _shift = 64 - 12;
        private bool _hasZero;
        private int _zeroValue;
        private int _count;

        public long Bytes => ((long)_keys.Length * sizeof(ulong)) + ((long)_values.Length * sizeof(int));

        /// <summary>Adds <paramref name="hash"/> with <paramref name="value"/>; false when it is there already.</summary>
        public bool TryAdd(ulong hash, int value)
        {
            if (hash == 0)
            {
                // 0 marks an empty slot: the one key 0 lives outside the table.
                if (_hasZero)
                {
                    return false;
                }

                _hasZero = true;
                _zeroValue = value;
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
            if (withValues)
            {
                _values[i] = value;
            }

            if (++_count * 2 > _keys.Length)
            {
                Grow();
            }

            return true;
        }

        /// <summary>The value of a hash that is in the table.</summary>
        public int ValueOf(ulong hash)
        {
            if (hash == 0)
            {
                return _zeroValue;
            }

            int mask = _keys.Length - 1;
            int i = (int)(hash >> _shift);
            while (_keys[i] != hash)
            {
                i = (i + 1) & mask;
            }

            return _values[i];
        }

        private void Grow()
        {
            var keys = _keys;
            var values = _values;
            _keys = new ulong[keys.Length * 2];
            _values = withValues ? new int[keys.Length * 2] : [];
            _shift--;
            int mask = _keys.Length - 1;
            for (int j = 0; j < keys.Length; j++)
            {
                if (keys[j] != 0)
                {
                    int i = (int)(keys[j] >> _shift);
                    while (_keys[i] != 0)
                    {
                        i = (i + 1) & mask;
                    }

                    _keys[i] = keys[j];
                    if (withValues)
                    {
                        _values[i] = values[j];
                    }
                }
            }
        }
    }
}
