using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.IO;

/// <summary>Resolves affiliation addresses for one read, remembering recent answers and reporting what stays unresolved.</summary>
internal sealed class AddressResolution(CountryResolver resolver, ReadContext context)
{
    private const int MaxCached = 50_000;
    private readonly Dictionary<string, Country> _cache = new(StringComparer.Ordinal);

    /// <summary>The country of <paramref name="address"/>, remembered; nothing is reported.</summary>
    internal Country Resolve(string address)
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

        return country;
    }

    /// <summary>An affiliation for <paramref name="address"/>; an unresolved address is counted in the report.</summary>
    internal Affiliation Create(string address, string? institutionName)
    {
        var country = Resolve(address);
        if (!country.IsKnown)
        {
            context.Unresolved(address);
        }

        return new Affiliation { Address = address, InstitutionName = institutionName, Country = country };
    }
}
