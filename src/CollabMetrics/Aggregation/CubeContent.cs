namespace CollabMetrics.Aggregation;

/// <summary>
/// What a build computes: the full cube (<see cref="Full"/>), or the part of it that one table needs: the unit
/// counts or not (and which of them), some of the pair values, only the pairs of one unit, the unit and pair counts of one technology
/// slice or of none. Slice totals (N, N_int, T) are always computed for every slice, so a partial cube has the same
/// years and technologies as the full one. A partial cube is internal: what it computes equals the full cube's
/// values bit for bit, and what it leaves out reads as <see cref="double.NaN"/>.
/// </summary>
internal sealed record CubeContent
{
    internal const int FullLink = 1 << 0;
    internal const int CountrySetLink = 1 << 1;
    internal const int AuthorLink = 1 << 2;
    internal const int AuthorRefinedLink = 1 << 3;
    internal const int NatureIndexScore = 1 << 4;
    internal const int AllPairValues = (1 << SliceData.PairStride) - 1;

    internal const int UnitP = 1 << 0;
    internal const int UnitF = 1 << 1;
    internal const int UnitE = 1 << 2;
    internal const int UnitI = 1 << 3;
    internal const int UnitLinks = 1 << 4;
    internal const int UnitScp = 1 << 5;
    internal const int UnitMcp = 1 << 6;
    internal const int AllUnitValues = (1 << SliceData.UnitStride) - 1;

    /// <summary>Everything: the cube of <see cref="CollaborationCube.Build(Corpus, AggregationOptions?, IProgress{WorkProgress}?, CancellationToken)"/>.</summary>
    internal static CubeContent Full { get; } = new();

    /// <summary>Only the unit counts of the all-technologies slices.</summary>
    internal static CubeContent UnitsOnly { get; } = new() { PairValues = 0, AllTechnologySlices = false };

    /// <summary>Whether the unit counts (P, F, E, I, C_i, SCP, MCP) are computed.</summary>
    internal bool Units { get; init; } = true;

    /// <summary>
    /// With <see cref="Units"/>, the unit values computed: bit v for value v in <see cref="SliceData.UnitValues"/>
    /// order (P, F, E, I, C_i, SCP, MCP), at least one; the others read as NaN.
    /// </summary>
    internal int UnitValues { get; init; } = AllUnitValues;

    /// <summary>The pair values computed: bit v for value v in <see cref="SliceData.PairValues"/> order; 0 for no pairs.</summary>
    internal int PairValues { get; init; } = AllPairValues;

    /// <summary>Only the pairs that include this unit (a focus), or null for every pair.</summary>
    internal Unit? PairFocus { get; init; }

    /// <summary>Whether units and pairs are counted in every technology slice (as the options say); false for one or none.</summary>
    internal bool AllTechnologySlices { get; init; } = true;

    /// <summary>With <see cref="AllTechnologySlices"/> false: the one technology whose units and pairs are counted, or null for the all-technologies slice.</summary>
    internal string? Technology { get; init; }

    /// <summary>Whether this is the full cube.</summary>
    internal bool IsFull => Units && UnitValues == AllUnitValues && PairValues == AllPairValues && PairFocus is null && AllTechnologySlices;

    /// <summary>The number of pair values computed.</summary>
    internal int PairStride => System.Numerics.BitOperations.PopCount((uint)PairValues);

    /// <summary>The number of unit values computed in each unit row (when <see cref="Units"/>).</summary>
    internal int UnitStride => System.Numerics.BitOperations.PopCount((uint)UnitValues);

    /// <summary>The pair value bit of a link weighting.</summary>
    internal static int LinkValue(LinkWeighting weighting) => weighting switch
    {
        LinkWeighting.Full => FullLink,
        LinkWeighting.CountrySet => CountrySetLink,
        LinkWeighting.Author => AuthorLink,
        LinkWeighting.AuthorRefined => AuthorRefinedLink,
        _ => throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "Unknown link weighting."),
    };

    /// <summary>
    /// The content a one-table query over <paramref name="technology"/> (null for all), or over every technology, needs:
    /// the unit values in <paramref name="unitValues"/> when <paramref name="units"/>, the pair values in
    /// <paramref name="pairValues"/> (of the pairs of <paramref name="pairFocus"/> only, when given).
    /// </summary>
    internal static CubeContent ForTable(bool units, int pairValues, Unit? pairFocus, string? technology, bool eachTechnology = false, int unitValues = AllUnitValues) => new()
    {
        Units = units,
        UnitValues = units ? unitValues : AllUnitValues,
        PairValues = pairValues,
        PairFocus = pairValues == 0 ? null : pairFocus,
        AllTechnologySlices = eachTechnology,
        Technology = eachTechnology ? null : technology,
    };

    /// <summary>Whether a cube with this content answers everything <paramref name="other"/> asks.</summary>
    internal bool Covers(CubeContent other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Units && (!Units || (other.UnitValues & ~UnitValues) != 0))
        {
            return false;
        }

        if ((other.PairValues & ~PairValues) != 0)
        {
            return false;
        }

        if (other.PairValues != 0 && PairFocus is { } focus && other.PairFocus != focus)
        {
            return false;
        }

        if (!other.Units && other.PairValues == 0)
        {
            return true;
        }

        return AllTechnologySlices || (!other.AllTechnologySlices && string.Equals(Technology, other.Technology, StringComparison.Ordinal));
    }
}
