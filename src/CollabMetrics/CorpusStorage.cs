using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// The struct-of-arrays storage behind a <see cref="Corpus"/> and all its views. Immutable once built.
/// </summary>
/// <remarks>
/// <para>
/// Per publication k: a year, a source byte, the id and DOI in front-coded UTF-8 columns, the range of its entries,
/// the range of its technology ids, and optionally citations, the range of its author positions and its position
/// in the input (file, line, record).
/// </para>
/// <para>
/// An entry is one affiliation of one author (an author without affiliations has one empty entry), packed in four
/// bytes that carry the author boundaries, the corresponding flag and either a country or an institution row (whose
/// country is in <see cref="CorpusTables.InstitutionCountries"/>). The packing is private to this type: entries are
/// read only through <see cref="EntryCursor"/> (<see cref="Entries(int)"/>) and written only through
/// <see cref="Writer"/>.
/// </para>
/// <para>
/// Per author position (optional): a reference to the author key (an id the source gives, or a name key, see
/// <see cref="AuthorKey"/>) and to the author's name. Per entry (optional): a reference to the affiliation's address
/// text. Keys, names, addresses and file names are distinct strings in <see cref="CorpusStringTable"/>s.
/// </para>
/// </remarks>
internal sealed partial class CorpusStorage
{
    internal const int NoCitations = -1;

    private const uint AuthorStartFlag = 0x8000_0000u;
    private const uint CorrespondingFlag = 0x4000_0000u;
    private const uint InstitutionFlag = 0x2000_0000u;
    private const uint ValueMask = 0x1FFF_FFFFu;

    private readonly int[] _entryStart;
    private readonly uint[] _entries;
    private readonly int[]? _authorStart;
    private int[]? _yearSpan;

    private CorpusStorage(Writer writer, CorpusTables tables, IngestReport report, bool keepDois, bool keepPositions)
    {
        Count = writer.Count;
        Years = writer.Years.Detach();
        Sources = writer.SourceBytes.Detach();
        Documents = writer.DocumentBytes.Detach();
        _entryStart = writer.EntryStart.Detach();
        _entries = writer.EntryWords.Detach();
        TechStart = writer.TechStart.Detach();
        TechIds = writer.TechIds.Detach();
        Citations = writer.HasCitations ? writer.CitationValues.Detach() : null;
        OpenAlexImpact = writer.TakeOpenAlexImpact(Count);
        Ids = writer.Ids;
        Ids.Trim();
        if (keepDois && writer.Dois is { } dois && writer.HasDois)
        {
            Dois = dois;
            Dois.Trim();
        }

        if (writer.HasAuthorKeys || writer.HasAuthorNames)
        {
            _authorStart = writer.AuthorStart.Detach();
            AuthorKeyRefs = writer.HasAuthorKeys ? writer.AuthorKeyValues.Detach() : null;
            AuthorNames = writer.HasAuthorNames ? writer.AuthorNameValues.Detach() : null;
        }

        Addresses = writer.HasAddresses ? writer.AddressValues.Detach() : null;
        if (keepPositions && writer.HasPositions)
        {
            PositionFiles = writer.PositionFileValues.Detach();
            PositionLines = writer.PositionLineValues.Detach();
            PositionRecords = writer.PositionRecordValues.Detach();
        }

        KeepsAuthorKeys = writer.Written.AuthorKeys;
        Tables = tables;
        Report = report;
    }

    internal int Count { get; }

    /// <summary>Year per publication; 0 when unknown.</summary>
    internal short[] Years { get; }

    /// <summary><see cref="PublicationSource"/> per publication.</summary>
    internal byte[] Sources { get; }

    /// <summary>Document type and flags per publication, packed (see <see cref="DocumentInfo"/>).</summary>
    internal byte[] Documents { get; }

    /// <summary>Technology ids of k are <c>TechIds[TechStart[k] .. TechStart[k + 1] - 1]</c>, ascending.</summary>
    internal int[] TechStart { get; }

    internal ushort[] TechIds { get; }

    /// <summary>Citations per publication (<see cref="NoCitations"/> when unknown); null when no publication has them.</summary>
    internal int[]? Citations { get; }

    /// <summary>OpenAlex's FWCI and citation percentile per publication; null when no publication has them.</summary>
    internal OpenAlexImpactColumn? OpenAlexImpact { get; }

    /// <summary>The id of each publication.</summary>
    internal CorpusStringColumn Ids { get; }

    /// <summary>The normalized DOI of each publication; null when no publication has one or DOIs are not kept.</summary>
    internal CorpusStringColumn? Dois { get; }

    /// <summary>Per author position: 0 without a key, <c>i + 1</c> for key i given by the source, <c>-(i + 1)</c> for key i made from the name; null when not kept.</summary>
    internal int[]? AuthorKeyRefs { get; }

    /// <summary>Per author position: the index of the name in <see cref="CorpusTables.AuthorNames"/>, or -1; null when not kept.</summary>
    internal int[]? AuthorNames { get; }

    /// <summary>Per entry: the index of the address text in <see cref="CorpusTables.Addresses"/>, or -1; null when not kept.</summary>
    internal int[]? Addresses { get; }

    /// <summary>Per publication: the index of its file in <see cref="CorpusTables.Files"/>, or -1; null when positions are not kept.</summary>
    internal int[]? PositionFiles { get; }

    internal long[]? PositionLines { get; }

    internal long[]? PositionRecords { get; }

    internal CorpusTables Tables { get; }

    internal IngestReport Report { get; }

    internal string[] TechnologyNames => Tables.TechnologyNames;

    /// <summary>The first and last year with publications (a year of 0 is unknown), or null when no publication has a year.</summary>
    internal (int First, int Last)? YearSpan
    {
        get
        {
            // Computed once; an array so that threads see either nothing or the whole span.
            var span = _yearSpan;
            if (span is null)
            {
                int first = int.MaxValue, last = int.MinValue;
                var years = Years;
                for (int i = 0; i < years.Length; i++)
                {
                    int y = years[i];
                    if (y != 0)
                    {
                        first = Math.Min(first, y);
                        last = Math.Max(last, y);
                    }
                }

                span = first <= last ? [first, last] : [];
                _yearSpan = span;
            }

            return span.Length == 0 ? null : (span[0], span[1]);
        }
    }

    /// <summary>Canonical institutions: one per key.</summary>
    internal Institution[] Institutions => Tables.Institutions;

    /// <summary>The number of entries of every publication together.</summary>
    internal int EntryTotal => _entries.Length;

    /// <summary>Whether any author has a key (author-level graphs need them).</summary>
    internal bool HasAuthorKeys => AuthorKeyRefs is not null;

    /// <summary>Whether the corpus was built to keep author keys (<see cref="CorpusOptions.KeepAuthorIds"/>), whether or not any author had one.</summary>
    internal bool KeepsAuthorKeys { get; }

    /// <summary>Bytes held by the storage: every per-publication, per-author and per-entry column, the string pools and the tables' pools.</summary>
    internal long StorageBytes
    {
        get
        {
            long bytes = ((long)Years.Length * sizeof(short))
                + Sources.Length
                + Documents.Length
                + ((long)_entryStart.Length * sizeof(int))
                + ((long)_entries.Length * sizeof(uint))
                + ((long)TechStart.Length * sizeof(int))
                + ((long)TechIds.Length * sizeof(ushort))
                + ((long)(Citations?.Length ?? 0) * sizeof(int))
                + (OpenAlexImpact?.Bytes ?? 0)
                + Ids.Bytes
                + (Dois?.Bytes ?? 0)
                + ((long)(_authorStart?.Length ?? 0) * sizeof(int))
                + ((long)(AuthorKeyRefs?.Length ?? 0) * sizeof(int))
                + ((long)(AuthorNames?.Length ?? 0) * sizeof(int))
                + ((long)(Addresses?.Length ?? 0) * sizeof(int))
                + ((long)(PositionFiles?.Length ?? 0) * sizeof(int))
                + ((long)(PositionLines?.Length ?? 0) * sizeof(long))
                + ((long)(PositionRecords?.Length ?? 0) * sizeof(long));
            return bytes + Tables.Bytes;
        }
    }

    /// <summary>A cursor over the entries of publication <paramref name="k"/>, before its first entry.</summary>
    internal EntryCursor Entries(int k) => new(this, k);

    /// <summary>The number of author positions of every publication together.</summary>
    internal long AuthorPositionTotal
    {
        get
        {
            if (_authorStart is not null)
            {
                return _authorStart[Count];
            }

            long n = 0;
            foreach (uint word in _entries)
            {
                n += word >> 31;
            }

            return n;
        }
    }

    /// <summary>The document type of each publication, indexed by storage position (a new array).</summary>
    internal byte[] DocumentTypes()
    {
        var types = new byte[Count];
        for (int k = 0; k < types.Length; k++)
        {
            types[k] = (byte)(Documents[k] & DocumentInfo.TypeMask);
        }

        return types;
    }

    /// <summary>The number of entries of publication <paramref name="k"/>.</summary>
    internal int EntryCount(int k) => _entryStart[k + 1] - _entryStart[k];

    /// <summary>The technology ids of publication <paramref name="k"/>, ascending.</summary>
    internal ReadOnlySpan<ushort> TechnologiesOf(int k) => TechIds.AsSpan(TechStart[k], TechStart[k + 1] - TechStart[k]);

    /// <summary>The number of authors of publication <paramref name="k"/>.</summary>
    internal int AuthorCount(int k)
    {
        if (_authorStart is not null)
        {
            return _authorStart[k + 1] - _authorStart[k];
        }

        int n = 0;
        for (int e = _entryStart[k]; e < _entryStart[k + 1]; e++)
        {
            n += (int)(_entries[e] >> 31);
        }

        return n;
    }

    /// <summary>The key reference (see <see cref="AuthorKeyRefs"/>) of author <paramref name="position"/> (0-based) of publication <paramref name="k"/>; 0 when none.</summary>
    internal int AuthorKeyRef(int k, int position) => AuthorKeyRefs is { } keys ? keys[_authorStart![k] + position] : 0;

    /// <summary>The index in <see cref="CorpusTables.AuthorNames"/> of the name of author <paramref name="position"/> of publication <paramref name="k"/>, or -1.</summary>
    internal int AuthorNameRef(int k, int position) => AuthorNames is { } names ? names[_authorStart![k] + position] : -1;

    /// <summary>The name of author <paramref name="position"/> of publication <paramref name="k"/>, or null.</summary>
    internal string? AuthorName(int k, int position) => AuthorNameRef(k, position) is int name and >= 0 ? Tables.AuthorNames!.Get(name) : null;

    /// <summary>The key of author <paramref name="position"/> of publication <paramref name="k"/>, or null; <paramref name="fromName"/> tells whether it is a name key.</summary>
    internal string? AuthorKeyOf(int k, int position, out bool fromName)
    {
        int key = AuthorKeyRef(k, position);
        fromName = key < 0;
        return key == 0 ? null : Tables.AuthorKeys.Get(Math.Abs(key) - 1);
    }

    /// <summary>The address text of entry <paramref name="entry"/> (see <see cref="EntryCursor.Entry"/>), or null.</summary>
    internal string? Address(int entry) =>
        Addresses is { } addresses && addresses[entry] is int address and >= 0 ? Tables.Addresses!.Get(address) : null;

    /// <summary>Where publication <paramref name="k"/> was read from; the default position when positions are not kept.</summary>
    internal SourcePosition Position(int k)
    {
        if (PositionFiles is null)
        {
            return default;
        }

        int file = PositionFiles[k];
        return new SourcePosition(file >= 0 ? Tables.Files[file] : null, PositionLines![k], PositionRecords![k]);
    }

    /// <summary>Whether publication <paramref name="k"/> has an affiliation in a country (before any territory policy).</summary>
    internal bool HasAnyCountry(int k)
    {
        var cursor = Entries(k);
        while (cursor.MoveNext())
        {
            if (cursor.Country != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads the entries of one publication, in order: for each entry whether it starts an author, whether that
    /// author is a corresponding author, and its country and institution.
    /// </summary>
    /// <remarks>A mutable struct: keep it in a local and call <see cref="MoveNext"/> until it returns false.</remarks>
    internal struct EntryCursor
    {
        private readonly uint[] _entries;
        private readonly ushort[] _institutionCountries;
        private readonly int[] _institutionUnits;
        private readonly int _start;
        private readonly int _end;
        private int _at;
        private int _position;
        private uint _entry;

        internal EntryCursor(CorpusStorage storage, int k)
        {
            _entries = storage._entries;
            _institutionCountries = storage.Tables.InstitutionCountries;
            _institutionUnits = storage.Tables.InstitutionUnits;
            _start = storage._entryStart[k];
            _at = _start - 1;
            _end = storage._entryStart[k + 1];
            _position = -1;
            _entry = 0;
        }

        /// <summary>The number of entries of the publication.</summary>
        public readonly int Count => _end - _start;

        /// <summary>The index of the current entry in the whole corpus (for per-entry columns).</summary>
        public readonly int Entry => _at;

        /// <summary>The 0-based author position of the current entry within its publication.</summary>
        public readonly int AuthorPosition => _position;

        /// <summary>Whether the current entry is the first of its author.</summary>
        public readonly bool IsAuthorStart => (_entry & AuthorStartFlag) != 0;

        /// <summary>Whether the current entry's author is a corresponding author.</summary>
        public readonly bool IsCorresponding => (_entry & CorrespondingFlag) != 0;

        /// <summary>Whether the current entry names an institution.</summary>
        public readonly bool HasInstitution => (_entry & InstitutionFlag) != 0;

        /// <summary>The institution row of the current entry (see <see cref="CorpusTables.InstitutionRows"/>), or -1.</summary>
        public readonly int InstitutionRow => (_entry & InstitutionFlag) != 0 ? (int)(_entry & ValueMask) : -1;

        /// <summary>The canonical institution (index into <see cref="CorpusTables.Institutions"/>) of the current entry, or -1.</summary>
        public readonly int Institution => (_entry & InstitutionFlag) != 0 ? _institutionUnits[_entry & ValueMask] : -1;

        /// <summary>The country id of the current entry (0 = unknown), before any territory policy.</summary>
        public readonly int Country => (_entry & InstitutionFlag) != 0 ? _institutionCountries[_entry & ValueMask] : (int)(_entry & ValueMask);

        /// <summary>Moves to the next entry; false after the last.</summary>
        public bool MoveNext()
        {
            if (++_at >= _end)
            {
                _at = _end;
                return false;
            }

            _entry = _entries[_at];
            if ((_entry & AuthorStartFlag) != 0)
            {
                _position++;
            }

            return true;
        }
    }
}

/// <summary>The label and institution tables a <see cref="CorpusStorage"/> refers to by index.</summary>
internal sealed class CorpusTables
{
    /// <summary>Technology labels, in order of first appearance.</summary>
    internal required string[] TechnologyNames { get; init; }

    /// <summary>Institution rows, unique by (key, country, name as read).</summary>
    internal required Institution[] InstitutionRows { get; init; }

    /// <summary>Country id of each institution row.</summary>
    internal required ushort[] InstitutionCountries { get; init; }

    /// <summary>Canonical institution (index into <see cref="Institutions"/>) of each row: the one with the same key (-1 for a row no publication holds).</summary>
    internal required int[] InstitutionUnits { get; init; }

    /// <summary>Canonical institutions: one per key, named by <see cref="InstitutionNaming"/>.</summary>
    internal required Institution[] Institutions { get; set; }

    /// <summary>Author keys: ids the sources give and name keys.</summary>
    internal required CorpusStringTable AuthorKeys { get; init; }

    /// <summary>Author names, or null when not kept.</summary>
    internal CorpusStringTable? AuthorNames { get; init; }

    /// <summary>Affiliation address texts, or null when not kept.</summary>
    internal CorpusStringTable? Addresses { get; init; }

    /// <summary>File names of the positions.</summary>
    internal string[] Files { get; init; } = [];

    /// <summary>Bytes held by the string pools (the small label and institution tables are not counted).</summary>
    internal long Bytes => AuthorKeys.Bytes + (AuthorNames?.Bytes ?? 0) + (Addresses?.Bytes ?? 0);
}
