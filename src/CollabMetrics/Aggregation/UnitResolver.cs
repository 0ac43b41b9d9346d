using CollabMetrics.Geography;

namespace CollabMetrics.Aggregation;

/// <summary>
/// The one way a unit is found by name, everywhere a string names a unit (focus, partners, units, table lookups):
/// a group of the options by name (ignoring case); at the country level a country by
/// <see cref="Country.Parse(string)"/>'s table (codes, alpha-3, ISO and common English names), mapped through the
/// territory policy, or the unknown unit (<c>?</c>, <c>Unknown</c>); at the institution level an institution by
/// key, else by its exact name when only one institution has it. A name that fails throws an
/// <see cref="ArgumentException"/> naming the caller's parameter, with the closest names or the choices.
/// </summary>
internal sealed class UnitResolver
{
    private readonly AggregationOptions _options;
    private readonly Func<IReadOnlyList<Unit>> _institutions;

    /// <param name="options">The level, territory policy and groups.</param>
    /// <param name="institutions">The institution units to search at the institution level (called only there).</param>
    public UnitResolver(AggregationOptions options, Func<IReadOnlyList<Unit>> institutions)
    {
        _options = options;
        _institutions = institutions;
    }

    /// <summary>The unit named <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="parameterName">The public parameter the name was given as, for the exception.</param>
    /// <exception cref="ArgumentException">No unit, or several, have this name.</exception>
    public Unit Resolve(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        var text = name.Trim();
        foreach (var group in _options.Groups)
        {
            if (string.Equals(group.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                return Unit.Group(group.Name);
            }
        }

        if (_options.Level == UnitLevel.Country)
        {
            if (Country.TryParse(text, out var country))
            {
                return Unit.FromCountry(_options.Territory.Apply(country));
            }

            if (text == Unit.Unknown.Code || string.Equals(text, Unit.Unknown.Label, StringComparison.OrdinalIgnoreCase))
            {
                return Unit.Unknown;
            }

            throw new ArgumentException(DescribeUnknownCountry(text), parameterName);
        }

        Unit? byLabel = null;
        int labels = 0;
        var units = _institutions();
        foreach (var unit in units)
        {
            if (unit.Kind == UnitKind.Institution && string.Equals(unit.Code, text, StringComparison.Ordinal))
            {
                return unit;
            }

            if (unit.Kind == UnitKind.Institution && string.Equals(unit.Label, text, StringComparison.OrdinalIgnoreCase))
            {
                byLabel = unit;
                labels++;
            }
        }

        if (labels == 1)
        {
            return byLabel!.Value;
        }

        if (labels > 1)
        {
            throw new ArgumentException($"{labels} institutions are named '{text}': use the institution's key (id) instead.", parameterName);
        }

        if (text == Unit.Unknown.Code || string.Equals(text, Unit.Unknown.Label, StringComparison.OrdinalIgnoreCase))
        {
            return Unit.Unknown;
        }

        var candidates = new List<string>();
        foreach (var unit in units)
        {
            candidates.Add(unit.Label);
        }

        var closest = Geography.NameDistance.Closest(text, candidates);
        throw new ArgumentException(
            $"'{text}' is not an institution of this analysis: use an institution key (id) or its exact name"
            + (closest.Count > 0 ? $"; closest: {string.Join(", ", closest)}." : "."),
            parameterName);
    }

    /// <summary>Resolves every name (see <see cref="Resolve"/>).</summary>
    public Unit[] ResolveAll(string[] names, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(names, parameterName);
        var units = new Unit[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            units[i] = Resolve(names[i], parameterName);
        }

        return units;
    }

    private string DescribeUnknownCountry(string text)
    {
        if (CountryData.AmbiguousChoices(text) is not null)
        {
            return Country.DescribeUnknown(text);
        }

        var groups = new List<string>(_options.Groups.Count);
        foreach (var group in _options.Groups)
        {
            groups.Add(group.Name);
        }

        var closeGroups = Geography.NameDistance.Closest(text, groups);
        string countries = Country.DescribeUnknown(text);
        string message = closeGroups.Count > 0
            ? $"{countries[..^1]}; closest groups of this analysis: {string.Join(", ", closeGroups)}."
            : countries;
        return message + " Use an ISO 3166-1 code or English country name"
            + (_options.Groups.Count > 0 ? ", or the name of a group of the analysis." : ", or add a group with WithGroup.");
    }
}
