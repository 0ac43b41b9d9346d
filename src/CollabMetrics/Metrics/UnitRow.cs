using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>One unit (country, institution or group) in one slice: its output under each counting method.</summary>
/// <example>
/// <code>
/// foreach (UnitRow row in corpus.Countries().Units("CN", "US").ByYear().Compute())
/// {
///     Console.WriteLine($"{row.Year} {row.Unit}: P = {row.Publications}, international rate {row.InternationalRate:P1}");
/// }
/// </code>
/// </example>
public sealed record UnitRow
{
    /// <summary>The slice: its years (one, a window, or all) and technology (null for all).</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>The unit: a country, an institution or a group.</summary>
    public required Unit Unit { get; init; }

    /// <summary>P: publications with the unit (whole counting).</summary>
    public double Publications { get; init; }

    /// <summary>F: author-fractional output.</summary>
    public double FractionalPublications { get; init; }

    /// <summary>E: equal-split output (1/m per publication with m units).</summary>
    public double EqualSplitPublications { get; init; }

    /// <summary>I: publications with the unit and at least one other unit.</summary>
    public double InternationalPublications { get; init; }

    /// <summary>SCP: publications whose corresponding (else first) author is in the unit, with no other unit.</summary>
    public double SingleCountryCorresponding { get; init; }

    /// <summary>MCP: publications whose corresponding (else first) author is in the unit, with another unit.</summary>
    public double MultiCountryCorresponding { get; init; }

    /// <summary>The slice label of output (<c>2019</c>, <c>2015-2019</c> or <c>all</c>), derived from <see cref="Slice"/>.</summary>
    public string Year => Slice.YearsLabel;

    /// <summary>The unit's display name, derived from <see cref="Unit"/>.</summary>
    public string Name => Unit.Label;

    /// <summary>I / P: the share of the unit's publications that are international (NaN without publications).</summary>
    public double InternationalRate => IndexFormulas.InternationalRate(InternationalPublications, Publications);
}
