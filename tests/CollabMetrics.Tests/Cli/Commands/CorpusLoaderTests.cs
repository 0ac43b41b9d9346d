using CollabMetrics.Cli;
using CollabMetrics.Cli.Commands;
using CollabMetrics.Cli.Output;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

/// <summary>
/// The table commands stream their inputs (no corpus); each must print exactly what the corpus path gives for the
/// same files: every real export together, so that records of one work in two sources are merged by DOI.
/// </summary>
public class CorpusLoaderTests
{
    private static readonly string[] s_files =
    [
        Fixtures.OpenAlexWorks50,
        Fixtures.WosPlain500,
        Fixtures.WosTab71,
        Fixtures.Scopus58,
        Path.Combine(Fixtures.Root, "cross-source", "scopus-from-wos-record-1.csv"),
        Path.Combine(Fixtures.Root, "cross-source", "wos-from-scopus-record-8.txt"),
    ];

    private static readonly Lazy<Corpus> s_corpus = new(() => Corpus.FromFiles(s_files, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }));

    [Theory]
    [InlineData("full", "year")]
    [InlineData("country-set", "all")]
    [InlineData("author", "year")]
    [InlineData("author-refined", "year")]
    public void Stream_PairsOfEveryExport_SameCsvAsTheCorpusPath(string links, string by)
    {
        var result = Run("pairs", "--links", links, "--by", by);

        var analysis = Analysis().WithLinkWeighting(AnalysisSettings.ParseLinks(links));
        var query = by == "all" ? analysis.Pairs().AllYears() : analysis.Pairs().ByYear();
        result.Should().Be(Csv(query.Compute()));
    }

    [Fact]
    public void Stream_CountriesOfEveryExport_SameCsvAsTheCorpusPath()
    {
        var result = Run("countries", "--years", "2015-2024", "--top", "0");

        result.Should().Be(Csv(AnalysisOf(s_corpus.Value.Years(2015, 2024)).Units().ByYear(2015, 2024).Compute()));
    }

    [Fact]
    public void Stream_PartnersOfEveryExport_SameCsvAsTheCorpusPath()
    {
        var result = Run("partners", "--focus", "CN", "--by", "all", "--top", "3");

        result.Should().Be(Csv(Analysis().Focus("CN").Partners().AllYears().Rank(CollaborationIndex.PartnerShare).Top(3)));
    }

    [Fact]
    public void Stream_InspectEveryExport_SameReportAsTheCorpus()
    {
        var result = CliRunner.Run(["inspect", .. s_files.SelectMany(f => new[] { "--input", f }), "--quiet"]);

        var expected = new StringWriter();
        IngestReportWriter.WriteText(s_corpus.Value.Report, expected);
        result.ExitCode.Should().Be(ExitCodes.Success);
        s_corpus.Value.Report.DuplicateDois.Should().BePositive("the cross-source records share DOIs with the exports");
        result.Out.Should().Be(expected.ToString());
    }

    [Fact]
    public void Stream_Summary_SameLineAsTheCorpusPath()
    {
        var result = CliRunner.Run(["pairs", .. s_files.SelectMany(f => new[] { "--input", f }), "--output", "csv"]);

        result.ErrLines.Should().Contain(CorpusLoader.Summary(s_corpus.Value.Report));
    }

    private static string Run(params string[] command)
    {
        var result = CliRunner.Run([.. command, .. s_files.SelectMany(f => new[] { "--input", f }), "--output", "csv", "--quiet"]);
        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        return result.Out;
    }

    private static CollaborationAnalysis Analysis() => AnalysisOf(s_corpus.Value);

    private static CollaborationAnalysis AnalysisOf(Corpus corpus) =>
        AnalysisSettings.Countries(corpus, new InputSettings { Paths = s_files, Territory = TerritoryPolicy.Iso3166 }, CancellationToken.None);

    private static string Csv<TRow>(ResultTable<TRow> table)
    {
        var writer = new StringWriter();
        ResultWriter.WriteFormatted(table, OutputFormat.Csv, writer);
        return writer.ToString();
    }
}
