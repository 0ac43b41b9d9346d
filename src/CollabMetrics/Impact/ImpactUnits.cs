using CollabMetrics.Aggregation;
using CollabMetrics.Geography;

namespace CollabMetrics.Impact;

/// <summary>Which units an impact question can be asked about, and how the engine numbers them.</summary>
internal static class ImpactUnits
{
    /// <summary>
    /// Checks that <paramref name="unit"/> can be answered for under <paramref name="options"/>: a country at the country
    /// level that is its own territory unit, an institution at the institution level, a group of the options, the
    /// unknown unit only when authors without a unit are kept as one.
    /// </summary>
    /// <exception cref="ArgumentException">The unit is of another level, a group not aggregated, or counted as another unit.</exception>
    internal static void Validate(Unit unit, AggregationOptions options)
    {
        bool countryLevel = options.Level == UnitLevel.Country;
        switch (unit.Kind)
        {
            case UnitKind.Country:
                if (!countryLevel)
                {
                    throw new ArgumentException($"'{unit.Code}' is a country, but the statistics are by institution.", nameof(unit));
                }

                var counted = options.Territory.Apply(unit.Country);
                if (counted != unit.Country)
                {
                    throw new ArgumentException($"'{unit.Code}' counts as '{counted.Code}' under the territory policy {options.Territory}: ask for '{counted.Code}'.", nameof(unit));
                }

                return;
            case UnitKind.Institution:
                if (countryLevel)
                {
                    throw new ArgumentException($"'{unit.Code}' is an institution, but the statistics are by country.", nameof(unit));
                }

                return;
            case UnitKind.Group:
                if (GroupIndex(unit, options) < 0)
                {
                    throw new ArgumentException($"'{unit.Code}' is not a group of the statistics: aggregate with the group in AggregationOptions.Groups.", nameof(unit));
                }

                return;
            case UnitKind.Unknown:
                if (options.UnknownAuthors != UnknownAuthorPolicy.AsUnknownUnit)
                {
                    throw new ArgumentException("Authors without a unit are excluded (UnknownAuthorPolicy.Exclude): there is no unknown unit.", nameof(unit));
                }

                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown unit kind.");
        }
    }

    /// <summary>The engine id of a validated unit in a corpus (see <see cref="UnitLayout"/>).</summary>
    /// <exception cref="ArgumentException">The unit is not valid, or an institution the corpus does not have.</exception>
    internal static int EngineId(Unit unit, AggregationOptions options, CorpusStorage storage)
    {
        Validate(unit, options);
        switch (unit.Kind)
        {
            case UnitKind.Country:
                return unit.Country.Id;
            case UnitKind.Group:
                return UnitLayout.GroupBase + GroupIndex(unit, options);
            case UnitKind.Institution:
                var institutions = storage.Institutions;
                for (int i = 0; i < institutions.Length; i++)
                {
                    if (string.Equals(institutions[i].Key, unit.Code, StringComparison.Ordinal))
                    {
                        return i + 1;
                    }
                }

                throw new ArgumentException($"The corpus has no institution '{unit.Code}'.", nameof(unit));
            default:
                return UnitLayout.UnknownId;
        }
    }

    private static int GroupIndex(Unit unit, AggregationOptions options)
    {
        for (int g = 0; g < options.Groups.Count; g++)
        {
            if (string.Equals(options.Groups[g].Name, unit.Code, StringComparison.Ordinal))
            {
                return g;
            }
        }

        return -1;
    }
}
