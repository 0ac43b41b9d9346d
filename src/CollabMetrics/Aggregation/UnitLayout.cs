using CollabMetrics.Geography;

namespace CollabMetrics.Aggregation;

/// <summary>
/// How the engine numbers units: 0 is the unknown unit; at the country level a country is its
/// <see cref="Country.Id"/> after the territory policy (1..676) and group g is <see cref="GroupBase"/> + g; at the
/// institution level institution i is i + 1.
/// </summary>
internal sealed class UnitLayout
{
    internal const int UnknownId = 0;
    internal const int GroupBase = 1024;

    internal UnitLayout(AggregationOptions options)
    {
        Options = options;
        UnknownAsUnit = options.UnknownAuthors == UnknownAuthorPolicy.AsUnknownUnit;
        TerritoryMap = options.Territory.MapTable();
        GroupCount = options.Groups.Count;
        if (GroupCount > 0)
        {
            GroupMasks = new ulong[GroupBase];
            for (int g = 0; g < GroupCount; g++)
            {
                foreach (var member in options.Groups[g].Members)
                {
                    if (member.IsKnown)
                    {
                        GroupMasks[TerritoryMap[member.Id]] |= 1UL << g;
                    }
                }
            }
        }
    }

    internal AggregationOptions Options { get; }

    internal bool IsCountryLevel => Options.Level == UnitLevel.Country;

    internal bool UnknownAsUnit { get; }

    /// <summary>Country id to the id of the country unit it counts as (0 for unknown).</summary>
    internal ushort[] TerritoryMap { get; }

    internal int GroupCount { get; }

    /// <summary>Per country unit, the bit set of the groups it belongs to; null without groups.</summary>
    internal ulong[]? GroupMasks { get; }

    /// <summary>Engine ids at the country level are below this bound.</summary>
    internal static int CountryLevelCapacity => GroupBase + AggregationOptionsLimits.MaxGroups;

    /// <summary>
    /// The position of each country-level engine id among the units the layout can give (the unknown unit, every
    /// country the territory policy maps to, every group), sorted as a cube sorts its units, and the engine id at each
    /// position; -1 for an id that stands for no unit. Cells keyed by these ranks become a cube's cells without a
    /// second sort (see <see cref="CubeFinisher.FinishYear"/>).
    /// </summary>
    internal (int[] RankOfId, int[] IdOfRank) CountryRanks()
    {
        var present = new bool[CountryLevelCapacity];
        present[UnknownId] = true;
        foreach (ushort id in TerritoryMap)
        {
            present[id] = true;
        }

        for (int g = 0; g < GroupCount; g++)
        {
            present[GroupBase + g] = true;
        }

        var ids = new List<int>();
        for (int id = 0; id < present.Length; id++)
        {
            if (present[id])
            {
                ids.Add(id);
            }
        }

        var idOfRank = ids.ToArray();
        var units = new Unit[idOfRank.Length];
        for (int r = 0; r < units.Length; r++)
        {
            units[r] = CountryUnitOf(idOfRank[r]);
        }

        UnitSort.Sort(units, idOfRank);
        var rankOfId = new int[CountryLevelCapacity];
        Array.Fill(rankOfId, -1);
        for (int r = 0; r < idOfRank.Length; r++)
        {
            rankOfId[idOfRank[r]] = r;
        }

        return (rankOfId, idOfRank);
    }

    /// <summary>The unit of a country-level engine id.</summary>
    internal Unit CountryUnitOf(int id) =>
        id == UnknownId ? Unit.Unknown
        : id >= GroupBase ? Unit.Group(Options.Groups[id - GroupBase].Name)
        : Unit.FromCountry(Country.FromIdUnchecked(id));
}

/// <summary>Limits of the engine.</summary>
internal static class AggregationOptionsLimits
{
    internal const int MaxGroups = 64;
}
