namespace CollabMetrics.Impact;

/// <summary>
/// What the impact aggregation saw and left out. Additive: the diagnostics of merged statistics are the sums.
/// </summary>
/// <param name="Publications">Publications read.</param>
/// <param name="PublicationsWithoutYear">Publications with no year: in no reference set.</param>
/// <param name="PublicationsWithoutUnit">Publications with no resolved unit: in no reference set.</param>
/// <param name="PublicationsWithoutCitationCount">
/// Publications with a year and a unit (counted by the collaboration cube) but no citation count: left out of every
/// impact figure.
/// </param>
/// <param name="PublicationsWithCitationCount">Publications with a year, a unit and a citation count: the members of the reference sets.</param>
internal sealed record ImpactDiagnostics(
    long Publications,
    long PublicationsWithoutYear,
    long PublicationsWithoutUnit,
    long PublicationsWithoutCitationCount,
    long PublicationsWithCitationCount)
{
    /// <summary>Nothing seen.</summary>
    internal static ImpactDiagnostics Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>The sums of two diagnostics.</summary>
    internal ImpactDiagnostics Add(ImpactDiagnostics other) => new(
        Publications + other.Publications,
        PublicationsWithoutYear + other.PublicationsWithoutYear,
        PublicationsWithoutUnit + other.PublicationsWithoutUnit,
        PublicationsWithoutCitationCount + other.PublicationsWithoutCitationCount,
        PublicationsWithCitationCount + other.PublicationsWithCitationCount);
}
