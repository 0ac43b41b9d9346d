using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics;

internal sealed partial class CorpusStorage
{
    /// <summary>Which optional columns a <see cref="Writer"/> fills.</summary>
    /// <param name="Dois">DOIs.</param>
    /// <param name="AuthorKeys">Author keys (author-level graphs).</param>
    /// <param name="AuthorNames">Author names.</param>
    /// <param name="Addresses">Affiliation address texts.</param>
    /// <param name="Positions">File, line and record of each publication.</param>
    internal readonly record struct Columns(bool Dois, bool AuthorKeys, bool AuthorNames, bool Addresses, bool Positions)
    {
        /// <summary>Every column.</summary>
        internal static Columns All => new(true, true, true, true, true);
    }

    /// <summary>
    /// Appends publications to new storage, one at a time: <see cref="BeginPublication"/>, then for each author
    /// <see cref="BeginAuthor"/> and its affiliations (<see cref="AddAffiliation"/>), then
    /// <see cref="EndPublication"/>. The only code that packs entries. Used once: <see cref="ToStorage"/> hands the
    /// arrays over.
    /// </summary>
    internal sealed class Writer
    {
        // The columns, as fields: the storage constructor detaches them.
        internal GrowableArray<short> Years;
        internal GrowableArray<byte> SourceBytes;
        internal GrowableArray<byte> DocumentBytes;
        internal GrowableArray<int> EntryStart;
        internal GrowableArray<uint> EntryWords;
        internal GrowableArray<int> TechStart;
        internal GrowableArray<ushort> TechIds;
        internal GrowableArray<int> CitationValues;
        internal GrowableArray<int> AuthorStart;
        internal GrowableArray<int> AuthorKeyValues;
        internal GrowableArray<int> AuthorNameValues;
        internal GrowableArray<int> AddressValues;
        internal GrowableArray<int> PositionFileValues;
        internal GrowableArray<long> PositionLineValues;
        internal GrowableArray<long> PositionRecordValues;

        private readonly Columns _columns;
        private readonly bool _perAuthor;
        private OpenAlexImpactColumn.Builder? _openAlexImpact;
        private byte[] _scratch = new byte[256];
        private int _authorPositions;
        private uint _pendingFlags;
        private bool _inPublication;
        private bool _authorOpen;
        private bool _authorHasEntry;
        private bool _done;

        internal Writer(Columns columns, int capacity = 1024, int entryCapacity = 0)
        {
            _columns = columns;
            capacity = Math.Max(16, capacity);
            entryCapacity = Math.Max(64, entryCapacity > 0 ? entryCapacity : capacity * 4);
            Years = new(capacity);
            SourceBytes = new(capacity);
            DocumentBytes = new(capacity);
            EntryStart = new(capacity + 1);
            EntryWords = new(entryCapacity);
            TechStart = new(capacity + 1);
            TechIds = new(capacity);
            Ids = new CorpusStringColumn(capacity);
            Dois = columns.Dois ? new CorpusStringColumn(capacity) : null;
            _perAuthor = columns.AuthorKeys || columns.AuthorNames;
            if (_perAuthor)
            {
                AuthorStart = new(capacity + 1);
                AuthorStart.Add(0);
            }

            if (columns.AuthorKeys)
            {
                AuthorKeyValues = new(entryCapacity);
            }

            if (columns.AuthorNames)
            {
                AuthorNameValues = new(entryCapacity);
            }

            if (columns.Addresses)
            {
                AddressValues = new(entryCapacity);
            }

            if (columns.Positions)
            {
                PositionFileValues = new(capacity);
                PositionLineValues = new(capacity);
                PositionRecordValues = new(capacity);
            }

            EntryStart.Add(0);
            TechStart.Add(0);
        }

        /// <summary>
        /// Makes room for <paramref name="publications"/> publications with <paramref name="authors"/> authors and
        /// <paramref name="entries"/> affiliation entries in all (an estimate; never a limit), so that the columns do not
        /// grow step by step; the storage trims what was not used.
        /// </summary>
        internal void Reserve(int publications, int authors, int entries)
        {
            publications = Math.Min(publications, Array.MaxLength - 1);
            Years.EnsureCapacity(publications);
            SourceBytes.EnsureCapacity(publications);
            DocumentBytes.EnsureCapacity(publications);
            EntryStart.EnsureCapacity(publications + 1);
            TechStart.EnsureCapacity(publications + 1);
            EntryWords.EnsureCapacity(entries);
            if (_perAuthor)
            {
                AuthorStart.EnsureCapacity(publications + 1);
            }

            if (_columns.AuthorKeys)
            {
                AuthorKeyValues.EnsureCapacity(authors);
            }

            if (_columns.AuthorNames)
            {
                AuthorNameValues.EnsureCapacity(authors);
            }

            if (_columns.Addresses)
            {
                AddressValues.EnsureCapacity(entries);
            }

            if (_columns.Positions)
            {
                PositionFileValues.EnsureCapacity(publications);
                PositionLineValues.EnsureCapacity(publications);
                PositionRecordValues.EnsureCapacity(publications);
            }
        }

        /// <summary>The columns this writer fills.</summary>
        internal Columns Written => _columns;

        /// <summary>Publications written so far.</summary>
        internal int Count => Years.Count;

        /// <summary>Authors written so far (0 when no per-author column is written).</summary>
        internal int AuthorTotal => _perAuthor ? AuthorStart[AuthorStart.Count - 1] : 0;

        /// <summary>Entries written so far.</summary>
        internal int EntryTotal => EntryWords.Count;

        /// <summary>The ids written so far (readable while writing).</summary>
        internal CorpusStringColumn Ids { get; }

        /// <summary>The DOIs written so far, or null when not written.</summary>
        internal CorpusStringColumn? Dois { get; }

        internal bool HasDois { get; private set; }

        internal bool HasCitations { get; private set; }

        internal bool HasAuthorKeys { get; private set; }

        internal bool HasAuthorNames { get; private set; }

        internal bool HasAddresses { get; private set; }

        internal bool HasPositions { get; private set; }

        /// <summary>The number of authors of publication <paramref name="k"/> written so far.</summary>
        internal int AuthorCountOf(int k)
        {
            if (_perAuthor)
            {
                return AuthorStart[k + 1] - AuthorStart[k];
            }

            int n = 0;
            for (int e = EntryStart[k]; e < EntryStart[k + 1]; e++)
            {
                n += (int)(EntryWords[e] >> 31);
            }

            return n;
        }

        /// <summary>The source of publication <paramref name="k"/> written so far.</summary>
        internal PublicationSource SourceOf(int k) => (PublicationSource)SourceBytes[k];

        /// <summary>Starts a publication.</summary>
        /// <param name="source">Its source.</param>
        /// <param name="year">Its year, 1 to <see cref="short.MaxValue"/>, or 0 when unknown.</param>
        /// <param name="id">Its id, UTF-8.</param>
        /// <param name="doi">Its normalized DOI, UTF-8 (ignored when <paramref name="hasDoi"/> is false).</param>
        /// <param name="hasDoi">Whether it has a DOI.</param>
        /// <param name="citations">Its citation count, or <see cref="NoCitations"/>.</param>
        /// <param name="file">The index of its file in <see cref="CorpusTables.Files"/>, or -1.</param>
        /// <param name="line">The line it starts on, or 0.</param>
        /// <param name="record">Its record number in the file, or 0.</param>
        /// <param name="document">Its document type and flags, packed (see <see cref="DocumentInfo"/>); 0 when unknown.</param>
        internal void BeginPublication(
            PublicationSource source, int year, ReadOnlySpan<byte> id, ReadOnlySpan<byte> doi, bool hasDoi, int citations,
            int file, long line, long record, byte document = 0)
        {
            ThrowIfDone();
            if (_inPublication)
            {
                throw new InvalidOperationException("End the publication before starting another.");
            }

            _inPublication = true;
            int index = Count;
            Years.Add((short)year);
            SourceBytes.Add((byte)source);
            DocumentBytes.Add(document);
            Ids.Add(id);
            if (Dois is not null)
            {
                Dois.Add(doi, missing: !hasDoi);
                HasDois |= hasDoi;
            }

            if (citations >= 0 && !HasCitations)
            {
                // First citation count: back-fill the publications written so far.
                HasCitations = true;
                CitationValues = new GrowableArray<int>(Math.Max(1024, index * 2));
                for (int i = 0; i < index; i++)
                {
                    CitationValues.Add(NoCitations);
                }
            }

            if (HasCitations)
            {
                CitationValues.Add(citations >= 0 ? citations : NoCitations);
            }

            if (_columns.Positions)
            {
                PositionFileValues.Add(file);
                PositionLineValues.Add(line);
                PositionRecordValues.Add(record);
                HasPositions |= file >= 0 || line > 0 || record > 0;
            }
        }

        /// <summary>Starts an author of the current publication.</summary>
        /// <param name="corresponding">Whether the author is a corresponding author.</param>
        /// <param name="keyRef">0, or the key reference (see <see cref="AuthorKeyRefs"/>).</param>
        /// <param name="name">The index of the name in <see cref="CorpusTables.AuthorNames"/>, or -1.</param>
        internal void BeginAuthor(bool corresponding, int keyRef, int name)
        {
            ThrowIfNotInPublication();
            CloseAuthor();
            _authorOpen = true;
            _authorHasEntry = false;
            _pendingFlags = AuthorStartFlag | (corresponding ? CorrespondingFlag : 0u);
            _authorPositions++;
            if (_columns.AuthorKeys)
            {
                AuthorKeyValues.Add(keyRef);
                HasAuthorKeys |= keyRef != 0;
            }

            if (_columns.AuthorNames)
            {
                AuthorNameValues.Add(name);
                HasAuthorNames |= name >= 0;
            }
        }

        /// <summary>Adds an affiliation of the current author: an institution row (which implies its country) or a bare country.</summary>
        /// <param name="country">The country id (0 = unknown); ignored when <paramref name="institutionRow"/> is given.</param>
        /// <param name="institutionRow">The institution row, or -1.</param>
        /// <param name="address">The index of the address text in <see cref="CorpusTables.Addresses"/>, or -1.</param>
        internal void AddAffiliation(int country, int institutionRow, int address)
        {
            if (!_authorOpen)
            {
                throw new InvalidOperationException("Begin an author before adding an affiliation.");
            }

            uint value;
            if (institutionRow >= 0)
            {
                if ((uint)institutionRow > ValueMask)
                {
                    throw new InvalidOperationException($"A corpus holds at most {ValueMask + 1} distinct institution rows.");
                }

                value = InstitutionFlag | (uint)institutionRow;
            }
            else
            {
                value = (uint)country & ValueMask;
            }

            AddEntry(_pendingFlags | value, address);
            _pendingFlags &= ~AuthorStartFlag;
            _authorHasEntry = true;
        }

        /// <summary>
        /// Sets OpenAlex's normalised impact of the current publication (<c>fwci</c>, <c>citation_normalized_percentile</c>);
        /// the column is created at the first value and is absent from a corpus without any.
        /// </summary>
        /// <param name="fwci">The FWCI, or null.</param>
        /// <param name="percentile">The citation percentile, or null.</param>
        /// <exception cref="ArgumentOutOfRangeException">A value is not an FWCI or a percentile.</exception>
        internal void SetOpenAlexImpact(double? fwci, CitationPercentile? percentile)
        {
            ThrowIfNotInPublication();
            if (fwci is null && percentile is null)
            {
                return;
            }

            (_openAlexImpact ??= new OpenAlexImpactColumn.Builder()).Set(Count - 1, fwci, percentile);
        }

        /// <summary>The OpenAlex impact column of the publications written, or null when none has a value.</summary>
        /// <param name="count">The number of publications written (taken before the columns are handed over).</param>
        internal OpenAlexImpactColumn? TakeOpenAlexImpact(int count) => _openAlexImpact?.Build(count);

        /// <summary>Ends the current publication.</summary>
        /// <param name="technologies">Its technology ids, distinct and ascending.</param>
        internal void EndPublication(ReadOnlySpan<ushort> technologies)
        {
            ThrowIfNotInPublication();
            CloseAuthor();
            _authorOpen = false;
            _inPublication = false;
            EntryStart.Add(EntryWords.Count);
            if (_perAuthor)
            {
                AuthorStart.Add(_authorPositions);
            }

            foreach (var id in technologies)
            {
                TechIds.Add(id);
            }

            TechStart.Add(TechIds.Count);
        }

        /// <summary>Copies publication <paramref name="k"/> of <paramref name="source"/> (which uses the same tables) unchanged.</summary>
        internal void Append(CorpusStorage source, int k)
        {
            int idLength = source.Ids.CopyTo(k, ref _scratch);
            var id = _scratch.AsSpan(0, idLength).ToArray();
            int doiLength = source.Dois?.CopyTo(k, ref _scratch) ?? -1;
            int file = source.PositionFiles?[k] ?? -1;
            BeginPublication(
                (PublicationSource)source.Sources[k], source.Years[k], id, _scratch.AsSpan(0, Math.Max(0, doiLength)), doiLength >= 0,
                source.Citations?[k] ?? NoCitations, file, source.PositionLines?[k] ?? 0, source.PositionRecords?[k] ?? 0,
                source.Documents[k]);

            int start = source._entryStart[k], end = source._entryStart[k + 1];
            int author = source._authorStart?[k] ?? 0;
            for (int e = start; e < end; e++)
            {
                uint word = source._entries[e];
                if ((word & AuthorStartFlag) != 0)
                {
                    BeginAuthor(
                        (word & CorrespondingFlag) != 0,
                        source.AuthorKeyRefs?[author] ?? 0,
                        source.AuthorNames?[author] ?? -1);
                    author++;
                }

                AddEntry(_pendingFlags | (word & ~(AuthorStartFlag | CorrespondingFlag)), source.Addresses?[e] ?? -1);
                _pendingFlags &= ~AuthorStartFlag;
                _authorHasEntry = true;
            }

            if (source.OpenAlexImpact is { } openAlex)
            {
                SetOpenAlexImpact(openAlex.Fwci(k), openAlex.Percentile(k));
            }

            EndPublication(source.TechnologiesOf(k));
        }

        /// <summary>Hands the columns over to a new storage; the writer cannot be used afterwards.</summary>
        /// <param name="tables">The tables the entries and references point into.</param>
        /// <param name="report">The corpus's report.</param>
        /// <param name="keepDois">Whether the storage keeps the DOIs written (they may have been written only to find duplicates).</param>
        /// <param name="keepPositions">Whether the storage keeps the positions written.</param>
        internal CorpusStorage ToStorage(CorpusTables tables, IngestReport report, bool keepDois = true, bool keepPositions = true)
        {
            ThrowIfDone();
            if (_inPublication)
            {
                throw new InvalidOperationException("End the publication before building the storage.");
            }

            _done = true;
            return new CorpusStorage(this, tables, report, keepDois, keepPositions);
        }

        private void AddEntry(uint word, int address)
        {
            if (EntryWords.Count == int.MaxValue - 1)
            {
                throw new InvalidOperationException("A corpus holds at most 2^31 affiliations; build a smaller corpus, or aggregate the publications as a stream.");
            }

            EntryWords.Add(word);
            if (_columns.Addresses)
            {
                AddressValues.Add(address);
                HasAddresses |= address >= 0;
            }
        }

        /// <summary>An author without affiliations gets one empty entry, so that every author has at least one.</summary>
        private void CloseAuthor()
        {
            if (_authorOpen && !_authorHasEntry)
            {
                AddEntry(_pendingFlags, -1);
                _authorHasEntry = true;
            }
        }

        private void ThrowIfNotInPublication()
        {
            if (!_inPublication)
            {
                throw new InvalidOperationException("Begin a publication first.");
            }
        }

        private void ThrowIfDone()
        {
            if (_done)
            {
                throw new InvalidOperationException("This writer has handed its columns over already.");
            }
        }
    }
}
