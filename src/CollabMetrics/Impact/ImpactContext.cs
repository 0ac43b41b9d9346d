using System.Globalization;

namespace CollabMetrics.Impact;

/// <summary>
/// What an impact table was computed with, besides the counting options of its <see cref="Metrics.ResultContext"/>:
/// the top percentage x, where the impact of each publication comes from, the reference-set rule, the ranking and
/// what was left out.
/// </summary>
/// <param name="TopPercent">x of the top x%, from 1 to 50.</param>
/// <param name="CitationSource">CollabMetrics' reference sets from citation counts, or OpenAlex's own normalisation.</param>
/// <param name="ByDocumentType">Whether reference sets are also split by document type (with <see cref="CitationSource.Counts"/>).</param>
/// <param name="Diagnostics">Publications read, in the figures, and left out for want of citation data.</param>
public sealed record ImpactContext(double TopPercent, CitationSource CitationSource, bool ByDocumentType, ImpactDiagnostics Diagnostics)
{
    /// <summary>The measure the rows are ranked by within each slice, or null when the table is not ranked.</summary>
    public ImpactMeasure? RankedBy { get; init; }

    /// <summary>
    /// The reference-set rule, as result metadata states it: <c>year x technology</c> (all technologies for the slice
    /// of all technologies), <c>year x technology x document type</c>, or, with OpenAlex's normalisation,
    /// <c>openalex: year x type x subfield</c>.
    /// </summary>
    public string ReferenceSets => CitationSource == CitationSource.OpenAlex
        ? "openalex: year x type x subfield"
        : ByDocumentType ? "year x technology x document type" : "year x technology";

    /// <summary>x as text: <c>10</c> or <c>2.5</c>.</summary>
    internal string TopPercentText => TopPercent.ToString(CultureInfo.InvariantCulture);
}
