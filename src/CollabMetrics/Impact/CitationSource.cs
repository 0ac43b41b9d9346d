using System.Diagnostics.CodeAnalysis;

namespace CollabMetrics.Impact;

/// <summary>Where the citation impact of each publication comes from.</summary>
public enum CitationSource
{
    /// <summary>
    /// CollabMetrics' own reference sets, from the citation counts of the corpus (IMPACT.md): the top x% with the CWTS
    /// tie rule and NCS = c / mean of the reference set, per year and technology (and document type, when asked).
    /// The default.
    /// </summary>
    Counts = 0,

    /// <summary>
    /// OpenAlex's own normalisation, as the export gives it: NCS is OpenAlex's <c>fwci</c> and the top x% flag comes
    /// from its <c>citation_normalized_percentile</c> (OpenAlex's <c>is_in_top_1_percent</c> and
    /// <c>is_in_top_10_percent</c> for x = 1 and 10, the percentile at least 1 - x otherwise). OpenAlex normalises by
    /// year, type and subfield over all of OpenAlex, not over the corpus. Publications without both values are left
    /// out and counted.
    /// </summary>
    OpenAlex = 1,
}

/// <summary>The name table of <see cref="CitationSource"/>: <c>counts</c> and <c>openalex</c>.</summary>
public static class CitationSources
{
    private static readonly EnumNameTable<CitationSource> s_names = new(
        "citation source",
        (CitationSource.Counts, "counts"),
        (CitationSource.OpenAlex, "openalex"));

    /// <summary>Every value, in declaration order.</summary>
    public static IReadOnlyList<CitationSource> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The name, such as <c>openalex</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this CitationSource source) => s_names.ToName(source, nameof(source));

    /// <summary>Reads a name, ignoring case, hyphens, underscores and spaces.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not a citation source; the message lists the names.</exception>
    public static CitationSource Parse(string name) => s_names.Parse(name);

    /// <summary>Tries to read a name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out CitationSource source) => s_names.TryParse(name, out source);
}
