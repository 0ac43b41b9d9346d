namespace CollabMetrics.Metrics;

/// <summary>A bootstrap confidence interval of one index for one focus-partner pair in one slice.</summary>
/// <param name="Year">The slice label: a year, a window (<c>2015-2019</c>) or <c>all</c>.</param>
/// <param name="FromYear">The first year of the slice, or null for all years.</param>
/// <param name="ToYear">The last year of the slice, or null for all years.</param>
/// <param name="Technology">The technology of the slice, or null for all technologies.</param>
/// <param name="Focus">The focus unit's code.</param>
/// <param name="Partner">The partner unit's code.</param>
/// <param name="Index">The index.</param>
/// <param name="Estimate">The value on the corpus itself (NaN when undefined).</param>
/// <param name="Lower">The lower bound of the percentile interval (NaN when no replicate is defined).</param>
/// <param name="Upper">The upper bound of the percentile interval.</param>
/// <param name="StandardError">The standard deviation of the defined replicate values.</param>
/// <param name="Replicates">How many replicates gave a defined value.</param>
public sealed record BootstrapRow(
    string Year,
    int? FromYear,
    int? ToYear,
    string? Technology,
    string Focus,
    string Partner,
    CollaborationIndex Index,
    double Estimate,
    double Lower,
    double Upper,
    double StandardError,
    int Replicates);
