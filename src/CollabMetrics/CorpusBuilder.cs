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
    private readonly CorpusStringTable _institutionKeys = new();
    private readonly List<int> _institutionByKey = [];
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
    private CorpusHashIndex _ids;
    private CorpusHashIndex _dois;
    private readonly RecordBatch _one = new();
    private BatchMapping _mapping;
    private int[] _batchInstitutions = new int[256];
    private int[] _batchLabels = new int[64];
    private byte[] _textBytes = new byte[256];
    private uint[] _keyHashes = new uint[64];
    private uint[] _nameHashes = new uint[64];
    private ulong _touched;
    private readonly char[] _chars = new char[AuthorKey.MaxLength + 3];
    private string? _lastFile;
    private int _lastFileIndex = -1;
    private int _count;
    private bool _built;
    private long _expected;
    private readonly int[] _recentStarts = [-1, -1, -1, -1];
    private readonly int[] _recentLengths = new int[4];
    private readonly int[] _recentIndices = new int[4];
    private int _recentNext;
    private RecordBatch? _recentBatch;
    private int _recentVersion;

    /// <summary>The default of <see cref="SampleSize"/>.</summary>
    internal const int DefaultSampleSize = 1024;

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

    /// <summary>
    /// Tells the builder about how many publications are coming (an estimate from the input's size; never a limit:
    /// more or fewer may come, and the corpus is the same either way). After the first <see cref="SampleSize"/>
    /// records, the builder sizes its columns (per publication, author and affiliation) and its id and DOI indexes for
    /// that many publications, scaling what the sample held, so that they do not grow step by step (each step a copy,
    /// and large arrays that the collector must reclaim); <see cref="Build"/> trims what was not used.
    /// </summary>
    internal void ExpectPublications(long publications) => _expected = Math.Max(0, publications);

    /// <summary>Records read before the builder's tables are sized from <see cref="ExpectPublications"/>.</summary>
    internal int SampleSize { get; init; } = DefaultSampleSize;

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
        if (OpenAlexImpactColumn.Builder.Problem(publication.Fwci, publication.CitationPercentile) is { } problem)
        {
            throw new ArgumentException($"Publication '{publication.Id}': {problem}", nameof(publication));
        }

        _one.Clear();
        _one.Add(publication);
        return AddRecord(_one, 0);
    }

    /// <summary>
    /// Adds publication <paramref name="k"/> of a batch decoded by a reader (the fast path of the file entry points:
    /// no <see cref="Publication"/> object); as <see cref="Add"/> otherwise.
    /// </summary>
    internal bool AddRecord(RecordBatch batch, int k)
    {
        ThrowIfBuilt();
        int record = _writer.Count;
        byte source = (byte)batch.Source(k);
        var id = batch.Id(k);
        ulong idHash64 = batch.IdHash(k);
        uint idHash = (uint)(idHash64 ^ (idHash64 >> 32));
        int byId = -1;
        if (_options.DetectDuplicateIds)
        {
            var candidate = new IdCandidate(_writer, source, id);
            byId = _ids.Find(idHash, ref candidate);
        }

        bool hasDoi = batch.HasDoi(k);
        var doi = batch.Doi(k);
        ulong doiHash64 = batch.DoiHash(k);
        uint doiHash = (uint)(doiHash64 ^ (doiHash64 >> 32));
        int byDoi = -1;
        if (hasDoi && _options.MergeByDoi)
        {
            var candidate = new DoiCandidate(_writer.Dois!, doi);
            byDoi = _dois.Find(doiHash, ref candidate);
        }

        Write(batch, k, id, doi, hasDoi);
        if (record + 1 == SampleSize && _expected > 2L * SampleSize)
        {
            ReserveFromSample();
        }

        if (_options.DetectDuplicateIds && byId < 0)
        {
            _ids.Add(idHash, record);
        }

        if (_options.MergeByDoi && hasDoi && byDoi < 0)
        {
            _dois.Add(doiHash, record);
        }

        if (byId < 0 && byDoi < 0)
        {
            _count++;
            Report.AddAccepted();
            return true;
        }

        var position = batch.Position(k);
        if (byId >= 0)
        {
            Report.AddDuplicateId(position, Encoding.UTF8.GetString(id));
            Union(record, byId);
        }

        if (byDoi >= 0 && Find(byDoi) != Find(record))
        {
            string doiText = Encoding.UTF8.GetString(doi);
            Report.AddDuplicateDoi(position, doiText, _writer.Ids.Get(Find(byDoi)) ?? string.Empty);
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

    private void Write(RecordBatch batch, int k, ReadOnlySpan<byte> id, ReadOnlySpan<byte> doi, bool hasDoi)
    {
        // Everything that can throw is checked before the first column is written, so that a rejected publication
        // leaves the builder as it was.
        if (_mapping.Update(batch, out int institutionsFrom, out int labelsFrom))
        {
            // Institutions and labels the builder has not seen in this batch yet are not mapped (-2).
            BatchMapping.Extend(ref _batchInstitutions, institutionsFrom, batch.InstitutionCount, -2);
            BatchMapping.Extend(ref _batchLabels, labelsFrom, batch.TechnologyCount, -2);
        }

        var technologies = Technologies(batch, k);
        int rawYear = batch.Year(k);
        int year = rawYear is > 0 and <= short.MaxValue ? rawYear : 0;
        int citations = batch.Citations(k);
        _writer.BeginPublication(
            batch.Source(k), year, id, doi, hasDoi, citations >= 0 ? citations : CorpusStorage.NoCitations,
            FileIndex(batch.FileName), batch.Line(k), batch.Record(k), batch.Document(k));

        int authorStart = batch.AuthorStart(k), authorEnd = batch.AuthorEnd(k);
        HashAuthors(batch, authorStart, authorEnd);
        for (int a = authorStart; a < authorEnd; a++)
        {
            int keyRef = _options.KeepAuthorIds ? KeyRef(batch, a, _keyHashes[a - authorStart]) : 0;
            int name = _authorNames is not null && batch.HasAuthorName(a) && !IsBlank(batch.AuthorName(a)) ? _authorNames.Intern(batch.AuthorName(a), _nameHashes[a - authorStart]) : -1;
            _writer.BeginAuthor(batch.IsCorresponding(a), keyRef, name);
            int entryEnd = batch.EntryEnd(a);
            for (int e = batch.EntryStart(a); e < entryEnd; e++)
            {
                int address = _addresses is not null && batch.HasAddress(e) ? AddressIndex(batch, e) : -1;
                int institution = batch.EntryInstitution(e);
                _writer.AddAffiliation(batch.EntryCountry(e), institution < 0 ? -1 : InstitutionRow(batch, institution), address);
            }
        }

        _writer.SetOpenAlexImpact(batch.Fwci(k), batch.Percentile(k));
        _writer.EndPublication(technologies);
    }

    /// <summary>
    /// Hashes the ids and names of a publication's authors for their tables and reads the slot each lookup starts at,
    /// all before the first lookup: with hundreds of thousands of distinct authors the slots are rarely in the cache,
    /// and reads that do not wait for one another let the processor wait for those misses together.
    /// </summary>
    private void HashAuthors(RecordBatch batch, int authorStart, int authorEnd)
    {
        int count = authorEnd - authorStart;
        if (_keyHashes.Length < count)
        {
            _keyHashes = new uint[Math.Max(count, _keyHashes.Length * 2)];
            _nameHashes = new uint[_keyHashes.Length];
        }

        ulong touched = 0;
        for (int a = authorStart; a < authorEnd; a++)
        {
            if (_options.KeepAuthorIds && batch.HasAuthorKey(a))
            {
                uint hash = CorpusHashIndex.Hash(batch.AuthorKey(a));
                _keyHashes[a - authorStart] = hash;
                touched ^= _authorKeys.Touch(hash);
            }

            if (_authorNames is not null && batch.HasAuthorName(a))
            {
                uint hash = CorpusHashIndex.Hash(batch.AuthorName(a));
                _nameHashes[a - authorStart] = hash;
                touched ^= _authorNames.Touch(hash);
            }
        }

        _touched ^= touched;
    }

    /// <summary>
    /// The index of entry <paramref name="e"/>'s address in the corpus's table (interned when new), or -1 when blank.
    /// The last few addresses the builder looked up are remembered by where the batch holds their bytes (entries of
    /// one publication share the bytes of the same text), so co-authors' shared affiliation string is interned once.
    /// </summary>
    private int AddressIndex(RecordBatch batch, int e)
    {
        int start = batch.AddressStart(e), length = batch.AddressLength(e);
        if (!ReferenceEquals(batch, _recentBatch) || batch.Version != _recentVersion)
        {
            _recentBatch = batch;
            _recentVersion = batch.Version;
            Array.Fill(_recentStarts, -1);
        }
        else
        {
            for (int i = 0; i < _recentStarts.Length; i++)
            {
                if (_recentStarts[i] == start && _recentLengths[i] == length)
                {
                    return _recentIndices[i];
                }
            }
        }

        var text = batch.Address(e);
        int index = IsBlank(text) ? -1 : _addresses!.Intern(text);
        _recentStarts[_recentNext] = start;
        _recentLengths[_recentNext] = length;
        _recentIndices[_recentNext] = index;
        _recentNext = (_recentNext + 1) % _recentStarts.Length;
        return index;
    }

    /// <summary>Sizes the columns and the id and DOI indexes for the expected publications, scaling the sample.</summary>
    private void ReserveFromSample()
    {
        int sample = _writer.Count;
        int expected = (int)Math.Min(_expected, Array.MaxLength / 2);
        double scale = expected / (double)sample;
        try
        {
            _writer.Reserve(expected, Scaled(_writer.AuthorTotal, scale), Scaled(_writer.EntryTotal, scale));
            if (_options.DetectDuplicateIds)
            {
                _ids.Reserve(expected);
            }

            if (_options.MergeByDoi)
            {
                _dois.Reserve(expected);
            }
        }
        catch (OutOfMemoryException)
        {
            // An estimate too large for the memory there is: the columns grow as they fill instead (each one is
            // either as it was or larger, never inconsistent).
        }

        // The string tables (author keys, names, addresses) are not sized from the sample: the share of new strings
        // falls as a corpus grows (authors come back), by how much no early sample tells, and tables sized for
        // strings that never come would hold memory until the corpus is built. They grow as before.
        static int Scaled(int count, double scale) => (int)Math.Min(count * scale, Array.MaxLength / 2);
    }

    /// <summary>Whether UTF-8 text is empty or white space (<see cref="string.IsNullOrWhiteSpace"/>).</summary>
    private static bool IsBlank(ReadOnlySpan<byte> text) => IO.Csv.CsvLayout.IsWhiteSpace(text);

    /// <summary>
    /// The key reference of an author: its id when the source gives one, else its name key, else 0.
    /// <paramref name="idHash"/> is the hash of the id (<see cref="CorpusHashIndex.Hash"/>) when there is one.
    /// </summary>
    private int KeyRef(RecordBatch batch, int a, uint idHash)
    {
        if (batch.HasAuthorKey(a) && !IsBlank(batch.AuthorKey(a)))
        {
            return _authorKeys.Intern(batch.AuthorKey(a), idHash) + 1;
        }

        if (!batch.HasAuthorName(a) || IsBlank(batch.AuthorName(a)))
        {
            return 0;
        }

        int length = AuthorKey.FromName(Encoding.UTF8.GetString(batch.AuthorName(a)), _chars);
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
    /// The institution row of institution <paramref name="i"/> of the batch, interning it when new; -1 without a key
    /// (neither id nor name). One row per (institution key, country, name as given), so every affiliation keeps the
    /// name it was read with, whatever the order of the input.
    /// </summary>
    private int InstitutionRow(RecordBatch batch, int i)
    {
        int cached = _batchInstitutions[i];
        if (cached != -2)
        {
            return cached;
        }

        // The same (id, name, country) always gives the same row: look the bytes up before making strings.
        var idBytes = batch.InstitutionId(i);
        var nameBytes = batch.InstitutionName(i);
        int keyLength = 7 + idBytes.Length + nameBytes.Length;
        if (_textBytes.Length < keyLength)
        {
            _textBytes = new byte[keyLength * 2];
        }

        var composite = _textBytes.AsSpan(0, keyLength);
        composite[0] = (byte)((batch.HasInstitutionId(i) ? 1 : 0) | (batch.HasInstitutionName(i) ? 2 : 0));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(composite[1..], (ushort)batch.InstitutionCountry(i));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(composite[3..], idBytes.Length);
        idBytes.CopyTo(composite[7..]);
        nameBytes.CopyTo(composite[(7 + idBytes.Length)..]);
        int seen = _institutionKeys.Count;
        int keyIndex = _institutionKeys.Intern(composite);
        if (keyIndex < seen)
        {
            _batchInstitutions[i] = _institutionByKey[keyIndex];
            return _batchInstitutions[i];
        }

        string? id = batch.HasInstitutionId(i) && !IsBlank(batch.InstitutionId(i)) ? Encoding.UTF8.GetString(batch.InstitutionId(i)) : null;
        string? name = batch.HasInstitutionName(i) ? Encoding.UTF8.GetString(batch.InstitutionName(i)) : null;
        var key = id ?? (!string.IsNullOrWhiteSpace(name) ? name : null);
        int row = -1;
        if (key is not null)
        {
            int countryId = batch.InstitutionCountry(i);
            if (!_institutionRows.TryGetValue((key, countryId, name), out row))
            {
                if (!_institutionUnits.TryGetValue(key, out int unit))
                {
                    unit = _unitIds.Count;
                    _institutionUnits.Add(key, unit);
                    _unitIds.Add(id);
                }

                row = _rows.Count;
                _institutionRows.Add((key, countryId, name), row);
                _rows.Add(new Institution(_unitIds[unit], name, Geography.Country.FromIdUnchecked(countryId)));
                _rowCountries.Add((ushort)countryId);
                _rowUnits.Add(unit);
            }
        }

        _institutionByKey.Add(row);
        _batchInstitutions[i] = row;
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

    /// <summary>The distinct technology ids of publication <paramref name="k"/>'s labels, ascending (interning new labels).</summary>
    private ReadOnlySpan<ushort> Technologies(RecordBatch batch, int k)
    {
        _techScratch.Clear();
        var labels = batch.LabelsOf(k);
        for (int i = 0; i < labels.Length; i++)
        {
            int local = labels[i];
            int global = _batchLabels[local];
            if (global == -2)
            {
                global = -1;
                if (!IsBlank(batch.Label(local)))
                {
                    var label = batch.LabelText(local);
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

                    global = id;
                }

                _batchLabels[local] = global;
            }

            if (global >= 0 && !_techScratch.Contains((ushort)global))
            {
                _techScratch.Add((ushort)global);
            }
        }

        if (_techScratch.Count > 1)
        {
            _techScratch.Sort();
        }

        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_techScratch);
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This builder has built its corpus already; create a new CorpusBuilder.");
        }
    }

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
