using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// A lightweight handle on one publication of a <see cref="Corpus"/>: reads its columns without allocating a
/// <see cref="Publication"/>. Valid as long as the corpus is (corpora are immutable).
/// </summary>
public readonly struct PublicationRecord : IEquatable<PublicationRecord>
{
    private readonly CorpusStorage _storage;

    internal PublicationRecord(CorpusStorage storage, int index)
    {
        _storage = storage;
        Index = index;
    }

    /// <summary>The position of this publication in the underlying corpus.</summary>
    public int Index { get; }

    /// <summary>The id as the source gives it (a new string each time: ids are stored as UTF-8).</summary>
    public string Id => _storage.Ids.Get(Index)!;

    /// <summary>The source.</summary>
    public PublicationSource Source => (PublicationSource)_storage.Sources[Index];

    /// <summary>The publication year, or null.</summary>
    public int? Year => _storage.Years[Index] is var y and not 0 ? y : null;

    /// <summary>The normalized DOI, or null (also when the corpus does not keep DOIs, see <see cref="CorpusOptions.KeepDois"/>).</summary>
    public string? Doi => _storage.Dois?.Get(Index);

    /// <summary>The citation count, or null.</summary>
    public int? Citations => _storage.Citations is { } c && c[Index] >= 0 ? c[Index] : null;

    /// <summary>OpenAlex's field-weighted citation impact (<c>fwci</c>), or null.</summary>
    public double? Fwci => _storage.OpenAlexImpact?.Fwci(Index);

    /// <summary>OpenAlex's <c>citation_normalized_percentile</c>, or null.</summary>
    public CitationPercentile? CitationPercentile => _storage.OpenAlexImpact?.Percentile(Index);

    /// <summary>
    /// Where the publication was read from: file, line and record. For a publication merged from several records,
    /// the position of the record the merge rule puts first. The default position when the corpus does not keep
    /// positions (see <see cref="CorpusOptions.KeepRecordDetails"/>).
    /// </summary>
    public SourcePosition Position => _storage.Position(Index);

    /// <summary>The number of authors.</summary>
    public int AuthorCount => _storage.AuthorCount(Index);

    /// <summary>The document type, normalised across sources; <see cref="DocumentType.Unknown"/> when the source gives none.</summary>
    public DocumentType DocumentType => DocumentInfo.Type(_storage.Documents[Index]);

    /// <summary>Whether the source says the work was retracted (kept only when <see cref="DocumentFilter.IncludeRetracted"/>).</summary>
    public bool IsRetracted => (_storage.Documents[Index] & DocumentInfo.Retracted) != 0;

    /// <summary>Whether the work is paratext (kept only when <see cref="DocumentFilter.IncludeParatext"/>).</summary>
    public bool IsParatext => (_storage.Documents[Index] & DocumentInfo.Paratext) != 0;

    /// <summary>Whether the source cut the author list short (OpenAlex <c>is_authors_truncated</c>).</summary>
    public bool AuthorsTruncated => (_storage.Documents[Index] & DocumentInfo.AuthorsTruncated) != 0;

    /// <summary>The technology labels.</summary>
    public IReadOnlyList<string> Technologies
    {
        get
        {
            var ids = _storage.TechnologiesOf(Index);
            var labels = new string[ids.Length];
            for (int j = 0; j < ids.Length; j++)
            {
                labels[j] = _storage.TechnologyNames[ids[j]];
            }

            return labels;
        }
    }

    /// <summary>The distinct resolved countries, in code order.</summary>
    public IReadOnlyList<Country> Countries
    {
        get
        {
            var set = new SortedSet<Country>();
            var cursor = _storage.Entries(Index);
            while (cursor.MoveNext())
            {
                if (cursor.Country != 0)
                {
                    set.Add(Country.FromIdUnchecked(cursor.Country));
                }
            }

            return [.. set];
        }
    }

    /// <summary>Whether any affiliation is in <paramref name="country"/>.</summary>
    public bool HasCountry(Country country)
    {
        if (!country.IsKnown)
        {
            return false;
        }

        var cursor = _storage.Entries(Index);
        while (cursor.MoveNext())
        {
            if (cursor.Country == country.Id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the publication carries the technology label.</summary>
    public bool HasTechnology(string technology)
    {
        foreach (var id in _storage.TechnologiesOf(Index))
        {
            if (string.Equals(_storage.TechnologyNames[id], technology, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Materializes the publication: id, source, position, DOI, year, authors (name, id, corresponding flag,
    /// affiliations with institution id and name, address and country), technologies, citations, document type and
    /// flags. What the corpus
    /// does not keep comes back null: names, addresses and the position without
    /// <see cref="CorpusOptions.KeepRecordDetails"/>, author ids without <see cref="CorpusOptions.KeepAuthorIds"/>,
    /// the DOI without <see cref="CorpusOptions.KeepDois"/>. An author's id is the id its source gave; an author
    /// known only by name has a null id (its name key is used for author networks, see
    /// <see cref="Graph.CoauthorshipGraph.FromAuthors"/>).
    /// </summary>
    /// <remarks>
    /// An affiliation with nothing known (no institution, address or country) is counted as an unresolved
    /// affiliation but not given back, as an author without affiliations is stored as one such entry.
    /// </remarks>
    public Publication ToPublication()
    {
        var authors = new List<Author>();
        List<Affiliation>? affiliations = null;
        Author? author = null;
        var cursor = _storage.Entries(Index);
        while (cursor.MoveNext())
        {
            if (cursor.IsAuthorStart)
            {
                Flush();
                affiliations = [];
                int position = cursor.AuthorPosition;
                string? key = _storage.AuthorKeyOf(Index, position, out bool fromName);
                author = new Author
                {
                    Id = fromName ? null : key,
                    Name = _storage.AuthorName(Index, position),
                    IsCorresponding = cursor.IsCorresponding,
                };
            }

            int row = cursor.InstitutionRow;
            string? address = _storage.Address(cursor.Entry);
            if (row >= 0)
            {
                var institution = _storage.Tables.InstitutionRows[row];
                affiliations!.Add(new Affiliation
                {
                    InstitutionId = institution.Id,
                    InstitutionName = institution.Name,
                    Address = address,
                    Country = Country.FromIdUnchecked(cursor.Country),
                });
            }
            else if (address is not null || cursor.Country != 0)
            {
                affiliations!.Add(new Affiliation { Address = address, Country = Country.FromIdUnchecked(cursor.Country) });
            }
        }

        Flush();
        return new Publication
        {
            Id = Id,
            Source = Source,
            Position = Position,
            Doi = Doi,
            Year = Year,
            Fwci = Fwci,
            CitationPercentile = CitationPercentile,
            Authors = authors,
            Technologies = Technologies,
            Citations = Citations,
            DocumentType = DocumentType,
            IsRetracted = IsRetracted,
            IsParatext = IsParatext,
            AuthorsTruncated = AuthorsTruncated,
        };

        void Flush()
        {
            if (author is not null)
            {
                authors.Add(author with { Affiliations = affiliations! });
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(PublicationRecord other) => ReferenceEquals(_storage, other._storage) && Index == other.Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PublicationRecord other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_storage, Index);

    /// <summary>The id.</summary>
    public override string ToString() => Id;

    /// <summary>Equality.</summary>
    public static bool operator ==(PublicationRecord left, PublicationRecord right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PublicationRecord left, PublicationRecord right) => !left.Equals(right);
}
