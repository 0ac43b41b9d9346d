using System.Text;
using CollabMetrics.Model;

namespace CollabMetrics.IO;

/// <summary>
/// Publications as a reader decoded them, column by column, with every text as UTF-8 bytes in one pool: what the
/// fast readers hand to the corpus builder and to the streamed aggregation instead of <see cref="Publication"/>
/// objects. One batch holds the publications of one chunk of input; it is reused from chunk to chunk, so reading
/// allocates nothing per publication once the arrays have grown.
/// </summary>
/// <remarks>
/// <para>
/// Texts are (start, length) pairs into <see cref="Bytes"/>; a length of -1 is a missing value (null), distinct
/// from an empty one. Institutions (id, name, country) and technology labels are interned per batch, so a consumer
/// maps each distinct one once per batch (see <see cref="InstitutionCount"/>, <see cref="TechnologyCount"/>). A reader
/// may hand out a batch's publications while it is still filling (the OpenAlex reader does): a consumer maps the
/// institutions and labels added since it last looked, and forgets its mapping when <see cref="Version"/> changes.
/// Nothing is dropped or normalised beyond what the reader does: a batch gives back the same publication
/// (<see cref="ToPublication"/>), and a <see cref="Publication"/> from any reader can be written into one
/// (<see cref="Add(Publication)"/>).
/// </para>
/// <para>
/// Each publication carries a 64-bit hash of its source and id and one of its DOI (<see cref="IdHash"/>,
/// <see cref="DoiHash"/>), computed where it is decoded (in parallel when chunks are), for the duplicate checks.
/// </para>
/// </remarks>
internal sealed class RecordBatch
{
    /// <summary>The year of a publication without one.</summary>
    internal const int NoYear = int.MinValue;

    /// <summary>The citation count of a publication without one.</summary>
    internal const int NoCitations = int.MinValue;

    private const int NoText = -1;

    /// <summary>The earlier entries of a publication an address is compared with before it is copied into the pool.</summary>
    private const int SharedAddressWindow = 4;

    private byte[] _bytes = new byte[1 << 16];
    private int _used;

    // Publications.
    private int _count;
    private byte[] _source = new byte[256];
    private int[] _year = new int[256];
    private int[] _citations = new int[256];
    private long[] _line = new long[256];
    private long[] _record = new long[256];
    private int[] _idStart = new int[256];
    private int[] _idLength = new int[256];
    private int[] _doiStart = new int[256];
    private int[] _doiLength = new int[256];
    private ulong[] _idHash = new ulong[256];
    private ulong[] _doiHash = new ulong[256];
    private byte[] _document = new byte[256];
    private double?[]? _fwci;
    private CitationPercentile?[]? _percentile;
    private int[] _authorStart = new int[257];
    private int[] _techStart = new int[257];

    // Authors.
    private int _authors;
    private bool[] _corresponding = new bool[1024];
    private int[] _keyStart = new int[1024];
    private int[] _keyLength = new int[1024];
    private int[] _nameStart = new int[1024];
    private int[] _nameLength = new int[1024];
    private int[] _entryStart = new int[1025];

    // Affiliations (entries).
    private int _entries;
    private ushort[] _country = new ushort[2048];
    private int[] _institution = new int[2048];
    private int[] _addressStart = new int[2048];
    private int[] _addressLength = new int[2048];

    // Technology labels of each publication, as indices into the label table.
    private int _labels;
    private int[] _labelOf = new int[512];

    // Distinct institutions (id, name, country) and labels of the batch.
    private readonly TextTable _institutions = new();
    private readonly TextTable _technologies = new();
    private int[] _institutionCountry = new int[256];

    private bool _open;

    /// <summary>The file the publications were read from (for positions), or null.</summary>
    internal string? FileName { get; set; }

    /// <summary>Publications in the batch.</summary>
    internal int Count => _count;

    /// <summary>The pool of UTF-8 texts.</summary>
    internal ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _used);

    /// <summary>Distinct institutions of the batch (see <see cref="EntryInstitution"/>).</summary>
    internal int InstitutionCount => _institutions.Count;

    /// <summary>Distinct technology labels of the batch (see <see cref="LabelsOf"/>).</summary>
    internal int TechnologyCount => _technologies.Count;

    /// <summary>Changes at every <see cref="Clear"/>: consumers that map the batch's institutions and labels start again.</summary>
    internal int Version { get; private set; }

    /// <summary>
    /// Whether the publications of the batch were taken by a <see cref="ChunkSink"/> on the thread that parsed it
    /// (set by <see cref="ChunkPipeline{TChunk}"/> after each parse): a consumer that uses the sink does not take them again.
    /// </summary>
    internal bool TakenAhead { get; set; }

    /// <summary>Forgets every publication, keeping the arrays.</summary>
    internal void Clear()
    {
        Version++;
        _used = 0;
        _count = 0;
        _authors = 0;
        _entries = 0;
        _labels = 0;
        _open = false;
        _authorStart[0] = 0;
        _techStart[0] = 0;
        _entryStart[0] = 0;
        _institutions.Clear();
        _technologies.Clear();
    }

    // ---- Writing ----

    /// <summary>Starts a publication; its id and DOI are hashed now.</summary>
    /// <param name="source">Its source.</param>
    /// <param name="year">Its year, or <see cref="NoYear"/>.</param>
    /// <param name="citations">Its citation count, or <see cref="NoCitations"/>.</param>
    /// <param name="line">Its line in the file, or 0.</param>
    /// <param name="record">Its record number in the file, or 0.</param>
    /// <param name="id">Its id, UTF-8.</param>
    /// <param name="doi">Its DOI, normalized (<see cref="Model.Doi.Normalize"/>), UTF-8; ignored unless <paramref name="hasDoi"/>.</param>
    /// <param name="hasDoi">Whether it has a DOI.</param>
    internal void BeginPublication(PublicationSource source, int year, int citations, long line, long record, ReadOnlySpan<byte> id, ReadOnlySpan<byte> doi, bool hasDoi)
    {
        if (_open)
        {
            throw new InvalidOperationException("End the publication before starting another.");
        }

        _open = true;
        int k = _count;
        if (k + 1 >= _source.Length)
        {
            GrowPublications();
        }

        _source[k] = (byte)source;
        _year[k] = year;
        _citations[k] = citations;
        _line[k] = line;
        _record[k] = record;
        _idStart[k] = Append(id);
        _idLength[k] = id.Length;
        _idHash[k] = IdHashOf(source, id);
        if (hasDoi)
        {
            _doiStart[k] = Append(doi);
            _doiLength[k] = doi.Length;
            _doiHash[k] = Hash64(doi, 0);
        }
        else
        {
            _doiStart[k] = 0;
            _doiLength[k] = NoText;
            _doiHash[k] = 0;
        }

        _document[k] = 0;
        if (_fwci is not null)
        {
            _fwci[k] = null;
            _percentile![k] = null;
        }
    }

    /// <summary>Sets the document type and flags of the current publication, packed (<see cref="DocumentInfo"/>).</summary>
    internal void SetDocument(byte packed) => _document[_count] = packed;

    /// <summary>Sets OpenAlex's normalised impact of the current publication (arrays made at the first value).</summary>
    internal void SetImpact(double? fwci, CitationPercentile? percentile)
    {
        if (fwci is null && percentile is null)
        {
            return;
        }

        if (_fwci is null)
        {
            _fwci = new double?[_source.Length];
            _percentile = new CitationPercentile?[_source.Length];
        }

        _fwci[_count] = fwci;
        _percentile![_count] = percentile;
    }

    /// <summary>Starts an author of the current publication.</summary>
    internal void BeginAuthor(bool corresponding, ReadOnlySpan<byte> key, bool hasKey, ReadOnlySpan<byte> name, bool hasName)
    {
        int a = _authors;
        if (a + 1 >= _corresponding.Length)
        {
            GrowAuthors();
        }

        _corresponding[a] = corresponding;
        _keyStart[a] = hasKey ? Append(key) : 0;
        _keyLength[a] = hasKey ? key.Length : NoText;
        _nameStart[a] = hasName ? Append(name) : 0;
        _nameLength[a] = hasName ? name.Length : NoText;
        _entryStart[a] = _entries;
        _authors = a + 1;
    }

    /// <summary>Adds an affiliation of the current author.</summary>
    /// <param name="country">Its country id (0 when unknown).</param>
    /// <param name="institution">Its institution, from <see cref="Institution"/>, or -1.</param>
    /// <param name="address">Its address text; ignored unless <paramref name="hasAddress"/>.</param>
    /// <param name="hasAddress">Whether it has an address.</param>
    internal void AddAffiliation(int country, int institution, ReadOnlySpan<byte> address, bool hasAddress)
    {
        int e = _entries;
        if (e == _country.Length)
        {
            GrowEntries();
        }

        _country[e] = (ushort)country;
        _institution[e] = institution;
        _addressStart[e] = hasAddress ? AddressStartOf(e, address) : 0;
        _addressLength[e] = hasAddress ? address.Length : NoText;
        _entries = e + 1;
    }

    /// <summary>
    /// Where the address of entry <paramref name="e"/> starts in the pool: the bytes of an earlier entry of the same
    /// publication with the same text (co-authors often share an affiliation string; see <see cref="AddressStart"/>),
    /// else a new copy.
    /// </summary>
    private int AddressStartOf(int e, ReadOnlySpan<byte> address)
    {
        int first = Math.Max(_entryStart[_authorStart[_count]], e - SharedAddressWindow);
        for (int p = e - 1; p >= first; p--)
        {
            if (_addressLength[p] == address.Length && _bytes.AsSpan(_addressStart[p], address.Length).SequenceEqual(address))
            {
                return _addressStart[p];
            }
        }

        return Append(address);
    }

    /// <summary>The batch's index of an institution (id and name may be missing), adding it when new.</summary>
    internal int Institution(ReadOnlySpan<byte> id, bool hasId, ReadOnlySpan<byte> name, bool hasName, int country)
    {
        int index = _institutions.Intern(this, id, hasId, name, hasName, country);
        if (index == _institutionCountry.Length)
        {
            Array.Resize(ref _institutionCountry, index * 2);
        }

        _institutionCountry[index] = country;
        return index;
    }

    /// <summary>Adds a technology label of the current publication (in order; repeats and blank labels are kept).</summary>
    internal void AddTechnology(ReadOnlySpan<byte> label)
    {
        int index = _technologies.Intern(this, label, true, default, false, 0);
        if (_labels == _labelOf.Length)
        {
            Array.Resize(ref _labelOf, _labels * 2);
        }

        _labelOf[_labels++] = index;
    }

    /// <summary>Ends the current publication.</summary>
    internal void EndPublication()
    {
        if (!_open)
        {
            throw new InvalidOperationException("Begin a publication first.");
        }

        _open = false;
        _entryStart[_authors] = _entries;
        _count++;
        _authorStart[_count] = _authors;
        _techStart[_count] = _labels;
    }

    /// <summary>Drops the publication being written (a record found bad half-way).</summary>
    internal void AbandonPublication()
    {
        if (_open)
        {
            _open = false;
            _authors = _authorStart[_count];
            _entries = _entryStart[_authors];
            _labels = _techStart[_count];
        }
    }

    /// <summary>Writes a publication as a reader produced it (the first of a batch sets its <see cref="FileName"/>; the others must share it).</summary>
    internal void Add(Publication publication)
    {
        if (_count == 0)
        {
            FileName = publication.Position.File;
        }
        else if (!string.Equals(FileName, publication.Position.File, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The publications of a batch come from one file.");
        }

        Span<byte> scratch = stackalloc byte[256];
        var id = Utf8Of(publication.Id ?? string.Empty, scratch, out byte[]? rented);
        var doiText = publication.Doi is null ? null : Model.Doi.Normalize(publication.Doi);
        var position = publication.Position;
        int year = publication.Year ?? NoYear;
        int citations = publication.Citations ?? NoCitations;
        if (doiText is null)
        {
            BeginPublication(publication.Source, year, citations, position.Line, position.Record, id, default, false);
        }
        else
        {
            byte[] doi = Encoding.UTF8.GetBytes(doiText);
            BeginPublication(publication.Source, year, citations, position.Line, position.Record, id, doi, true);
        }

        Return(rented);
        SetDocument(DocumentInfo.Of(publication));
        SetImpact(publication.Fwci, publication.CitationPercentile);
        var authors = publication.Authors ?? [];
        for (int a = 0; a < authors.Count; a++)
        {
            var author = authors[a] ?? throw new ArgumentException($"Publication '{publication.Id}' has a null author at position {a + 1}.", nameof(publication));
            BeginAuthor(author.IsCorresponding, Text(author.Id, out bool hasKey), hasKey, Text(author.Name, out bool hasName), hasName);
            var affiliations = author.Affiliations ?? [];
            for (int f = 0; f < affiliations.Count; f++)
            {
                var affiliation = affiliations[f] ?? throw new ArgumentException($"Publication '{publication.Id}' has a null affiliation for author {a + 1}.", nameof(publication));
                int institution = -1;
                if (affiliation.InstitutionId is not null || affiliation.InstitutionName is not null)
                {
                    institution = Institution(
                        Text(affiliation.InstitutionId, out bool hasId), hasId,
                        Text(affiliation.InstitutionName, out bool hasInstitutionName), hasInstitutionName,
                        affiliation.Country.Id);
                }

                AddAffiliation(affiliation.Country.Id, institution, Text(affiliation.Address, out bool hasAddress), hasAddress);
            }
        }

        var labels = publication.Technologies ?? [];
        for (int t = 0; t < labels.Count; t++)
        {
            AddTechnology(Text(labels[t] ?? string.Empty, out _));
        }

        EndPublication();
    }

    private static ReadOnlySpan<byte> Text(string? text, out bool has)
    {
        has = text is not null;
        return text is null ? default : Encoding.UTF8.GetBytes(text);
    }

    private static ReadOnlySpan<byte> Utf8Of(string text, Span<byte> scratch, out byte[]? rented)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        rented = null;
        if (max > scratch.Length)
        {
            rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max);
            scratch = rented;
        }

        int n = Encoding.UTF8.GetBytes(text, scratch);
        return scratch[..n];
    }

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Keeps bytes in the pool (for events that refer to them); returns their start.</summary>
    internal int Keep(ReadOnlySpan<byte> text) => Append(text);

    /// <summary>Bytes kept with <see cref="Keep"/>.</summary>
    internal ReadOnlySpan<byte> Kept(int start, int length) => _bytes.AsSpan(start, length);

    // ---- Reading ----

    internal PublicationSource Source(int k) => (PublicationSource)_source[k];

    internal int Year(int k) => _year[k];

    internal int Citations(int k) => _citations[k];

    internal long Line(int k) => _line[k];

    internal long Record(int k) => _record[k];

    /// <summary>The document type and flags of publication <paramref name="k"/>, packed (<see cref="DocumentInfo"/>).</summary>
    internal byte Document(int k) => _document[k];

    /// <summary>OpenAlex's FWCI of publication <paramref name="k"/>, or null.</summary>
    internal double? Fwci(int k) => _fwci is null ? null : _fwci[k];

    /// <summary>OpenAlex's citation percentile of publication <paramref name="k"/>, or null.</summary>
    internal CitationPercentile? Percentile(int k) => _percentile is null ? null : _percentile[k];

    /// <summary>Moves the position of publication <paramref name="k"/> (chunk-relative positions made absolute).</summary>
    internal void SetPosition(int k, long line, long record)
    {
        _line[k] = line;
        _record[k] = record;
    }

    internal SourcePosition Position(int k) => new(FileName, _line[k], _record[k]);

    internal ReadOnlySpan<byte> Id(int k) => _bytes.AsSpan(_idStart[k], _idLength[k]);

    internal bool HasDoi(int k) => _doiLength[k] >= 0;

    internal ReadOnlySpan<byte> Doi(int k) => _doiLength[k] < 0 ? default : _bytes.AsSpan(_doiStart[k], _doiLength[k]);

    /// <summary>The hash of (source, id) of publication <paramref name="k"/>.</summary>
    internal ulong IdHash(int k) => _idHash[k];

    /// <summary>The hash of the DOI of publication <paramref name="k"/> (0 without one).</summary>
    internal ulong DoiHash(int k) => _doiHash[k];

    internal int AuthorStart(int k) => _authorStart[k];

    internal int AuthorEnd(int k) => _authorStart[k + 1];

    internal bool IsCorresponding(int a) => _corresponding[a];

    internal bool HasAuthorKey(int a) => _keyLength[a] >= 0;

    internal ReadOnlySpan<byte> AuthorKey(int a) => _keyLength[a] < 0 ? default : _bytes.AsSpan(_keyStart[a], _keyLength[a]);

    internal bool HasAuthorName(int a) => _nameLength[a] >= 0;

    internal ReadOnlySpan<byte> AuthorName(int a) => _nameLength[a] < 0 ? default : _bytes.AsSpan(_nameStart[a], _nameLength[a]);

    internal int EntryStart(int a) => _entryStart[a];

    internal int EntryEnd(int a) => _entryStart[a + 1];

    internal int EntryCountry(int e) => _country[e];

    /// <summary>The batch's institution of entry <paramref name="e"/>, or -1.</summary>
    internal int EntryInstitution(int e) => _institution[e];

    internal bool HasAddress(int e) => _addressLength[e] >= 0;

    /// <summary>
    /// Where the address of entry <paramref name="e"/> starts in <see cref="Bytes"/> (0 when missing). Entries of one
    /// publication with the same address text written close together share their bytes, so equal starts (and lengths)
    /// in one <see cref="Version"/> of the batch mean equal texts; different starts do not mean different texts.
    /// </summary>
    internal int AddressStart(int e) => _addressStart[e];

    /// <summary>The length in bytes of the address of entry <paramref name="e"/>, or -1 when missing.</summary>
    internal int AddressLength(int e) => _addressLength[e];

    internal ReadOnlySpan<byte> Address(int e) => _addressLength[e] < 0 ? default : _bytes.AsSpan(_addressStart[e], _addressLength[e]);

    internal bool HasInstitutionId(int i) => _institutions.HasFirst(i);

    internal ReadOnlySpan<byte> InstitutionId(int i) => _institutions.First(this, i);

    internal bool HasInstitutionName(int i) => _institutions.HasSecond(i);

    internal ReadOnlySpan<byte> InstitutionName(int i) => _institutions.Second(this, i);

    internal int InstitutionCountry(int i) => _institutionCountry[i];

    /// <summary>The labels of publication <paramref name="k"/>, as indices of the batch's label table, in order.</summary>
    internal ReadOnlySpan<int> LabelsOf(int k) => _labelOf.AsSpan(_techStart[k], _techStart[k + 1] - _techStart[k]);

    /// <summary>Technology label <paramref name="index"/> of the batch.</summary>
    internal ReadOnlySpan<byte> Label(int index) => _technologies.First(this, index);

    /// <summary>Publication <paramref name="k"/> as an object, as the reader that decoded it produces it.</summary>
    internal Publication ToPublication(int k)
    {
        int authorEnd = _authorStart[k + 1];
        var authors = new Author[authorEnd - _authorStart[k]];
        for (int a = _authorStart[k]; a < authorEnd; a++)
        {
            int first = _entryStart[a], end = _entryStart[a + 1];
            var affiliations = end == first ? [] : new Affiliation[end - first];
            for (int e = first; e < end; e++)
            {
                int i = _institution[e];
                affiliations[e - first] = new Affiliation
                {
                    InstitutionId = i >= 0 && HasInstitutionId(i) ? Encoding.UTF8.GetString(InstitutionId(i)) : null,
                    InstitutionName = i >= 0 && HasInstitutionName(i) ? Encoding.UTF8.GetString(InstitutionName(i)) : null,
                    Address = HasAddress(e) ? Encoding.UTF8.GetString(Address(e)) : null,
                    Country = Geography.Country.FromIdUnchecked(_country[e]),
                };
            }

            authors[a - _authorStart[k]] = new Author
            {
                Id = HasAuthorKey(a) ? Encoding.UTF8.GetString(AuthorKey(a)) : null,
                Name = HasAuthorName(a) ? Encoding.UTF8.GetString(AuthorName(a)) : null,
                IsCorresponding = _corresponding[a],
                Affiliations = affiliations,
            };
        }

        var labels = LabelsOf(k);
        var technologies = labels.Length == 0 ? [] : new string[labels.Length];
        for (int t = 0; t < labels.Length; t++)
        {
            technologies[t] = LabelText(labels[t]);
        }

        return new Publication
        {
            Id = Encoding.UTF8.GetString(Id(k)),
            Source = Source(k),
            Position = Position(k),
            Doi = HasDoi(k) ? Encoding.UTF8.GetString(Doi(k)) : null,
            Year = _year[k] == NoYear ? null : _year[k],
            Citations = _citations[k] == NoCitations ? null : _citations[k],
            Authors = authors,
            Technologies = technologies,
            DocumentType = DocumentInfo.Type(_document[k]),
            IsRetracted = (_document[k] & DocumentInfo.Retracted) != 0,
            IsParatext = (_document[k] & DocumentInfo.Paratext) != 0,
            AuthorsTruncated = (_document[k] & DocumentInfo.AuthorsTruncated) != 0,
            Fwci = Fwci(k),
            CitationPercentile = Percentile(k),
        };
    }

    /// <summary>Label <paramref name="index"/> as a string, made once per batch.</summary>
    internal string LabelText(int index) => _technologies.Text(this, index);

    /// <summary>
    /// The hash of a (source, id) pair: the id's hash moved by a multiple of the golden ratio for the source. Not a
    /// seed for the source: XXH3 mixes its seed into short inputs by xor and addition, so that ids of up to 16 bytes
    /// from two sources could share a hash by construction ("W31" from one source and "W33" from another did).
    /// </summary>
    internal static ulong IdHashOf(PublicationSource source, ReadOnlySpan<byte> id) =>
        Hash64(id, 0) + (((ulong)(byte)source + 1) * 0x9E3779B97F4A7C15UL);

    /// <summary>A 64-bit hash of <paramref name="bytes"/> mixed with <paramref name="seed"/> (XXH3; not randomized).</summary>
    internal static ulong Hash64(ReadOnlySpan<byte> bytes, ulong seed) => System.IO.Hashing.XxHash3.HashToUInt64(bytes, (long)seed);

    private int Append(ReadOnlySpan<byte> text)
    {
        if (_used + text.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max(_bytes.Length * 2L, _used + (long)text.Length)));
        }

        int start = _used;
        text.CopyTo(_bytes.AsSpan(start));
        _used += text.Length;
        return start;
    }

    private void GrowPublications()
    {
        int size = _source.Length * 2;
        Array.Resize(ref _source, size);
        Array.Resize(ref _year, size);
        Array.Resize(ref _citations, size);
        Array.Resize(ref _line, size);
        Array.Resize(ref _record, size);
        Array.Resize(ref _idStart, size);
        Array.Resize(ref _idLength, size);
        Array.Resize(ref _doiStart, size);
        Array.Resize(ref _doiLength, size);
        Array.Resize(ref _idHash, size);
        Array.Resize(ref _doiHash, size);
        Array.Resize(ref _document, size);
        if (_fwci is not null)
        {
            Array.Resize(ref _fwci, size);
            Array.Resize(ref _percentile, size);
        }
        Array.Resize(ref _authorStart, size + 1);
        Array.Resize(ref _techStart, size + 1);
    }

    private void GrowAuthors()
    {
        int size = _corresponding.Length * 2;
        Array.Resize(ref _corresponding, size);
        Array.Resize(ref _keyStart, size);
        Array.Resize(ref _keyLength, size);
        Array.Resize(ref _nameStart, size);
        Array.Resize(ref _nameLength, size);
        Array.Resize(ref _entryStart, size + 1);
    }

    private void GrowEntries()
    {
        int size = _country.Length * 2;
        Array.Resize(ref _country, size);
        Array.Resize(ref _institution, size);
        Array.Resize(ref _addressStart, size);
        Array.Resize(ref _addressLength, size);
    }

    /// <summary>Distinct (text, text, number) triples of a batch, found by hash; the texts live in the batch's pool.</summary>
    private sealed class TextTable
    {
        private int[] _slots = new int[1024];
        private int _count;
        private int[] _firstStart = new int[256];
        private int[] _firstLength = new int[256];
        private int[] _secondStart = new int[256];
        private int[] _secondLength = new int[256];
        private int[] _number = new int[256];
        private ulong[] _hash = new ulong[256];
        private string?[] _text = new string?[256];
        private int _last = -1;

        public int Count => _count;

        public void Clear()
        {
            _last = -1;
            if (_count > 0)
            {
                Array.Clear(_slots);
                Array.Clear(_text, 0, _count);
                _count = 0;
            }
        }

        public bool HasFirst(int i) => _firstLength[i] >= 0;

        public bool HasSecond(int i) => _secondLength[i] >= 0;

        public ReadOnlySpan<byte> First(RecordBatch batch, int i) => _firstLength[i] < 0 ? default : batch._bytes.AsSpan(_firstStart[i], _firstLength[i]);

        public ReadOnlySpan<byte> Second(RecordBatch batch, int i) => _secondLength[i] < 0 ? default : batch._bytes.AsSpan(_secondStart[i], _secondLength[i]);

        public string Text(RecordBatch batch, int i) => _text[i] ??= Encoding.UTF8.GetString(First(batch, i));

        public int Intern(RecordBatch batch, ReadOnlySpan<byte> first, bool hasFirst, ReadOnlySpan<byte> second, bool hasSecond, int number)
        {
            // Neighbouring records often repeat an entry (authors of one institution): compare with the last one first.
            int last = _last;
            if (last >= 0 && _number[last] == number
                && _firstLength[last] == (hasFirst ? first.Length : NoText) && _secondLength[last] == (hasSecond ? second.Length : NoText)
                && First(batch, last).SequenceEqual(first) && Second(batch, last).SequenceEqual(second))
            {
                return last;
            }

            _last = Find(batch, first, hasFirst, second, hasSecond, number);
            return _last;
        }

        private int Find(RecordBatch batch, ReadOnlySpan<byte> first, bool hasFirst, ReadOnlySpan<byte> second, bool hasSecond, int number)
        {
            // One text hashed: the first (an institution's id) when there is one, else the second; equal entries hash
            // alike either way, and entries that differ only in the other text are told apart by the comparison.
            ulong h = (hasFirst ? Hash64(first, 1UL) : Hash64(second, hasSecond ? 3UL : 4UL)) ^ ((ulong)(uint)number * 0x9E3779B97F4A7C15UL);
            int mask = _slots.Length - 1;
            int slot = (int)(h >> 40) & mask;
            while (true)
            {
                int s = _slots[slot] - 1;
                if (s < 0)
                {
                    break;
                }

                if (_hash[s] == h && _number[s] == number
                    && (_firstLength[s] >= 0) == hasFirst && (_secondLength[s] >= 0) == hasSecond
                    && First(batch, s).SequenceEqual(first) && Second(batch, s).SequenceEqual(second))
                {
                    return s;
                }

                slot = (slot + 1) & mask;
            }

            int index = _count;
            if (index == _hash.Length)
            {
                int size = index * 2;
                Array.Resize(ref _firstStart, size);
                Array.Resize(ref _firstLength, size);
                Array.Resize(ref _secondStart, size);
                Array.Resize(ref _secondLength, size);
                Array.Resize(ref _number, size);
                Array.Resize(ref _hash, size);
                Array.Resize(ref _text, size);
            }

            _firstStart[index] = hasFirst ? batch.Append(first) : 0;
            _firstLength[index] = hasFirst ? first.Length : NoText;
            _secondStart[index] = hasSecond ? batch.Append(second) : 0;
            _secondLength[index] = hasSecond ? second.Length : NoText;
            _number[index] = number;
            _hash[index] = h;
            _count++;
            _slots[slot] = index + 1;
            if (_count * 2 > _slots.Length)
            {
                Rehash();
            }

            return index;
        }

        private void Rehash()
        {
            _slots = new int[_slots.Length * 2];
            int mask = _slots.Length - 1;
            for (int i = 0; i < _count; i++)
            {
                int slot = (int)(_hash[i] >> 40) & mask;
                while (_slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                _slots[slot] = i + 1;
            }
        }
    }
}
