using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>One unordered pair of units in one slice: its co-publications and its link weight.</summary>
public sealed record PairRow
{
    /// <summary>The slice: its years (one, a window, or all) and technology (null for all).</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>The first unit (the smaller code of the two).</summary>
    public required Unit UnitA { get; init; }

    /// <summary>The second unit.</summary>
    public required Unit UnitB { get; init; }

    /// <summary>C_AB: publications with both units (whole counting).</summary>
    public double Copublications { get; init; }

    /// <summary>The link weight under the table's link weighting (see <see cref="ResultContext.LinkWeighting"/>).</summary>
    public double Weight { get; init; }

    /// <summary>The slice label of output (<c>2019</c>, <c>2015-2019</c> or <c>all</c>), derived from <see cref="Slice"/>.</summary>
    public string Year => Slice.YearsLabel;
}
