using System.Text.Json;
using CollabMetrics.Cli;
using CollabMetrics.IO;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

public class CountriesCommandTests
{
    private static readonly string[] Contract =
    [
        "year", "country", "publications", "fractional_publications", "equal_split_publications",
        "international_publications", "international_rate",
    ];

    private static List<HashSet<string>> CountrySets(string path) =>
        Corpus.FromFile(path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient })
            .Publications.Select(p => p.Countries.Select(c => c.Code).ToHashSet()).ToList();

    [Fact]
    public void Countries_Csv_ColumnsAreTheOutputContract()
    {
        var result = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--output", "csv", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        CsvText.Parse(result.Out).Header.Should().Equal(Contract);
    }

    [Fact]
    public void Countries_AllYears_CountsMatchACountOverThePublications()
    {
        var result = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--top", "0", "--output", "csv", "--quiet");

        var csv = CsvText.Parse(result.Out);
        var sets = CountrySets(Fixtures.OpenAlexWorks50);
        var countries = sets.SelectMany(s => s).Distinct().ToList();
        csv.Rows.Select(r => csv.Get(r, "country")).Should().BeEquivalentTo(countries);
        countries.Should().HaveCount(37, "SOURCES.md: 37 distinct countries");
        foreach (var row in csv.Rows)
        {
            var country = csv.Get(row, "country");
            csv.Get(row, "year").Should().Be("all");
            csv.Number(row, "publications").Should().Be(sets.Count(s => s.Contains(country)), country);
            csv.Number(row, "international_publications").Should().Be(sets.Count(s => s.Contains(country) && s.Count > 1), country);
            csv.Number(row, "equal_split_publications").Should().BeApproximately(sets.Where(s => s.Contains(country)).Sum(s => 1.0 / s.Count), 1e-9, country);
        }

        int withCountry = sets.Count(s => s.Count > 0);
        csv.Rows.Sum(r => csv.Number(r, "fractional_publications")).Should().BeApproximately(withCountry, 1e-9, "fractional counts sum to N");
        csv.Rows.Sum(r => csv.Number(r, "equal_split_publications")).Should().BeApproximately(withCountry, 1e-9, "equal-split counts sum to N");
    }

    [Fact]
    public void Countries_ByYear_SameRowsAsTheLibrary()
    {
        var result = CliRunner.Run("countries", "--input", Fixtures.WosPlain500, "--top", "0", "--output", "csv", "--quiet");

        var csv = CsvText.Parse(result.Out);
        var expected = Corpus.FromFile(Fixtures.WosPlain500, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient })
            .Countries().Units().ByYear().Compute();
        csv.Rows.Should().HaveCount(expected.Count).And.NotBeEmpty();
        for (int i = 0; i < expected.Count; i++)
        {
            csv.Get(csv.Rows[i], "year").Should().Be(expected[i].Year);
            csv.Get(csv.Rows[i], "country").Should().Be(expected[i].Unit.Code);
            csv.Number(csv.Rows[i], "fractional_publications").Should().Be(expected[i].FractionalPublications);
            csv.Number(csv.Rows[i], "international_rate").Should().Be(expected[i].InternationalRate);
        }
    }

    [Theory]
    [InlineData("whole", "publications")]
    [InlineData("fractional", "fractional_publications")]
    public void Countries_Top_TheLargestCountriesByCounting(string counting, string column)
    {
        var all = CsvText.Parse(CliRunner.Run("countries", "--input", Fixtures.WosPlain500, "--by", "all", "--top", "0", "--output", "csv", "--quiet").Out);
        var top = CsvText.Parse(CliRunner.Run("countries", "--input", Fixtures.WosPlain500, "--by", "all", "--top", "5", "--counting", counting, "--output", "csv", "--quiet").Out);

        var expected = all.Rows
            .OrderByDescending(r => all.Number(r, column))
            .ThenBy(r => all.Get(r, "country"), StringComparer.Ordinal)
            .Take(5)
            .Select(r => all.Get(r, "country"));
        top.Rows.Select(r => top.Get(r, "country")).Should().Equal(expected);
    }

    [Fact]
    public void Countries_Json_ArrayOfObjectsWithTheContractNames()
    {
        var result = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--output", "json", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.ValueKind.Should().Be(JsonValueKind.Array);
        json.RootElement.GetArrayLength().Should().Be(10, "--top defaults to 10");
        foreach (var row in json.RootElement.EnumerateArray())
        {
            row.EnumerateObject().Select(p => p.Name).Should().Equal(Contract);
        }
    }

    [Fact]
    public void Countries_TechnologyFilter_OnlyThosePublications()
    {
        var corpus = Corpus.FromFile(Fixtures.OpenAlexWorks50, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient });
        var label = corpus.Technologies[0];
        var sets = corpus.Publications.Where(p => p.Technologies.Contains(label)).Select(p => p.Countries.Select(c => c.Code).ToHashSet()).ToList();

        var result = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--technology", label, "--by", "all", "--top", "0", "--output", "csv", "--quiet");

        var csv = CsvText.Parse(result.Out);
        csv.Rows.Should().NotBeEmpty();
        foreach (var row in csv.Rows)
        {
            csv.Number(row, "publications").Should().Be(sets.Count(s => s.Contains(csv.Get(row, "country"))));
        }
    }
}
