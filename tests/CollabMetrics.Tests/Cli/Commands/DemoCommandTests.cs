using System.Globalization;
using CollabMetrics.Cli;
using CollabMetrics.Cli.Commands;
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
        foreach (var step in new[] { "generate the synthetic corpus", "aggregate (collaboration cube)", "partner tables and rankings", "citation impact (top 10%, pairs, leaders)", "charts and files", "total" })
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
    public void Demo_ImpactSections_AsTheLibraryComputesThemOnTheSameCorpus()
    {
        var result = CliRunner.RunIn(_directory, "demo", "--publications", "30000", "--seed", "11", "--out-dir", "out");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        var corpus = SyntheticCorpus.BuildCorpus(SyntheticCorpusOptions.Default with { Publications = 30_000, Seed = 11 });
        var impact = corpus.Countries().Impact().TopPercent(10);
        var lines = result.OutLines.ToList();
        result.Out.Should().Contain("SYNTHETIC DATA: " + DemoImpact.TopShareTitle);
        result.OutLines.Should().Contain(l => l.TrimStart().StartsWith("citation impact", StringComparison.Ordinal) && l.EndsWith(" s", StringComparison.Ordinal));

        // Top shares: overall and per technology, for CN, US and two more countries, at the shown years.
        var overall = impact.ByYear().Compute();
        var years = DemoImpact.ShownYears(overall);
        years.Should().Equal(2005, 2010, 2015, 2020, 2024);
        string?[] technologies = [null, .. DemoImpact.Technologies];
        foreach (var technology in technologies)
        {
            var heading = lines.IndexOf(DemoImpact.TechnologyHeading + (technology ?? "All technologies"));
            heading.Should().BePositive(technology ?? "all technologies");
            lines[heading + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal(["country", .. years.Select(y => y.ToString(CultureInfo.InvariantCulture))]);
            var rows = lines.Skip(heading + 3).Take(1 + DemoImpact.Partners).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var countries = rows.Select(r => r[0]).ToList();
            var table = impact.Units([.. countries]).ByYear().ForTechnology(technology).Compute();
            foreach (var cells in rows)
            {
                for (int y = 0; y < years.Count; y++)
                {
                    cells[y + 1].Should().Be(Shown(table.Find(years[y], cells[0])!.TopShare), $"{cells[0]} {years[y]} {technology}");
                }
            }

            countries.Should().StartWith(["CN", "US"]).And.OnlyHaveUniqueItems();
            lines[heading + 4 + DemoImpact.Partners].Should().Match(l => l.Length == 0 || l.StartsWith(DemoImpact.TechnologyHeading, StringComparison.Ordinal) || l.StartsWith("SYNTHETIC DATA", StringComparison.Ordinal));
        }

        // CN-US pair impact against CN's domestic work, every year.
        var pairs = impact.Focus("CN").Partners("US").ByYear().Compute();
        var pairHeader = lines.FindIndex(l => l.StartsWith("year  copublications", StringComparison.Ordinal));
        lines[pairHeader - 1].Should().Be("SYNTHETIC DATA: CN-US " + DemoImpact.PairTitle);
        pairs.Should().HaveCount(20);
        for (int i = 0; i < pairs.Count; i++)
        {
            var cells = lines[pairHeader + 2 + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var row = pairs[i];
            cells[0].Should().Be(row.Year);
            double.Parse(cells[1], CultureInfo.InvariantCulture).Should().Be(row.Copublications);
            cells[2].Should().Be(Shown(row.Mncs));
            cells[3].Should().Be(Shown(row.PpTop));
            cells[4].Should().Be(Shown(overall.Find(row.Slice, "CN")!.Domestic.Mncs));
            cells[5].Should().Be(Shown(row.Advantage));
        }

        // Leaders of the last year: the counts per country over the 74 technologies.
        var leaders = impact.ByYear(2024, 2024).Concentration().Where(r => r.Slice.Technology is not null && r.Leader is not null)
            .GroupBy(r => r.Leader!.Value.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5)
            .Select(g => $"{g.Key} {g.Count()}");
        result.OutLines.Should().Contain("SYNTHETIC DATA: leaders by share of the top 10% papers in 2024, technologies led of 74: " + string.Join(", ", leaders));

        // The files hold the library's tables, every digit.
        var folder = Path.Combine(_directory, "out");
        foreach (var file in new[] { "synthetic-top_share.png", "synthetic-top_share.svg", "synthetic-pair_impact.png", "synthetic-pair_impact.svg" })
        {
            new FileInfo(Path.Combine(folder, file)).Length.Should().BePositive(file);
        }

        File.ReadAllText(Path.Combine(folder, "synthetic-top_share.svg")).Should().Contain("SYNTHETIC DATA");
        File.ReadAllText(Path.Combine(folder, "synthetic-impact.csv")).Should().Be(overall.ToCsv());
        File.ReadAllText(Path.Combine(folder, "synthetic-pair-impact.csv")).Should().Be(pairs.ToCsv());
    }

    [Fact]
    public void Demo_FocusUs_PairWithChina()
    {
        var result = CliRunner.RunIn(_directory, "demo", "--publications", "5000", "--focus", "US", "--out-dir", "out");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        result.OutLines.Should().Contain("SYNTHETIC DATA: US-CN " + DemoImpact.PairTitle);
        result.OutLines.Should().Contain(l => l.StartsWith("year  copublications  mncs US-CN", StringComparison.Ordinal));
    }

    private static string Shown(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString(DemoImpact.Format, CultureInfo.InvariantCulture);

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
