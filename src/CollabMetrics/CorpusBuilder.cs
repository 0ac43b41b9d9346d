using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// Builds a <see cref="Corpus"/> from publications, reading its input once. Mutable and used once: add
/// publications, then call <see cref="Build"/>. Not thread-safe.
/// </summary>
/// <remarks>
/// The builder keeps no <see cref="Publication"/> objects: each one is packed into arrays as it is added.
/// Duplicates are handled as <see cref="CorpusOptions"/> says and counted in <see cref="Report"/>.
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
    private readonly Dictionary<(byte Source, string Id), int>? _ids;
    private readonly Dictionary<string, int>? _dois;
    private readonly Dictionary<string, ushort> _technologies = new(StringComparer.Ordinal);
    private readonly List<string> _technologyNames = [];
    private readonly Dictionary<(string Key, int Country), int> _institutionRows = [];
    private readonly Dictionary<string, int> _institutionUnits = new(StringComparer.Ordinal);
    private readonly List<Institution> _rows = [];
    private readonly List<ushort> _rowCountries = [];
    private readonly List<int> _rowUnits = [];
    private readonly List<Institution> _institutions = [];
    private readonly Dictionary<string, int> _authors = new(StringComparer.Ordinal);
    private readonly List<string> _authorKeys = [];
    private readonly List<ushort> _techScratch = [];
    private GrowableArray<short> _years = new(1024);
    private GrowableArray<int> _entryStart = new(1024);
    private GrowableArray<uint> _entries = new(4096);
    private GrowableArray<int> _entryAuthors;
    private GrowableArray<int> _techStart = new(1024);
    private GrowableArray<ushort> _techIds = new(1024);
    private GrowableArray<int> _citations;
    private GrowableArray<string> _publicationIds = new(1024);
    private GrowableArray<string?> _publicationDois;
    private GrowableArray<byte> _sources = new(1024);
    private bool _hasAuthorIds;
    private bool _hasCitations;
    private bool _hasDois;
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
        if (_options.DetectDuplicateIds)
        {
            _ids = [];
        }

        if (_options.MergeByDoi)
        {
            _dois = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        _entryStart.Add(0);
        _techStart.Add(0);
    }

    /// <summary>The report this builder adds to.</summary>
    public IngestReport Report { get; }

    /// <summary>Publications added so far (duplicates not counted).</summary>
    public int Count => _years.Count;

    /// <summary>
    /// Adds a publication. Returns false, and reports it, when it is a duplicate by id or DOI (see
    /// <see cref="CorpusOptions"/>); the first one is kept.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was called already.</exception>
    public bool Add(Publication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ThrowIfBuilt();

        int index = _years.Count;
        if (_ids is not null && !_ids.TryAdd(((byte)publication.Source, publication.Id), index))
        {
            Report.AddDuplicateId(publication.Position, publication.Id);
            return false;
        }

        var doi = Doi.Normalize(publication.Doi);
        if (doi is not null && _dois is not null && !_dois.TryAdd(doi, index))
        {
            Report.AddDuplicateDoi(publication.Position, doi, _publicationIds[_dois[doi]]);
            return false;
        }

        short year = 0;
        if (publication.Year is int y and > 0 and <= short.MaxValue)
        {
            year = (short)y;
        }
        else
        {
            Report.AddWithoutYear();
        }

        _years.Add(year);
        _publicationIds.Add(publication.Id);
        _sources.Add((byte)publication.Source);
        AddDoi(index, _options.KeepDois ? doi : null);
        AddCitations(index, publication.Citations);

        bool anyCountry = false;
        foreach (var author in publication.Authors)
        {
            uint flags = CorpusStorage.AuthorStartFlag | (author.IsCorresponding ? CorpusStorage.CorrespondingFlag : 0u);
            int authorIndex = InternAuthor(index, author.Id);
            if (author.Affiliations.Count == 0)
            {
                AddEntry(flags, authorIndex);
                continue;
            }

            foreach (var affiliation in author.Affiliations)
            {
                anyCountry |= affiliation.Country.IsKnown;
                int row = InternInstitution(affiliation);
                uint value = row >= 0 ? CorpusStorage.InstitutionFlag | (uint)row : (uint)affiliation.Country.Id;
                AddEntry(flags | value, authorIndex);
                flags &= ~CorpusStorage.AuthorStartFlag;
            }
        }

        _entryStart.Add(_entries.Count);
        AddTechnologies(publication.Technologies);
        if (!anyCountry)
        {
            Report.AddWithoutCountry();
        }

        Report.AddAccepted();
        return true;
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

    /// <summary>Builds the immutable corpus. The builder cannot be used afterwards.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was called already.</exception>
    public Corpus Build()
    {
        ThrowIfBuilt();
        _built = true;
        int count = _years.Count;
        var storage = new CorpusStorage
        {
            Count = count,
            Years = _years.Detach(),
            EntryStart = _entryStart.Detach(),
            Entries = _entries.Detach(),
            EntryAuthors = _hasAuthorIds ? _entryAuthors.Detach() : null,
            TechStart = _techStart.Detach(),
            TechIds = _techIds.Detach(),
            Citations = _hasCitations ? _citations.Detach() : null,
            Ids = _publicationIds.Detach(),
            Dois = _hasDois ? _publicationDois.Detach() : null,
            Sources = _sources.Detach(),
            TechnologyNames = [.. _technologyNames],
            InstitutionRows = [.. _rows],
            InstitutionCountries = [.. _rowCountries],
            InstitutionUnits = [.. _rowUnits],
            Institutions = [.. _institutions],
            AuthorKeys = [.. _authorKeys],
            Report = Report,
        };
        return new Corpus(storage, selection: null);
    }

    private void AddEntry(uint entry, int authorIndex)
    {
        if (_hasAuthorIds)
        {
            _entryAuthors.Add(authorIndex);
        }

        _entries.Add(entry);
    }

    private int InternAuthor(int publicationIndex, string? id)
    {
        if (!_options.KeepAuthorIds || string.IsNullOrEmpty(id))
        {
            return CorpusStorage.NoAuthorId;
        }

        if (!_hasAuthorIds)
        {
            // First author id: back-fill the entries added so far.
            _hasAuthorIds = true;
            _entryAuthors = new GrowableArray<int>(Math.Max(1024, _entries.Count * 2));
            for (int i = 0; i < _entries.Count; i++)
            {
                _entryAuthors.Add(CorpusStorage.NoAuthorId);
            }
        }

        if (!_authors.TryGetValue(id, out int authorIndex))
        {
            authorIndex = _authorKeys.Count;
            _authors.Add(id, authorIndex);
            _authorKeys.Add(id);
        }

        return authorIndex;
    }

    private int InternInstitution(Affiliation affiliation)
    {
        var key = !string.IsNullOrWhiteSpace(affiliation.InstitutionId) ? affiliation.InstitutionId
            : !string.IsNullOrWhiteSpace(affiliation.InstitutionName) ? affiliation.InstitutionName
            : null;
        if (key is null)
        {
            return -1;
        }

        int countryId = affiliation.Country.Id;
        if (_institutionRows.TryGetValue((key, countryId), out int row))
        {
            return row;
        }

        if (!_institutionUnits.TryGetValue(key, out int unit))
        {
            unit = _institutions.Count;
            _institutionUnits.Add(key, unit);
            _institutions.Add(new Institution(
                string.IsNullOrWhiteSpace(affiliation.InstitutionId) ? null : affiliation.InstitutionId,
                affiliation.InstitutionName,
                affiliation.Country));
        }

        row = _rows.Count;
        _institutionRows.Add((key, countryId), row);
        _rows.Add(new Institution(_institutions[unit].Id, affiliation.InstitutionName ?? _institutions[unit].Name, affiliation.Country));
        _rowCountries.Add((ushort)countryId);
        _rowUnits.Add(unit);
        return row;
    }

    private void AddTechnologies(IReadOnlyList<string> technologies)
    {
        _techScratch.Clear();
        foreach (var label in technologies)
        {
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
        foreach (var id in _techScratch)
        {
            _techIds.Add(id);
        }

        _techStart.Add(_techIds.Count);
    }

    private void AddDoi(int index, string? doi)
    {
        if (doi is not null && !_hasDois)
        {
            _hasDois = true;
            _publicationDois = new GrowableArray<string?>(Math.Max(1024, index * 2));
            for (int i = 0; i < index; i++)
            {
                _publicationDois.Add(null);
            }
        }

        if (_hasDois)
        {
            _publicationDois.Add(doi);
        }
    }

    private void AddCitations(int index, int? citations)
    {
        if (citations is not null && !_hasCitations)
        {
            _hasCitations = true;
            _citations = new GrowableArray<int>(Math.Max(1024, index * 2));
            for (int i = 0; i < index; i++)
            {
                _citations.Add(CorpusStorage.NoCitations);
            }
        }

        if (_hasCitations)
        {
            _citations.Add(citations is >= 0 ? citations.Value : CorpusStorage.NoCitations);
        }
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This builder has built its corpus already; create a new CorpusBuilder.");
        }
    }
}
