using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.IO;

/// <summary>
/// Assembles the authors of one record for the address-based readers (Web of Science, Scopus): authors in byline
/// order, names matched the way exports abbreviate them, affiliations attached per author or, when the source
/// does not say which author an address belongs to, to the authors that have none.
/// </summary>
internal sealed class Byline
{
    private readonly List<Draft> _authors = [];
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _initials = new(StringComparer.Ordinal);

    internal int Count => _authors.Count;

    /// <summary>Adds an author; <paramref name="alternateName"/> is another spelling to match (the abbreviated one).</summary>
    internal int Add(string? name, string? id = null, string? alternateName = null)
    {
        int index = _authors.Count;
        _authors.Add(new Draft(name, id));
        Register(name, index);
        Register(alternateName, index);
        return index;
    }

    /// <summary>The author with this name (exact spelling first, then surname and initials), or -1.</summary>
    internal int Find(string name)
    {
        if (_exact.TryGetValue(PersonNameKey.Exact(name), out int index) || _initials.TryGetValue(PersonNameKey.Initials(name), out index))
        {
            return index;
        }

        return -1;
    }

    /// <summary>The author with this name, or a new author appended to the byline.</summary>
    internal int FindOrAdd(string name)
    {
        int index = Find(name);
        return index >= 0 ? index : Add(name);
    }

    internal void AddAffiliation(int author, Affiliation affiliation) => _authors[author].Affiliations.Add(affiliation);

    internal void MarkCorresponding(int author) => _authors[author].IsCorresponding = true;

    internal bool HasAffiliations(int author) => _authors[author].Affiliations.Count > 0;

    internal bool AnyAffiliation()
    {
        foreach (var a in _authors)
        {
            if (a.Affiliations.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Gives addresses that no author is named for to every author without an affiliation, or, when every author
    /// has one (or there are no authors), to every author; with no authors at all, to one unnamed author.
    /// </summary>
    internal void AddUnlinked(List<Affiliation> unlinked)
    {
        if (unlinked.Count == 0)
        {
            return;
        }

        if (_authors.Count == 0)
        {
            Add(null);
        }

        bool anyWithout = false;
        foreach (var a in _authors)
        {
            anyWithout |= a.Affiliations.Count == 0;
        }

        foreach (var a in _authors)
        {
            if (!anyWithout || a.Affiliations.Count == 0)
            {
                a.Affiliations.AddRange(unlinked);
            }
        }
    }

    internal Author[] Build()
    {
        var authors = new Author[_authors.Count];
        for (int i = 0; i < authors.Length; i++)
        {
            var d = _authors[i];
            authors[i] = new Author { Name = d.Name, Id = d.Id, Affiliations = [.. d.Affiliations], IsCorresponding = d.IsCorresponding };
        }

        return authors;
    }

    private void Register(string? name, int index)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        _exact.TryAdd(PersonNameKey.Exact(name), index);
        _initials.TryAdd(PersonNameKey.Initials(name), index);
    }

    private sealed class Draft(string? name, string? id)
    {
        internal string? Name { get; } = name;

        internal string? Id { get; } = id;

        internal List<Affiliation> Affiliations { get; } = [];

        internal bool IsCorresponding { get; set; }
    }
}

/// <summary>Resolves affiliation addresses for one read, remembering recent answers and reporting what stays unresolved.</summary>
internal sealed class AddressResolution(CountryResolver resolver, ReadContext context)
{
    private const int MaxCached = 50_000;
    private readonly Dictionary<string, Country> _cache = new(StringComparer.Ordinal);

    /// <summary>An affiliation for <paramref name="address"/>; an unresolved address is counted in the report.</summary>
    internal Affiliation Create(string address, string? institutionName)
    {
        if (!_cache.TryGetValue(address, out var country))
        {
            country = resolver.Resolve(address);
            if (_cache.Count >= MaxCached)
            {
                _cache.Clear();
            }

            _cache[address] = country;
        }

        if (!country.IsKnown)
        {
            context.Unresolved(address);
        }

        return new Affiliation { Address = address, InstitutionName = institutionName, Country = country };
    }
}
