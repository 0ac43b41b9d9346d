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

/// <summary>The names of <see cref="UnknownAuthorPolicy"/> values in files and result metadata: <c>exclude</c>, <c>unknown-unit</c>.</summary>
public static class UnknownAuthorPolicies
{
    private static readonly EnumNameTable<UnknownAuthorPolicy> s_names = new(
        "unknown-author policy",
        (UnknownAuthorPolicy.Exclude, "exclude"),
        (UnknownAuthorPolicy.AsUnknownUnit, "unknown-unit"));

    /// <summary>Every value, in declaration order.</summary>
    public static IReadOnlyList<UnknownAuthorPolicy> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The name, such as <c>unknown-unit</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this UnknownAuthorPolicy policy) => s_names.ToName(policy, nameof(policy));

    /// <summary>Reads a name, ignoring case, hyphens, underscores and spaces; <c>AsUnknownUnit</c> is accepted too.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not a policy; the message lists the names.</exception>
    public static UnknownAuthorPolicy Parse(string name) => s_names.Parse(name);

    /// <summary>Tries to read a name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name, out UnknownAuthorPolicy policy) =>
        s_names.TryParse(name, out policy);
}
