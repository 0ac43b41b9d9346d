using CollabMetrics.Cli;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Output;

/// <summary>
/// <c>--output parquet --out FILE</c> of every command that prints a table, read back by DuckDB and compared cell by
/// cell with the CSV output of the same command.
/// </summary>
public sealed class ResultWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-parquet-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string[]> Tables() => new()
    {
        { "partners", ["partners", "--input", Fixtures.OpenAlexWorks50, "--focus", "US", "--top", "0"] },
        { "partners-window", ["partners", "--input", Fixtures.WosPlain500, "--focus", "CN", "--window", "3", "--index", "salton"] },
        { "partners-by-technology", ["partners", "--input", Fixtures.OpenAlexWorks50, "--focus", "US", "--by", "all", "--by-technology", "--top", "0"] },
        { "countries", ["countries", "--input", Fixtures.WosPlain500, "--top", "0"] },
        { "countries-by-technology", ["countries", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--by-technology", "--top", "0"] },
        { "pairs", ["pairs", "--input", Fixtures.Scopus58, "--links", "country-set"] },
        { "pairs-by-technology", ["pairs", "--input", Fixtures.WosTab71, "--by", "all", "--by-technology", "--links", "author"] },
        { "impact", ["impact", "--input", Fixtures.OpenAlexWorks50, "--top", "0"] },
        { "impact-focus", ["impact", "--input", Fixtures.OpenAlexWorks50, "--focus", "US"] },
        { "impact-concentration", ["impact", "--input", Fixtures.OpenAlexWorks50, "--concentration", "--by", "all"] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Write_Parquet_EqualsTheCsvOfTheSameCommandCellByCell(string name, string[] args)
    {
        var path = Path.Combine(_dir, name + ".parquet");

        var csv = CliRunner.Run([.. args, "--output", "csv", "--quiet"]);
        var parquet = CliRunner.Run([.. args, "--output", "parquet", "--out", path, "--quiet"]);

        csv.ExitCode.Should().Be(ExitCodes.Success, csv.Err);
        parquet.ExitCode.Should().Be(ExitCodes.Success, parquet.Err);
        parquet.Out.Should().BeEmpty();
        File.Exists(path + ".partial").Should().BeFalse();
        var expected = CsvText.Parse(csv.Out);
        expected.Rows.Should().NotBeEmpty("the comparison needs rows");
        var pq = ParquetText.Read(path);
        pq.ShouldEqualCsv(expected);
        pq.Types.Should().OnlyContain(t => t == "VARCHAR" || t == "BIGINT" || t == "DOUBLE");
        pq.Types[Array.IndexOf(pq.Names, "year")].Should().Be("VARCHAR");
    }

    [Fact]
    public void Write_PartnersParquet_NumbersAreDoublesRankIsInt64WithNulls()
    {
        var path = Path.Combine(_dir, "partners.parquet");

        CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", "CN", "--top", "0", "--output", "parquet", "--out", path, "-q").ExitCode.Should().Be(0);

        var pq = ParquetText.Read(path);
        pq.Types[Array.IndexOf(pq.Names, "rank")].Should().Be("BIGINT");
        pq.Types[Array.IndexOf(pq.Names, "partner_share")].Should().Be("DOUBLE");
        pq.Metadata.Should().ContainKey("collabmetrics.territory");
    }

    [Fact]
    public void Write_ImpactParquet_UndefinedValuesAreNullsWhereTheCsvIsEmpty()
    {
        var path = Path.Combine(_dir, "impact.parquet");
        var args = new[] { "impact", "--input", Fixtures.OpenAlexWorks50, "--top", "0", "-q" };

        var csv = CsvText.Parse(CliRunner.Run([.. args, "--output", "csv"]).Out);
        CliRunner.Run([.. args, "--output", "parquet", "--out", path]).ExitCode.Should().Be(0);

        var pq = ParquetText.Read(path);
        int nulls = pq.Rows.Sum(r => r.Count(cell => cell is null));
        nulls.Should().BePositive("countries without domestic or bilateral papers have undefined MNCS");
        nulls.Should().Be(csv.Rows.Sum(r => r.Count(cell => cell.Length == 0)));
        pq.ShouldEqualCsv(csv);
    }

    [Fact]
    public void Write_EmptyTable_SchemaAndNoRows()
    {
        // One publication with one country: no pair at all.
        var input = Path.Combine(_dir, "one.csv");
        File.WriteAllText(input, "publication_id,year,author_position,country\nP1,2020,1,FR\nP2,2020,1,FR\n");
        var path = Path.Combine(_dir, "pairs.parquet");

        var csv = CliRunner.Run("pairs", "--input", input, "--output", "csv", "-q");
        var result = CliRunner.Run("pairs", "--input", input, "--output", "parquet", "--out", path, "-q");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        var expected = CsvText.Parse(csv.Out);
        expected.Rows.Should().BeEmpty();
        var pq = ParquetText.Read(path);
        pq.Rows.Should().BeEmpty();
        pq.Names.Should().Equal("year", "country_a", "country_b", "copublications", "weight");
        pq.Types.Should().Equal("VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE");
        pq.ShouldEqualCsv(expected);
    }

    [Theory]
    [InlineData]
    [InlineData("--out", "-")]
    public void Write_ParquetWithoutAFile_ExitCode2WithAClearLine(params string[] outArgs)
    {
        var result = CliRunner.Run(["pairs", "--input", Fixtures.Scopus58, "--output", "parquet", .. outArgs]);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Out.Should().BeEmpty();
        result.ErrLines[0].Should().Contain("--output parquet").And.Contain("binary").And.Contain("--out FILE");
    }

    [Fact]
    public void Write_InspectParquet_Refused()
    {
        var result = CliRunner.Run("inspect", "--input", Fixtures.Scopus58, "--output", "parquet", "--out", Path.Combine(_dir, "r.parquet"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().Contain("not Parquet");
    }

    [Fact]
    public void Write_ToolAsAProcess_DuckDbReadsTheFile()
    {
        var path = Path.Combine(_dir, "process.parquet");
        var csvPath = Path.Combine(_dir, "process.csv");

        var parquet = CliRunner.RunProcess("countries", "--input", Fixtures.WosPlain500, "--by", "all", "--top", "0", "--output", "parquet", "--out", path, "-q");
        var csv = CliRunner.RunProcess("countries", "--input", Fixtures.WosPlain500, "--by", "all", "--top", "0", "--output", "csv", "--out", csvPath, "-q");

        parquet.ExitCode.Should().Be(0, parquet.Err);
        csv.ExitCode.Should().Be(0, csv.Err);
        ParquetText.Read(path).ShouldEqualCsv(CsvText.Parse(File.ReadAllText(csvPath)));
    }
}
