using CollabMetrics.Cli;
using CollabMetrics.IO;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

public class PairsCommandTests
{
    private static readonly string[] Contract = ["year", "country_a", "country_b", "copublications", "weight"];

    [Fact]
    public void Pairs_Csv_ColumnsAreTheOutputContract()
    {
        var result = CliRunner.Run("pairs", "--input", Fixtures.OpenAlexWorks50, "--output", "csv", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        CsvText.Parse(result.Out).Header.Should().Equal(Contract);
    }

    [Fact]
    public void Pairs_AllYearsFull_TheFixturesKnownPairsAndWeight()
    {
        var result = CliRunner.Run("pairs", "--input", Fixtures.OpenAlexWorks50, "--no-raw-affiliations", "--by", "all", "--output", "csv", "--quiet");

        var csv = CsvText.Parse(result.Out);
        csv.Rows.Should().HaveCount(101, "SOURCES.md: 101 distinct country pairs");
        csv.Rows.Sum(r => csv.Number(r, "weight")).Should().Be(113, "SOURCES.md: summed pair weight (full counting) 113");
        csv.Rows.Should().OnlyContain(r => string.CompareOrdinal(csv.Get(r, "country_a"), csv.Get(r, "country_b")) < 0);
        csv.Rows.Should().OnlyContain(r => csv.Number(r, "weight") == csv.Number(r, "copublications"));
    }

    [Fact]
    public void Pairs_CountrySetLinks_EachPaperAddsHalfItsCountries()
    {
        // SOURCES.md counts the countries OpenAlex gives, without the raw affiliation fallback.
        var result = CliRunner.Run("pairs", "--input", Fixtures.OpenAlexWorks50, "--no-raw-affiliations", "--by", "all", "--links", "country-set", "--output", "csv", "--quiet");

        var csv = CsvText.Parse(result.Out);
        var sets = Corpus.FromFile(Fixtures.OpenAlexWorks50, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, ResolveRawAffiliations = false })
            .Publications.Select(p => p.Countries.Count).Where(m => m >= 2).ToList();
        // Each of a paper's m countries has links summing to 1, so the paper adds m/2 to the total weight.
        csv.Rows.Sum(r => csv.Number(r, "weight")).Should().BeApproximately(sets.Sum(m => m / 2.0), 1e-9);
        csv.Rows.Sum(r => csv.Number(r, "copublications")).Should().Be(113);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("table")]
    public void Pairs_ToStandardOutputStream_SameTextAsThroughTheWriterAfterWhatCameBefore(string format)
    {
        string[] args = ["pairs", "--input", Fixtures.WosPlain500, "--output", format, "--quiet"];
        var expected = CliRunner.Run(args);
        // Standard output as the console has it: a writer in UTF-8 without a byte order mark, and its stream.
        // (A memory stream's bytes can be read after the tool has closed it.)
        var bytes = new MemoryStream();
        var output = new StreamWriter(bytes, new System.Text.UTF8Encoding(false), bufferSize: 1024, leaveOpen: true);
        output.Write("before|");
        var host = new CliHost(output, new StringWriter()) { OpenStandardOutput = () => bytes };

        int code = CliApp.Run(args, host);

        code.Should().Be(ExitCodes.Success);
        expected.Out.Should().NotBeEmpty();
        System.Text.Encoding.UTF8.GetString(bytes.ToArray()).Should().Be("before|" + expected.Out);
    }

    [Fact]
    public void Pairs_ByYear_YearsSumToAllYears()
    {
        var byYear = CsvText.Parse(CliRunner.Run("pairs", "--input", Fixtures.WosPlain500, "--output", "csv", "--quiet").Out);
        var all = CsvText.Parse(CliRunner.Run("pairs", "--input", Fixtures.WosPlain500, "--by", "all", "--output", "csv", "--quiet").Out);

        all.Rows.Should().NotBeEmpty();
        byYear.Rows.Sum(r => byYear.Number(r, "copublications")).Should().Be(all.Rows.Sum(r => all.Number(r, "copublications")));
        byYear.Rows.Select(r => byYear.Get(r, "year")).Should().OnlyContain(y => y.Length == 4);
    }
}
