using CollabMetrics.Cli;
using CollabMetrics.Metrics;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Tests.Cli.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("collabmetrics-demo-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Demo_SmallCorpus_LabelledSyntheticWithChartsTableAndTimings()
    {
        var result = CliRunner.RunIn(_directory, "demo", "--publications", "20000", "--out-dir", "out", "--top", "5");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        result.OutLines[0].Should().StartWith("SYNTHETIC DATA: 20,000 publications");
        result.Out.Should().Contain("SYNTHETIC DATA: CN's top 5 partners in 2024");
        foreach (var step in new[] { "generate the synthetic corpus", "aggregate (collaboration cube)", "partner tables and rankings", "charts and files", "total" })
        {
            result.OutLines.Should().Contain(l => l.TrimStart().StartsWith(step, StringComparison.Ordinal) && l.EndsWith(" s", StringComparison.Ordinal), step);
        }

        var folder = Path.Combine(_directory, "out");
        foreach (var file in new[] { "synthetic-partner_share.png", "synthetic-partner_share.svg", "synthetic-association_strength.png", "synthetic-association_strength.svg", "synthetic-partners.csv" })
        {
            File.Exists(Path.Combine(folder, file)).Should().BeTrue(file);
        }

        File.ReadAllText(Path.Combine(folder, "synthetic-partner_share.svg")).Should().Contain("SYNTHETIC DATA");
    }

    [Fact]
    public void Demo_PartnerTable_AsTheLibraryComputesItOnTheSameCorpus()
    {
        var result = CliRunner.RunIn(_directory, "demo", "--publications", "20000", "--seed", "7", "--focus", "US", "--out-dir", "out");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        var csv = CsvText.Parse(File.ReadAllText(Path.Combine(_directory, "out", "synthetic-partners.csv")));
        var corpus = SyntheticCorpus.BuildCorpus(SyntheticCorpusOptions.Default with { Publications = 20_000, Seed = 7 });
        var expected = corpus.Countries().Focus("US").Partners().ByYear().Rank(CollaborationIndex.PartnerShare);
        csv.Rows.Should().HaveCount(expected.Count).And.NotBeEmpty();
        for (int i = 0; i < expected.Count; i += 17)
        {
            csv.Get(csv.Rows[i], "year").Should().Be(expected[i].Year);
            csv.Get(csv.Rows[i], "partner").Should().Be(expected[i].Partner.Code);
            csv.Number(csv.Rows[i], "partner_share").Should().Be(expected[i].PartnerShare);
        }

        // The headline table's first partner is the one ranked first in the last year.
        var leader = expected.Where(r => r.Year == "2024" && r.Rank == 1).Select(r => r.Partner).Single();
        var header = result.OutLines.ToList().FindIndex(l => l.StartsWith("partner ", StringComparison.Ordinal));
        result.OutLines[header + 2].Should().StartWith(leader + " ");
    }

    [Fact]
    public void Demo_OtherIndex_ChartNamedAfterIt()
    {
        var result = CliRunner.RunIn(_directory, "demo", "--publications", "5000", "--index", "ric", "--out-dir", "out");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        File.Exists(Path.Combine(_directory, "out", "synthetic-ric.png")).Should().BeTrue();
    }

    [Fact]
    public void Demo_ZeroPublications_UsageError()
    {
        var result = CliRunner.Run("demo", "--publications", "0");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().Contain("--publications");
    }

    [Fact]
    public void Demo_CtrlC_StopsWithExitCode130()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var output = new StringWriter();
        var error = new StringWriter();

        int code = CliApp.Run(
            ["demo", "--publications", "200000", "--out-dir", Path.Combine(_directory, "cancelled")],
            new CliHost(output, error) { CancellationToken = cancellation.Token, WorkingDirectory = _directory });

        code.Should().Be(ExitCodes.Cancelled, error.ToString());
        error.ToString().Should().Contain("collabmetrics: cancelled.");
        Directory.Exists(Path.Combine(_directory, "cancelled")).Should().BeFalse("the demo stopped before writing anything");
    }
}
