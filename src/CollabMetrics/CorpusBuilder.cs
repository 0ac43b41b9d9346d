using System.Runtime.CompilerServices;
using System.Text;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// Builds a <see cref="Corpus"/> from publications, reading its input once. Mutable and used once: add
/// publications, then call <see cref="Build"/>. Not thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The builder keeps no <see cref="Publication"/> objects and no string per publication: each one is packed into
/// arrays as it is added, its id and DOI into UTF-8 pools. Duplicates are found by hashing ids and DOIs as they
/// pass (the hash index holds no strings: a hit is confirmed against the pool).
/// </para>
/// <para>
/// Records that share a DOI, or a source and id, are one publication: they are merged by a fixed rule that does
/// not depend on the order of the input (see <see cref="CorpusOptions.MergeByDoi"/> and docs/formats.md), counted
/// in <see cref="Report"/> as duplicates, and their disagreements as merge conflicts, with samples naming the file
/// and record of both.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var builder = new CorpusBuilder();
/// foreach (var publication in reader.Read(stream, "works.jsonl"))
/// {
///     builder.Add(publication);
/// }
/// Corpus corpus = builder.Build();
/// </code>
/// </example>
public sealed class CorpusBuilder
{
    private readonly CorpusOptions _options;
    private readonly CorpusStorage.Writer _writer;
    private readonly Dictionary<string, ushort> _technologies = new(StringComparer.Ordinal);
    private readonly List<string> _technologyNames = [];
    private readonly Dictionary<(string Key, int Country, string? Name), int> _institutionRows = [];
    private readonly Dictionary<string, int> _institutionUnits = new(StringComparer.Ordinal);
    private readonly List<Institution> _rows = [];
    private readonly List<ushort> _rowCountries = [];
    private readonly List<int> _rowUnits = [];
    private readonly List<string?> _unitIds = [];
    private readonly CorpusStringTable _authorKeys = new();
    private readonly CorpusStringTable? _authorNames;
    private readonly CorpusStringTable? _addresses;
    private readonly Dictionary<string, int> _files = new(StringComparer.Ordinal);
    private readonly List<string> _fileNames = [];
    private readonly Dictionary<int, int> _parent = [];
    private readonly List<ushort> _techScratch = [];
    private readonly InstitutionCacheEntry[] _institutionCache = NewInstitutionCache();
    private readonly TextCacheEntry[] _addressCache = new TextCacheEntry[1024];
    private CorpusHashIndex _ids;
    private CorpusHashIndex _dois;
    private byte[] _idBytes = new byte[64];
    private byte[] _doiBytes = new byte[64];
    private byte[] _textBytes = new byte[256];
    private readonly char[] _chars = new char[AuthorKey.MaxLength + 3];
    private string? _lastFile;
    private int _lastFileIndex = -1;
    private int _count;
    private bool _built;

    /// <summary>Creates a builder.</summary>
    /// <param name="options">Options; default <see cref="CorpusOptions.Default"/>.</param>
    /// <param name="report">
    /// The report to add duplicates and missing data to: pass the report the readers filled so that one report
    /// tells the whole story. Default a new report.
    /// </param>
    public CorpusBuilder(CorpusOptions? options = null, IngestReport? report = null)
    {
        _options = options ?? CorpusOptions.Default;
        Report = report ?? new IngestReport(_options.MaxIssueSamples);
        bool details = _options.KeepRecordDetails;
        _writer = new CorpusStorage.Writer(new CorpusStorage.Columns(
            Dois: _options.KeepDois || _options.MergeByDoi,
            AuthorKeys: _options.KeepAuthorIds,
            AuthorNames: details,
            Addresses: details,
            Positions: true));
        if (details)
        {
            _authorNames = new CorpusStringTable();
            _addresses = new CorpusStringTable();
        }

        if (_options.DetectDuplicateIds)
        {
            _ids = new CorpusHashIndex(1024);
        }

        if (_options.MergeByDoi)
        {
            _dois = new CorpusHashIndex(1024);
        }
    }

    /// <summary>The report this builder adds to.</summary>
    public IngestReport Report { get; }

    /// <summary>Publications added so far (a record merged into another is not counted).</summary>
    public int Count => _count;

    /// <summary>
    /// Adds a publication. Returns false, and reports it, when it is a duplicate of one already added: the same
    /// source and id (see <see cref="CorpusOptions.DetectDuplicateIds"/>) or the same DOI (see
    /// <see cref="CorpusOptions.MergeByDoi"/>). Duplicates are merged when the corpus is built, by a rule that does
    /// not depend on which record came first.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was called already.</exception>
    public bool Add(Publication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ThrowIfBuilt();

        int record = _writer.Count;
        byte source = (byte)publication.Source;
        int idLength = CorpusStringColumn.Utf8(publication.Id ?? string.Empty, ref _idBytes);
        var id = _idBytes.AsSpan(0, idLength);
        uint idHash = CorpusHashIndex.Hash(id, source);
        int byId = -1;
        if (_options.DetectDuplicateIds)
        {
            var candidate = new IdCandidate(_writer, source, id);
            byId = _ids.Find(idHash, ref candidate);
        }

        int doiLength = NormalizedDoi(publication.Doi, ref _doiBytes);
        var doi = _doiBytes.AsSpan(0, Math.Max(0, doiLength));
        uint doiHash = 0;
        int byDoi = -1;
        if (doiLength >= 0 && _options.MergeByDoi)
        {
            doiHash = CorpusHashIndex.Hash(doi);
            var candidate = new DoiCandidate(_writer.Dois!, doi);
            byDoi = _dois.Find(doiHash, ref candidate);
        }

        Write(publication, id, doi, doiLength >= 0);
        if (_options.DetectDuplicateIds && byId < 0)
        {
            _ids.Add(idHash, record);
        }

        if (_options.MergeByDoi && doiLength >= 0 && byDoi < 0)
        {
            _dois.Add(doiHash, record);
        }

        if (byId < 0 && byDoi < 0)
        {
            _count++;
            Report.AddAccepted();
            return true;
        }

        if (byId >= 0)
        {
            Report.AddDuplicateId(publication.Position, publication.Id ?? string.Empty);
            Union(record, byId);
        }

        if (byDoi >= 0 && Find(byDoi) != Find(record))
        {
            string doiText = Encoding.UTF8.GetString(doi);
            Report.AddDuplicateDoi(publication.Position, doiText, _writer.Ids.Get(Find(byDoi)) ?? string.Empty);
            if (byId >= 0)
            {
                // The record joins two publications read before: they become one.
                _count--;
                Report.AddAccepted(-1);
            }

            Union(record, byDoi);
        }

        return false;
    }

    /// <summary>Adds every publication of a sequence, enumerating it once.</summary>
    public CorpusBuilder AddRange(IEnumerable<Publication> publications)
    {
        ArgumentNullException.ThrowIfNull(publications);
        foreach (var publication in publications)
        {
            Add(publication);
        }

        return this;
    }

    /// <summary>Adds every publication of an asynchronous sequence, enumerating it once.</summary>
    public async Task<CorpusBuilder> AddRangeAsync(IAsyncEnumerable<Publication> publications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publications);
        await foreach (var publication in publications.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Add(publication);
        }

        return this;
    }

    /// <summary>
    /// Builds the immutable corpus: merges duplicates, counts publications without a year or a country in the
    /// report, and drops what <see cref="CorpusOptions"/> says not to keep. The builder cannot be used afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was called already.</exception>
    public Corpus Build()
    {
        ThrowIfBuilt();
        _built = true;
        _ids.Release();
        _dois.Release();
        _authorKeys.Freeze();
        _authorNames?.Freeze();
        _addresses?.Freeze();
        var tables = new CorpusTables
        {
            TechnologyNames = [.. _technologyNames],
            InstitutionRows = [.. _rows],
            InstitutionCountries = [.. _rowCountries],
            InstitutionUnits = [.. _rowUnits],
            Institutions = [],
            AuthorKeys = _authorKeys,
            AuthorNames = _authorNames,
            Addresses = _addresses,
            Files = [.. _fileNames],
        };

        var groups = _parent.Count == 0 ? null : Groups();
        var excluded = Exclusions(groups);
        CorpusStorage storage;
        if (groups is null && excluded is null)
        {
            storage = _writer.ToStorage(tables, Report, _options.KeepDois, _options.KeepRecordDetails);
        }
        else
        {
            var all = _writer.ToStorage(tables, Report);
            var columns = new CorpusStorage.Columns(
                Dois: _options.KeepDois,
                AuthorKeys: _options.KeepAuthorIds,
                AuthorNames: _options.KeepRecordDetails,
                Addresses: _options.KeepRecordDetails,
                Positions: _options.KeepRecordDetails);
            storage = CorpusMerge.Merge(all, groups ?? [], columns, tables, Report, excluded);
        }

        NameInstitutions(storage);
        long withoutYear = 0, withoutCountry = 0, truncated = 0;
        for (int k = 0; k < storage.Count; k++)
        {
            withoutYear += storage.Years[k] == 0 ? 1 : 0;
            withoutCountry += storage.HasAnyCountry(k) ? 0 : 1;
            truncated += storage.Documents[k] >> 7;
        }

        Report.AddWithoutYear(withoutYear);
        Report.AddWithoutCountry(withoutCountry);
        if (truncated > 0)
        {
            Report.AddAuthorsTruncated(truncated);
        }

        return new Corpus(storage, selection: null);
    }

    /// <summary>
    /// The records the document filter leaves out (each group decided on its merged flags and author count, marked at
    /// its first record), counted in the report; null when none is.
    /// </summary>
    private bool[]? Exclusions(Dictionary<int, List<int>>? groups)
    {
        var filter = _options.Documents;
        if (filter.IsNone)
        {
            return null;
        }

        bool[]? excluded = null;
        var documents = new List<byte>();
        var counts = new List<int>();
        for (int k = 0; k < _writer.Count; k++)
        {
            byte document;
            int authors;
            if (groups is not null && groups.TryGetValue(k, out var members))
            {
                documents.Clear();
                counts.Clear();
                authors = 0;
                foreach (int r in members)
                {
                    documents.Add(_writer.DocumentBytes[r]);
                    counts.Add(_writer.AuthorCountOf(r));
                    authors = Math.Max(authors, counts[^1]);
                }

                document = CorpusMerge.MergedDocument(documents, counts, authors);
            }
            else if (groups is not null && _parent.ContainsKey(k))
            {
                // A record merged into an earlier one: decided with its group.
                continue;
            }
            else
            {
                document = _writer.DocumentBytes[k];
                authors = filter.MaxAuthors is null ? 0 : _writer.AuthorCountOf(k);
            }

            if (filter.Excludes(document, authors) is { } reason)
            {
                excluded ??= new bool[_writer.Count];
                excluded[k] = true;
                Report.AddExcluded(reason);
                Report.AddAccepted(-1);
                _count--;
            }
        }

        return excluded;
    }

    /// <summary>The normalized DOI of <paramref name="doi"/> as UTF-8 in <paramref name="buffer"/>; its length, or -1 when there is none.</summary>
    private static int NormalizedDoi(string? doi, ref byte[] buffer)
    {
        if (doi is null)
        {
            return -1;
        }

        // Readers normalize already: take such a DOI as it is, without a new string.
        bool normalized = doi.StartsWith("10.", StringComparison.Ordinal) && doi.Length > 3 && !char.IsWhiteSpace(doi[^1]);
        for (int i = 0; normalized && i < doi.Length; i++)
        {
            normalized = !char.IsUpper(doi[i]);
        }

        var text = normalized ? doi : Doi.Normalize(doi);
        return text is null ? -1 : CorpusStringColumn.Utf8(text, ref buffer);
    }

    /// <summary>The groups of records to merge: each root (its first record) with all its records, ascending.</summary>
    private Dictionary<int, List<int>> Groups()
    {
        var groups = new Dictionary<int, List<int>>();
        foreach (var record in _parent.Keys)
        {
            int root = Find(record);
            if (!groups.TryGetValue(root, out var members))
            {
                members = [root];
                groups.Add(root, members);
            }

            members.Add(record);
        }

        foreach (var members in groups.Values)
        {
            members.Sort();
        }

        return groups;
    }

    private int Find(int record)
    {
        int root = record;
        while (_parent.TryGetValue(root, out int parent))
        {
            root = parent;
        }

        while (record != root)
        {
            int next = _parent[record];
            _parent[record] = root;
            record = next;
        }

        return root;
    }

    /// <summary>Joins the groups of two records; the earlier record is the root.</summary>
    private void Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra != rb)
        {
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }

    private void Write(Publication publication, ReadOnlySpan<byte> id, ReadOnlySpan<byte> doi, bool hasDoi)
    {
        // Everything that can throw is checked before the first column is written, so that a rejected publication
        // leaves the builder as it was.
        var authors = publication.Authors ?? [];
        for (int a = 0; a < authors.Count; a++)
        {
            var author = authors[a] ?? throw new ArgumentException($"Publication '{publication.Id}' has a null author at position {a + 1}.", nameof(publication));
            var list = author.Affiliations ?? [];
            for (int f = 0; f < list.Count; f++)
            {
                if (list[f] is null)
                {
                    throw new ArgumentException($"Publication '{publication.Id}' has a null affiliation for author {a + 1}.", nameof(publication));
                }
            }
        }

        if (OpenAlexImpactColumn.Builder.Problem(publication.Fwci, publication.CitationPercentile) is { } problem)
        {
            throw new ArgumentException($"Publication '{publication.Id}': {problem}", nameof(publication));
        }

        var technologies = Technologies(publication.Technologies ?? []);
        int year = publication.Year is int y and > 0 and <= short.MaxValue ? y : 0;
        var position = publication.Position;
        _writer.BeginPublication(
            publication.Source, year, id, doi, hasDoi, publication.Citations is int c and >= 0 ? c : CorpusStorage.NoCitations,
            FileIndex(position.File), position.Line, position.Record, DocumentInfo.Of(publication));

        for (int a = 0; a < authors.Count; a++)
        {
            var author = authors[a];
            int keyRef = _options.KeepAuthorIds ? KeyRef(author) : 0;
            int name = _authorNames is not null && !string.IsNullOrWhiteSpace(author.Name) ? _authorNames.Intern(author.Name, ref _textBytes) : -1;
            _writer.BeginAuthor(author.IsCorresponding, keyRef, name);
            var affiliations = author.Affiliations ?? [];
            for (int f = 0; f < affiliations.Count; f++)
            {
                var affiliation = affiliations[f];
                int address = _addresses is not null && !string.IsNullOrWhiteSpace(affiliation.Address) ? InternAddress(affiliation.Address) : -1;
                _writer.AddAffiliation(affiliation.Country.Id, InternInstitution(affiliation), address);
            }
        }

        _writer.SetOpenAlexImpact(publication.Fwci, publication.CitationPercentile);
        _writer.EndPublication(technologies);
    }

    /// <summary>The key reference of an author: its id when the source gives one, else its name key, else 0.</summary>
    private int KeyRef(Author author)
    {
        if (!string.IsNullOrWhiteSpace(author.Id))
        {
            return _authorKeys.Intern(author.Id, ref _textBytes) + 1;
        }

        if (string.IsNullOrWhiteSpace(author.Name))
        {
            return 0;
        }

        int length = AuthorKey.FromName(author.Name, _chars);
        if (length == 0)
        {
            return 0;
        }

        int max = Encoding.UTF8.GetMaxByteCount(length);
        if (_textBytes.Length < max)
        {
            _textBytes = new byte[max];
        }

        int bytes = Encoding.UTF8.GetBytes(_chars.AsSpan(0, length), _textBytes);
        return -(_authorKeys.Intern(_textBytes.AsSpan(0, bytes)) + 1);
    }

    private static InstitutionCacheEntry[] NewInstitutionCache()
    {
        var cache = new InstitutionCacheEntry[1024];
        Array.Fill(cache, new InstitutionCacheEntry(null, null, 0, -1));
        return cache;
    }

    private int FileIndex(string? file)
    {
        if (file is null)
        {
            return -1;
        }

        if (ReferenceEquals(file, _lastFile))
        {
            return _lastFileIndex;
        }

        if (!_files.TryGetValue(file, out int index))
        {
            index = _fileNames.Count;
            _files.Add(file, index);
            _fileNames.Add(file);
        }

        _lastFile = file;
        _lastFileIndex = index;
        return index;
    }

    /// <summary>
    /// The institution row of an affiliation: one row per (institution key, country, name as given), so every
    /// affiliation keeps the name it was read with, whatever the order of the input.
    /// </summary>
    private int InternInstitution(Affiliation affiliation)
    {
        // Readers hand out the same string instances for values that repeat: a hit here skips hashing the texts.
        var id = affiliation.InstitutionId;
        var institutionName = affiliation.InstitutionName;
        if (id is null && institutionName is null)
        {
            return -1;
        }

        int countryCode = affiliation.Country.Id;
        int hash = (id is null ? 0 : RuntimeHelpers.GetHashCode(id)) ^ (institutionName is null ? 0 : RuntimeHelpers.GetHashCode(institutionName) * 31) ^ (countryCode * 65_599);
        ref var cached = ref _institutionCache[hash & (_institutionCache.Length - 1)];
        if (cached.Row >= 0 && ReferenceEquals(cached.Id, id) && ReferenceEquals(cached.Name, institutionName) && cached.Country == countryCode)
        {
            return cached.Row;
        }

        int found = InternInstitutionText(affiliation);
        cached = new InstitutionCacheEntry(id, institutionName, countryCode, found);
        return found;
    }

    /// <summary>The index of an address text in the address table, through a cache of the string instances seen last.</summary>
    private int InternAddress(string address)
    {
        ref var cached = ref _addressCache[RuntimeHelpers.GetHashCode(address) & (_addressCache.Length - 1)];
        if (ReferenceEquals(cached.Text, address))
        {
            return cached.Index;
        }

        int index = _addresses!.Intern(address, ref _textBytes);
        cached = new TextCacheEntry(address, index);
        return index;
    }

    private int InternInstitutionText(Affiliation affiliation)
    {
        var key = !string.IsNullOrWhiteSpace(affiliation.InstitutionId) ? affiliation.InstitutionId
            : !string.IsNullOrWhiteSpace(affiliation.InstitutionName) ? affiliation.InstitutionName
            : null;
        if (key is null)
        {
            return -1;
        }

        int countryId = affiliation.Country.Id;
        var name = affiliation.InstitutionName;
        if (_institutionRows.TryGetValue((key, countryId, name), out int row))
        {
            return row;
        }

        if (!_institutionUnits.TryGetValue(key, out int unit))
        {
            unit = _unitIds.Count;
            _institutionUnits.Add(key, unit);
            _unitIds.Add(string.IsNullOrWhiteSpace(affiliation.InstitutionId) ? null : affiliation.InstitutionId);
        }

        row = _rows.Count;
        _institutionRows.Add((key, countryId, name), row);
        _rows.Add(new Institution(_unitIds[unit], name, affiliation.Country));
        _rowCountries.Add((ushort)countryId);
        _rowUnits.Add(unit);
        return row;
    }

    /// <summary>
    /// Makes the canonical institutions of the built corpus: those its publications hold (an institution seen only in
    /// a duplicate that the merge left out is not one), in order of first appearance in the corpus, each named and
    /// placed by <see cref="InstitutionNaming"/> over the affiliations the corpus holds. Renumbers
    /// <see cref="CorpusTables.InstitutionUnits"/> to match.
    /// </summary>
    private void NameInstitutions(CorpusStorage storage)
    {
        var tables = storage.Tables;
        if (_rows.Count == 0)
        {
            return;
        }

        var rowEntries = new long[_rows.Count];
        var order = new int[_unitIds.Count];
        Array.Fill(order, -1);
        int units = 0;
        for (int k = 0; k < storage.Count; k++)
        {
            var cursor = storage.Entries(k);
            while (cursor.MoveNext())
            {
                int row = cursor.InstitutionRow;
                if (row >= 0)
                {
                    rowEntries[row]++;
                    int unit = _rowUnits[row];
                    if (order[unit] < 0)
                    {
                        order[unit] = units++;
                    }
                }
            }
        }

        var naming = new InstitutionNaming[units];
        for (int u = 0; u < units; u++)
        {
            naming[u] = new InstitutionNaming();
        }

        var unitIds = new string?[units];
        for (int row = 0; row < _rows.Count; row++)
        {
            int unit = order[_rowUnits[row]];
            tables.InstitutionUnits[row] = unit;
            if (unit >= 0 && rowEntries[row] > 0)
            {
                naming[unit].Add(_rows[row].Name, _rowCountries[row], rowEntries[row]);
                unitIds[unit] = _unitIds[_rowUnits[row]];
            }
        }

        var institutions = new Institution[units];
        for (int u = 0; u < units; u++)
        {
            institutions[u] = naming[u].ToInstitution(unitIds[u]);
        }

        tables.Institutions = institutions;
    }

    /// <summary>The distinct technology ids of the labels, ascending (interning new labels).</summary>
    private ReadOnlySpan<ushort> Technologies(IReadOnlyList<string> technologies)
    {
        _techScratch.Clear();
        for (int i = 0; i < technologies.Count; i++)
        {
            var label = technologies[i];
            if (string.IsNullOrWhiteSpace(label))
            {
                continue;
            }

            if (!_technologies.TryGetValue(label, out ushort id))
            {
                if (_technologyNames.Count > ushort.MaxValue)
                {
                    throw new InvalidOperationException($"A corpus holds at most {ushort.MaxValue + 1} distinct technology labels.");
                }

                id = (ushort)_technologyNames.Count;
                _technologies.Add(label, id);
                _technologyNames.Add(label);
            }

            if (!_techScratch.Contains(id))
            {
                _techScratch.Add(id);
            }
        }

        _techScratch.Sort();
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_techScratch);
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This builder has built its corpus already; create a new CorpusBuilder.");
        }
    }

    /// <summary>An institution row found for an id, name and country given as these string instances.</summary>
    private readonly record struct InstitutionCacheEntry(string? Id, string? Name, int Country, int Row);

    /// <summary>A string table index found for this string instance.</summary>
    private readonly record struct TextCacheEntry(string? Text, int Index);

    /// <summary>A record with the same source and id, confirmed against the id pool.</summary>
    private readonly ref struct IdCandidate(CorpusStorage.Writer writer, byte source, ReadOnlySpan<byte> id) : IHashCandidate
    {
        private readonly CorpusStorage.Writer _writer = writer;
        private readonly byte _source = source;
        private readonly ReadOnlySpan<byte> _id = id;

        public bool Matches(int index) => (byte)_writer.SourceOf(index) == _source && _writer.Ids.ValueEquals(index, _id);
    }

    /// <summary>A record with the same DOI, confirmed against the DOI pool.</summary>
    private readonly ref struct DoiCandidate(CorpusStringColumn dois, ReadOnlySpan<byte> doi) : IHashCandidate
    {
        private readonly CorpusStringColumn _dois = dois;
        private readonly ReadOnlySpan<byte> _doi = doi;

        public bool Matches(int index) => _dois.ValueEquals(index, _doi);
    }
}
