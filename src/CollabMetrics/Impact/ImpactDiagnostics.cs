namespace CollabMetrics.Impact;

/// <summary>
/// What an impact aggregation saw and left out. A publication without the citation data of the
/// <see cref="CitationSource"/> (a count, or OpenAlex's FWCI and percentile) is left out of every impact figure and
/// counted here; it still counts in every collaboration figure.
/// </summary>
/// <param name="Publications">Publications read.</param>
/// <param name="PublicationsCounted">Publications with a year, a unit and the citation data of the source: those in the impact figures.</param>
/// <param name="PublicationsWithoutYear">Publications with no year: in no figure.</param>
/// <param name="PublicationsWithoutUnit">Publications with no resolved unit: in no figure.</param>
/// <param name="PublicationsWithoutCitationCount">Publications with a year and a unit but no citation count (left out under <see cref="CitationSource.Counts"/>).</param>
/// <param name="PublicationsWithoutOpenAlexImpact">Publications with a year and a unit but without OpenAlex's FWCI or citation percentile (left out under <see cref="CitationSource.OpenAlex"/>).</param>
public sealed record ImpactDiagnostics(
    long Publications,
    long PublicationsCounted,
    long PublicationsWithoutYear,
    long PublicationsWithoutUnit,
    long PublicationsWithoutCitationCount,
    long PublicationsWithoutOpenAlexImpact)
{
    /// <summary>Nothing seen.</summary>
    public static ImpactDiagnostics Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The sums of two diagnostics (those of merged statistics).</summary>
    /// <param name="other">The other diagnostics.</param>
    public ImpactDiagnostics Add(ImpactDiagnostics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Publications + other.Publications,
            PublicationsCounted + other.PublicationsCounted,
            PublicationsWithoutYear + other.PublicationsWithoutYear,
            PublicationsWithoutUnit + other.PublicationsWithoutUnit,
            PublicationsWithoutCitationCount + other.PublicationsWithoutCitationCount,
            PublicationsWithoutOpenAlexImpact + other.PublicationsWithoutOpenAlexImpact);
    }
}
