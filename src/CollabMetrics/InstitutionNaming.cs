using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// Names and places an institution (one id, or one name when there is no id) by a rule that does not depend on the
/// order of the input: its name is the most frequent non-blank name among its affiliations, ties going to the
/// ordinally smallest, null when no affiliation names it; its country is the most frequent known country among its
/// affiliations, ties going to the smallest ISO code, <see cref="Country.Unknown"/> when none is known. Memory grows
/// with the distinct names and countries of an institution, not with its affiliations.
/// </summary>
internal sealed class InstitutionNaming
{
    private string? _name;
    private long _nameCount;
    private Dictionary<string, long>? _names;
    private int _country;
    private long _countryCount;
    private Dictionary<int, long>? _countries;

    /// <summary>Counts <paramref name="count"/> affiliations named <paramref name="name"/> in the country <paramref name="countryId"/>.</summary>
    public void Add(string? name, int countryId, long count = 1)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            AddName(name, count);
        }

        if (countryId != 0)
        {
            AddCountry(countryId, count);
        }
    }

    /// <summary>The name by the rule, or null.</summary>
    public string? Name
    {
        get
        {
            if (_names is null)
            {
                return _name;
            }

            string? best = null;
            long most = 0;
            foreach (var (name, count) in _names)
            {
                if (count > most || (count == most && string.CompareOrdinal(name, best) < 0))
                {
                    best = name;
                    most = count;
                }
            }

            return best;
        }
    }

    /// <summary>The country by the rule.</summary>
    public Country Country
    {
        get
        {
            if (_countries is null)
            {
                return _countryCount == 0 ? Country.Unknown : Country.FromId(_country);
            }

            int best = 0;
            long most = 0;
            foreach (var (id, count) in _countries)
            {
                if (count > most || (count == most && string.CompareOrdinal(Country.FromId(id).Code, Country.FromId(best).Code) < 0))
                {
                    best = id;
                    most = count;
                }
            }

            return Country.FromId(best);
        }
    }

    /// <summary>The institution named by the rule, with its id (null when it is keyed by its name).</summary>
    public Institution ToInstitution(string? id) => new(id, Name, Country);

    private void AddName(string name, long count)
    {
        if (_names is null)
        {
            if (_name is null || string.Equals(_name, name, StringComparison.Ordinal))
            {
                _name = name;
                _nameCount += count;
                return;
            }

            _names = new Dictionary<string, long>(StringComparer.Ordinal) { [_name] = _nameCount };
        }

        _names[name] = _names.GetValueOrDefault(name) + count;
    }

    private void AddCountry(int id, long count)
    {
        if (_countries is null)
        {
            if (_countryCount == 0 || _country == id)
            {
                _country = id;
                _countryCount += count;
                return;
            }

            _countries = new Dictionary<int, long> { [_country] = _countryCount };
        }

        _countries[id] = _countries.GetValueOrDefault(id) + count;
    }
}
