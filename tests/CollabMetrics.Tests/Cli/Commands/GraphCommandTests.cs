using System.Xml.Linq;
using CollabMetrics.Aggregation;
using CollabMetrics.Cli;
using CollabMetrics.Graph;
using CollabMetrics.IO;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

public class GraphCommandTests
{
    [Fact]
    public void Graph_GraphMLFile_TheFixturesCountriesPairsAndWeight()
    {
        using var file = TempFile.Named(".graphml");

        // SOURCES.md counts the countries OpenAlex gives, without the raw affiliation fallback.
        var result = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--no-raw-affiliations", "--out", file.Path, "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        result.Out.Should().BeEmpty();
        var xml = XDocument.Load(file.Path);
        var nodes = xml.Descendants().Where(e => e.Name.LocalName == "node").ToList();
        var edges = xml.Descendants().Where(e => e.Name.LocalName == "edge").ToList();
        nodes.Should().HaveCount(37, "SOURCES.md: 37 distinct countries");
        edges.Should().HaveCount(101, "SOURCES.md: 101 distinct country pairs");
        nodes.Select(n => n.Elements().Single(d => (string?)d.Attribute("key") == "id").Value)
            .Should().OnlyContain(code => code.Length == 2, "nodes carry ISO alpha-2 codes as their id attribute")
            .And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Graph_PajekToStandardOutput_VerticesAndEdgeWeights()
    {
        var result = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--no-raw-affiliations", "--graph-format", "pajek", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        var lines = result.OutLines;
        lines[0].Should().StartWith("*Vertices 37");
        int edges = Array.FindIndex(lines, l => l.StartsWith("*Edges", StringComparison.Ordinal));
        edges.Should().BePositive();
        var weights = lines.Skip(edges + 1).Select(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        weights.Should().HaveCount(101);
        weights.Sum().Should().Be(113, "SOURCES.md: summed pair weight (full counting) 113");
    }

    [Fact]
    public void Graph_CountrySetLinks_WeightsSumToHalfTheCountriesOfEachPaper()
    {
        var result = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--graph-format", "pajek", "--links", "country-set", "--quiet");

        var lines = result.OutLines;
        int edges = Array.FindIndex(lines, l => l.StartsWith("*Edges", StringComparison.Ordinal));
        var total = lines.Skip(edges + 1).Sum(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));
        var sizes = Corpus.FromFile(Fixtures.OpenAlexWorks50, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient })
            .Publications.Select(p => p.Countries.Count).Where(m => m >= 2);
        total.Should().BeApproximately(sizes.Sum(m => m / 2.0), 1e-9);
    }

    [Theory]
    [InlineData(".gexf", "gexf")]
    [InlineData(".gml", "graph [")]
    [InlineData(".json", "\"links\"")]
    public void Graph_FormatFromExtension(string extension, string marker)
    {
        using var file = TempFile.Named(extension);

        var result = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--out", file.Path, "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        File.ReadAllText(file.Path).Should().Contain(marker);
    }

    [Fact]
    public void Graph_CsvFile_LinksAndNodesFiles()
    {
        using var file = TempFile.Named(".csv");
        var nodes = Path.Combine(Path.GetDirectoryName(file.Path)!, Path.GetFileNameWithoutExtension(file.Path) + "-nodes.csv");

        try
        {
            var result = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--no-raw-affiliations", "--out", file.Path, "--quiet");

            result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
            CsvText.Parse(File.ReadAllText(file.Path)).Rows.Should().HaveCount(101);
            CsvText.Parse(File.ReadAllText(nodes)).Rows.Should().HaveCount(37);
        }
        finally
        {
            File.Delete(nodes);
        }
    }

    [Fact]
    public void Graph_UnknownFormat_UsageError()
    {
        var result = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--graph-format", "dot");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().Contain("--graph-format");
    }

    [Fact]
    public void Graph_OutExtensionOfNoFormat_UsageErrorUnlessTheFormatIsNamed()
    {
        using var file = TempFile.Named(".xyz");

        var guessed = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--out", file.Path, "-q");
        var named = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--out", file.Path, "--graph-format", "gexf", "-q");

        guessed.ExitCode.Should().Be(ExitCodes.Usage);
        guessed.ErrLines[0].Should().Contain("--out: cannot tell the graph format from").And.Contain("add --graph-format");
        named.ExitCode.Should().Be(ExitCodes.Success, named.Err);
        File.ReadAllText(file.Path).Should().Contain("http://gexf.net/1.3");
    }

    [Theory]
    [InlineData("wos/savedrecs-500.txt")]
    [InlineData("scopus/scopus-58.csv")]
    public void Graph_LevelAuthor_ANodePerAuthorKeyOfTheExport(string fixture)
    {
        string path = Path.Combine(Fixtures.Root, fixture);
        using var file = TempFile.Named(".csv");
        var nodes = Path.Combine(Path.GetDirectoryName(file.Path)!, Path.GetFileNameWithoutExtension(file.Path) + "-nodes.csv");

        try
        {
            var result = CliRunner.Run("graph", "--input", path, "--level", "author", "--out", file.Path);

            result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
            var expected = CoauthorshipGraph.FromAuthors(Corpus.FromFile(path));
            expected.NodeCount.Should().BeGreaterThan(100);
            CsvText.Parse(File.ReadAllText(nodes)).Rows.Should().HaveCount(expected.NodeCount);
            CsvText.Parse(File.ReadAllText(file.Path)).Rows.Should().HaveCount(expected.LinkCount);
            result.Err.Should().Contain($"{expected.NodeCount:N0} authors");
        }
        finally
        {
            File.Delete(nodes);
        }
    }

    [Fact]
    public void Graph_LevelInstitution_ANodePerInstitution()
    {
        var result = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--level", "institution", "--graph-format", "pajek", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        var slice = Corpus.FromFile(Fixtures.OpenAlexWorks50).ByInstitution().Cube.All();
        result.OutLines[0].Should().Be($"*Vertices {slice.Units.Count}");
        slice.Units.Should().OnlyContain(u => u.Unit.Kind == UnitKind.Institution);
        slice.Units.Count.Should().BeGreaterThan(37, "more institutions than countries");
    }

    [Fact]
    public void Graph_LevelCountry_IsTheDefault()
    {
        var byDefault = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--graph-format", "pajek", "--quiet");
        var country = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--graph-format", "pajek", "--level", "country", "--quiet");

        country.Out.Should().Be(byDefault.Out);
        country.OutLines[0].Should().StartWith("*Vertices 37");
    }

    [Fact]
    public void Graph_UnknownLevel_UsageError()
    {
        var result = CliRunner.Run("graph", "--input", Fixtures.OpenAlexWorks50, "--level", "planet");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().Contain("--level");
    }
}
