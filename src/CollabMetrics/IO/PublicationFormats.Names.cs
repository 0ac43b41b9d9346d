using System.Diagnostics.CodeAnalysis;

namespace CollabMetrics.IO;

/// <remarks>
/// The names of <see cref="PublicationFormat"/> values, as the command line spells them: <c>auto</c>,
/// <c>openalex</c>, <c>wos</c>, <c>wos-tab</c>, <c>scopus</c>, <c>csv</c>.
/// </remarks>
public static partial class PublicationFormats
{
    private static readonly EnumNameTable<PublicationFormat> s_names = new(
        "publication format",
        (PublicationFormat.Auto, "auto"),
        (PublicationFormat.OpenAlex, "openalex"),
        (PublicationFormat.WebOfScience, "wos"),
        (PublicationFormat.WebOfScienceTab, "wos-tab"),
        (PublicationFormat.Scopus, "scopus"),
        (PublicationFormat.CollabMetricsCsv, "csv"));

    /// <summary>Every format (<see cref="PublicationFormat.Auto"/> first), in declaration order.</summary>
    public static IReadOnlyList<PublicationFormat> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The name, such as <c>wos-tab</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this PublicationFormat format) => s_names.ToName(format, nameof(format));

    /// <summary>Reads a name, ignoring case, hyphens, underscores and spaces; the C# name (<c>WebOfScienceTab</c>) is accepted too.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not a publication format; the message lists the names.</exception>
    public static PublicationFormat Parse(string name) => s_names.Parse(name);

    /// <summary>Tries to read a name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out PublicationFormat format) => s_names.TryParse(name, out format);
}
