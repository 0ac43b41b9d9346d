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

    /// <summary>The id as the source gives it.</summary>
    public string Id => _storage.Ids[Index];

    /// <summary>The source.</summary>
    public PublicationSource Source => (PublicationSource)_storage.Sources[Index];

    /// <summary>The publication year, or null.</summary>
    public int? Year => _storage.Years[Index] is var y and not 0 ? y : null;

    /// <summary>The normalized DOI, or null.</summary>
    public string? Doi => _storage.Dois?[Index];

    /// <summary>The citation count, or null.</summary>
    public int? Citations => _storage.Citations is { } c && c[Index] >= 0 ? c[Index] : null;

    /// <summary>The number of authors.</summary>
    public int AuthorCount
    {
        get
        {
            int n = 0;
            for (int e = _storage.EntryStart[Index]; e < _storage.EntryStart[Index + 1]; e++)
            {
                if ((_storage.Entries[e] & CorpusStorage.AuthorStartFlag) != 0)
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>The technology labels.</summary>
    public IReadOnlyList<string> Technologies
    {
        get
        {
            int start = _storage.TechStart[Index], end = _storage.TechStart[Index + 1];
            var labels = new string[end - start];
            for (int j = start; j < end; j++)
            {
                labels[j - start] = _storage.TechnologyNames[_storage.TechIds[j]];
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
            for (int e = _storage.EntryStart[Index]; e < _storage.EntryStart[Index + 1]; e++)
            {
                int id = _storage.CountryOf(_storage.Entries[e]);
                if (id != 0)
                {
                    set.Add(Country.FromIdUnchecked(id));
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

        for (int e = _storage.EntryStart[Index]; e < _storage.EntryStart[Index + 1]; e++)
        {
            if (_storage.CountryOf(_storage.Entries[e]) == country.Id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the publication carries the technology label.</summary>
    public bool HasTechnology(string technology)
    {
        for (int j = _storage.TechStart[Index]; j < _storage.TechStart[Index + 1]; j++)
        {
            if (string.Equals(_storage.TechnologyNames[_storage.TechIds[j]], technology, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Materializes the publication: id, source, DOI, year, authors (id, corresponding flag, affiliations with
    /// institution id, name and country), technologies and citations. Names and raw addresses are not stored in a
    /// corpus and come back null.
    /// </summary>
    public Publication ToPublication()
    {
        var authors = new List<Author>();
        List<Affiliation>? affiliations = null;
        string? authorId = null;
        bool corresponding = false;
        for (int e = _storage.EntryStart[Index]; e < _storage.EntryStart[Index + 1]; e++)
        {
            uint entry = _storage.Entries[e];
            if ((entry & CorpusStorage.AuthorStartFlag) != 0)
            {
                Flush();
                affiliations = [];
                corresponding = (entry & CorpusStorage.CorrespondingFlag) != 0;
                int a = _storage.EntryAuthors?[e] ?? CorpusStorage.NoAuthorId;
                authorId = a >= 0 ? _storage.AuthorKeys[a] : null;
            }

            int country = _storage.CountryOf(entry);
            if ((entry & CorpusStorage.InstitutionFlag) != 0)
            {
                var row = _storage.InstitutionRows[entry & CorpusStorage.ValueMask];
                affiliations!.Add(new Affiliation
                {
                    InstitutionId = row.Id,
                    InstitutionName = row.Name,
                    Country = Country.FromIdUnchecked(country),
                });
            }
            else if (country != 0)
            {
                affiliations!.Add(new Affiliation { Country = Country.FromIdUnchecked(country) });
            }
        }

        Flush();
        return new Publication
        {
            Id = Id,
            Source = Source,
            Doi = Doi,
            Year = Year,
            Authors = authors,
            Technologies = Technologies,
            Citations = Citations,
        };

        void Flush()
        {
            if (affiliations is not null)
            {
                authors.Add(new Author { Id = authorId, IsCorresponding = corresponding, Affiliations = affiliations });
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
