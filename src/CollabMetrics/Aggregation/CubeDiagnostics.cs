namespace CollabMetrics.Aggregation;

/// <summary>What an aggregation saw and left out. Additive: the diagnostics of merged cubes are the sums.</summary>
/// <param name="Publications">Publications read.</param>
/// <param name="PublicationsCounted">Publications with a year and at least one unit: those in the cube.</param>
/// <param name="PublicationsWithoutUnit">Publications with no resolved unit (no country, or no institution at the institution level), excluded from every unit metric.</param>
/// <param name="PublicationsWithoutYear">Publications with no year, excluded from every slice.</param>
/// <param name="AuthorsWithoutUnit">Authors none of whose affiliations resolved to a unit.</param>
/// <param name="UnresolvedAffiliations">Author affiliations that resolved to no unit (an author with no affiliation counts as one).</param>
public sealed record CubeDiagnostics(
    long Publications,
    long PublicationsCounted,
    long PublicationsWithoutUnit,
    long PublicationsWithoutYear,
    long AuthorsWithoutUnit,
    long UnresolvedAffiliations)
{
    /// <summary>Nothing seen.</summary>
    public static CubeDiagnostics Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The sums of two diagnostics.</summary>
    public CubeDiagnostics Add(CubeDiagnostics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Publications + other.Publications,
            PublicationsCounted + other.PublicationsCounted,
            PublicationsWithoutUnit + other.PublicationsWithoutUnit,
            PublicationsWithoutYear + other.PublicationsWithoutYear,
            AuthorsWithoutUnit + other.AuthorsWithoutUnit,
            UnresolvedAffiliations + other.UnresolvedAffiliations);
    }
}
