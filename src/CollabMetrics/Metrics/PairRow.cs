namespace CollabMetrics.Metrics;

/// <summary>One unordered pair of units in one slice: its co-publications and its link weight.</summary>
/// <param name="Year">The slice label: a year, a window (<c>2015-2019</c>) or <c>all</c>.</param>
/// <param name="FromYear">The first year of the slice, or null for all years.</param>
/// <param name="ToYear">The last year of the slice, or null for all years.</param>
/// <param name="Technology">The technology of the slice, or null for all technologies.</param>
/// <param name="UnitA">The first unit's code (the smaller of the two).</param>
/// <param name="UnitB">The second unit's code.</param>
/// <param name="Copublications">C_AB: publications with both units (whole counting).</param>
/// <param name="Weight">The link weight under the table's link weighting (see <see cref="ResultContext.LinkWeighting"/>).</param>
public sealed record PairRow(
    string Year,
    int? FromYear,
    int? ToYear,
    string? Technology,
    string UnitA,
    string UnitB,
    double Copublications,
    double Weight);
