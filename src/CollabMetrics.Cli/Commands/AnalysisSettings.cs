using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Cli.Commands;

/// <summary>Builds the library's country analysis of a loaded corpus with the command's territory and link options.</summary>
internal static class AnalysisSettings
{
    /// <summary>Maps a <c>--links</c> value.</summary>
    public static LinkWeighting ParseLinks(string value) => value switch
    {
        "country-set" => LinkWeighting.CountrySet,
        "author" => LinkWeighting.Author,
        "author-refined" => LinkWeighting.AuthorRefined,
        _ => LinkWeighting.Full,
    };

    /// <summary>
    /// The country analysis of <paramref name="corpus"/> (<c>corpus.Countries()</c>) under <paramref name="input"/>'s
    /// territory policy. Technologies are filtered on the corpus (<c>--technology</c>), so the cube is built without
    /// technology slices.
    /// </summary>
    public static CollaborationAnalysis Countries(Corpus corpus, InputSettings input, LinkWeighting links = LinkWeighting.Full)
    {
        var analysis = corpus.Countries();
        return analysis
            .WithOptions(analysis.Options with { Territory = input.Territory, ByTechnology = false })
            .WithLinkWeighting(links);
    }

    /// <summary>The institution analysis of <paramref name="corpus"/> (<c>corpus.ByInstitution()</c>), without technology slices.</summary>
    public static CollaborationAnalysis Institutions(Corpus corpus, LinkWeighting links = LinkWeighting.Full)
    {
        var analysis = corpus.ByInstitution();
        return analysis.WithOptions(analysis.Options with { ByTechnology = false }).WithLinkWeighting(links);
    }
}
