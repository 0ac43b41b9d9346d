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
    /// technology slices unless rows per technology are asked for (<c>--by-technology</c>). Ctrl+C stops the aggregation (exit code 130).
    /// </summary>
    public static CollaborationAnalysis Countries(Corpus corpus, InputSettings input, CancellationToken cancellationToken, LinkWeighting links = LinkWeighting.Full) =>
        Configure(corpus.Countries(), input, links).WithCancellation(cancellationToken);

    /// <summary>
    /// The country analysis of streamed files (<c>files.Countries()</c>), configured as for a corpus: each query reads
    /// the files once and counts only what it needs.
    /// </summary>
    public static CollaborationAnalysis Countries(PublicationFiles files, InputSettings input, LinkWeighting links = LinkWeighting.Full) =>
        Configure(files.Countries(), input, links).WithCancellation(files.CancellationToken);

    private static CollaborationAnalysis Configure(CollaborationAnalysis analysis, InputSettings input, LinkWeighting links) =>
        analysis
            .WithOptions(analysis.Options with { Territory = input.Territory, ByTechnology = input.EachTechnology })
            .WithLinkWeighting(links);

    /// <summary>The institution analysis of <paramref name="corpus"/> (<c>corpus.ByInstitution()</c>), without technology slices.</summary>
    public static CollaborationAnalysis Institutions(Corpus corpus, CancellationToken cancellationToken, LinkWeighting links = LinkWeighting.Full) =>
        ConfigureInstitutions(corpus.ByInstitution(), links).WithCancellation(cancellationToken);

    /// <summary>The institution analysis of streamed files (<c>files.ByInstitution()</c>), without technology slices.</summary>
    public static CollaborationAnalysis Institutions(PublicationFiles files, LinkWeighting links = LinkWeighting.Full) =>
        ConfigureInstitutions(files.ByInstitution(), links).WithCancellation(files.CancellationToken);

    private static CollaborationAnalysis ConfigureInstitutions(CollaborationAnalysis analysis, LinkWeighting links) =>
        analysis.WithOptions(analysis.Options with { ByTechnology = false }).WithLinkWeighting(links);
}
