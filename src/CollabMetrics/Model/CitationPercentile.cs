namespace CollabMetrics.Model;

/// <summary>
/// OpenAlex's <c>citation_normalized_percentile</c> of a work: the percentile of its citation count among works of
/// the same publication year, type and subfield, as OpenAlex computes it, with OpenAlex's own top 1% and top 10% flags.
/// This is OpenAlex's normalisation, not CollabMetrics' reference sets (see docs/impact.md).
/// </summary>
/// <param name="Value">The percentile, from 0 to 1 (0.95 is the 95th percentile).</param>
/// <param name="IsInTop1Percent">OpenAlex's <c>is_in_top_1_percent</c>.</param>
/// <param name="IsInTop10Percent">OpenAlex's <c>is_in_top_10_percent</c>.</param>
public readonly record struct CitationPercentile(double Value, bool IsInTop1Percent, bool IsInTop10Percent)
{
    /// <summary>Whether <see cref="Value"/> is a percentile: a number from 0 to 1.</summary>
    public bool IsValid => Value is >= 0 and <= 1;
}
