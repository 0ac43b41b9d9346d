using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Cli.Commands;

/// <summary>Builds the library's country analysis of a loaded corpus with the command's territory and link options.</summary>
internal static class AnalysisSettings
{
    /// <summary>Maps a <c>--links</c> value (the library's name table).</summary>
    public static LinkWeighting ParseLinks(string value) => LinkWeightings.Parse(value);

    /// <summary>
    /// The country analysis of <paramref name="corpus"/> (<c>corpus.Countries()</c>) under <paramref name="input"/>'s
    /// territory policy. Technologies are filtered on the corpus (<c>--technology</c>), so the cube is built without
    /// technology slices. Ctrl+C stops the aggregation (exit code 130).
    /// </summary>
    public static CollaborationAnalysis Countries(Corpus corpus, InputSettings input, CliHost host, LinkWeighting links = LinkWeighting.Full)
    {
        var analysis = corpus.Countries();
        return analysis
            .WithOptions(analysis.Options with { Territory = input.Territory, ByTechnology = false })
            .WithLinkWeighting(links)
            .WithCancellation(host.CancellationToken);
    }
}
