namespace CollabMetrics.Aggregation;

/// <summary>The weight a co-authored publication adds to a pair of units (see METRICS.md, link weights).</summary>
public enum LinkWeighting
{
    /// <summary>Each publication adds 1 to each pair of its units: the co-publication count C_ij.</summary>
    Full = 0,

    /// <summary>Each publication adds 1/(m_k - 1): a unit's links on a paper sum to 1, so its strength is I_i.</summary>
    CountrySet = 1,

    /// <summary>
    /// Perianes-Rodriguez, Waltman and van Eck (2016): the sum over ordered author pairs u != v of
    /// w(k,u,i) w(k,v,j), divided by n_k - 1. Links join different authors only.
    /// </summary>
    Author = 2,

    /// <summary>Batagelj and Cerinsek; Leydesdorff and Park: the same sum times 2/(n_k (n_k - 1)).</summary>
    AuthorRefined = 3,
}

/// <summary>
/// The names of <see cref="LinkWeighting"/> values, as the command line, result metadata and graph files spell
/// them: <c>full</c>, <c>country-set</c>, <c>author</c>, <c>author-refined</c>.
/// </summary>
/// <example>
/// <code>
/// LinkWeighting weighting = LinkWeightings.Parse("country-set");
/// string name = LinkWeighting.AuthorRefined.ToName();   // "author-refined"
/// </code>
/// </example>
public static class LinkWeightings
{
    private static readonly EnumNameTable<LinkWeighting> s_names = new(
        "link weighting",
        (LinkWeighting.Full, "full"),
        (LinkWeighting.CountrySet, "country-set"),
        (LinkWeighting.Author, "author"),
        (LinkWeighting.AuthorRefined, "author-refined"));

    /// <summary>Every link weighting, in declaration order.</summary>
    public static IReadOnlyList<LinkWeighting> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The name, such as <c>country-set</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this LinkWeighting weighting) => s_names.ToName(weighting, nameof(weighting));

    /// <summary>Reads a name, ignoring case, hyphens, underscores and spaces; the C# name (<c>CountrySet</c>) is accepted too.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not a link weighting; the message lists the names.</exception>
    public static LinkWeighting Parse(string name) => s_names.Parse(name);

    /// <summary>Tries to read a name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name, out LinkWeighting weighting) =>
        s_names.TryParse(name, out weighting);
}
