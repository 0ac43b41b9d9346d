namespace CollabMetrics.Aggregation;

/// <summary>What happens to authors none of whose affiliations resolves to a unit.</summary>
public enum UnknownAuthorPolicy
{
    /// <summary>
    /// The default (METRICS.md): such authors are left out of the author count n_k; a publication with no resolved
    /// unit at all is excluded from every unit metric and counted in <see cref="CubeDiagnostics"/>.
    /// </summary>
    Exclude = 0,

    /// <summary>
    /// Such authors count for an explicit <see cref="UnitKind.Unknown"/> unit, which takes part in n_k, in S_k and in
    /// pairs like any other unit (so a paper with a Chinese author and an unresolved one is international).
    /// </summary>
    AsUnknownUnit = 1,
}
