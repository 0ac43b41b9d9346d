namespace CollabMetrics.Metrics;

/// <summary>One unit (country, institution or group) in one slice: its output under each counting method.</summary>
/// <param name="Year">The slice label: a year, a window (<c>2015-2019</c>) or <c>all</c>.</param>
/// <param name="FromYear">The first year of the slice, or null for all years.</param>
/// <param name="ToYear">The last year of the slice, or null for all years.</param>
/// <param name="Technology">The technology of the slice, or null for all technologies.</param>
/// <param name="Unit">The unit's code (alpha-2 country code, institution key or group name).</param>
/// <param name="Name">The unit's display name.</param>
/// <param name="Publications">P: publications with the unit (whole counting).</param>
/// <param name="FractionalPublications">F: author-fractional output.</param>
/// <param name="EqualSplitPublications">E: equal-split output (1/m per publication with m units).</param>
/// <param name="InternationalPublications">I: publications with the unit and at least one other unit.</param>
/// <param name="SingleCountryCorresponding">SCP: publications whose corresponding (else first) author is in the unit, with no other unit.</param>
/// <param name="MultiCountryCorresponding">MCP: publications whose corresponding (else first) author is in the unit, with another unit.</param>
public sealed record UnitRow(
    string Year,
    int? FromYear,
    int? ToYear,
    string? Technology,
    string Unit,
    string Name,
    double Publications,
    double FractionalPublications,
    double EqualSplitPublications,
    double InternationalPublications,
    double SingleCountryCorresponding,
    double MultiCountryCorresponding)
{
    /// <summary>I / P: the share of the unit's publications that are international (NaN without publications).</summary>
    public double InternationalRate => IndexFormulas.InternationalRate(InternationalPublications, Publications);
}
