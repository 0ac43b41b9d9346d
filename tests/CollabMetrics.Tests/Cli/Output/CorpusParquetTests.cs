using CollabMetrics.Cli;
using CollabMetrics.Cli.Output;
using CollabMetrics.Geography;
using CollabMetrics.Model;
using CollabMetrics.Synthetic;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Output;

/// <summary>The corpus in the long format as Parquet (<c>convert --to parquet</c>), compared with the CSV cell by cell.</summary>
public sealed class CorpusParquetTests : IDisposable
{
    private static readonly string[] FlagsWrittenOnlyWhenTrue = ["retracted", "paratext", "authors_truncated"];

    private readonly string _dir = Directory.CreateTempSubdirectory("cm-parquet-corpus-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Inputs() => [Fixtures.OpenAlexWorks50, Fixtures.WosPlain500, Fixtures.WosTab71, Fixtures.Scopus58];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Convert_ToParquet_EqualsConvertToCsvCellByCell(string input)
    {
        var csvPath = Path.Combine(_dir, "corpus.csv");
        var pqPath = Path.Combine(_dir, "corpus.parquet");

        var csv = CliRunner.Run("convert", "--input", input, "--to", "csv", "--out", csvPath, "-q");
        var pq = CliRunner.Run("convert", "--input", input, "--to", "parquet", "--out", pqPath, "-q");

        csv.ExitCode.Should().Be(ExitCodes.Success, csv.Err);
        pq.ExitCode.Should().Be(ExitCodes.Success, pq.Err);
        var expected = CsvText.Parse(File.ReadAllText(csvPath));
        expected.Rows.Should().NotBeEmpty();
        var table = ParquetText.Read(pqPath);
        table.Types.Should().Equal(
            "VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "INTEGER", "VARCHAR", "BOOLEAN", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR",
            "INTEGER", "VARCHAR", "BOOLEAN", "BOOLEAN", "BOOLEAN");
        table.ShouldEqualCsv(expected, FlagsWrittenOnlyWhenTrue);
    }

    [Fact]
    public void Write_EdgeCases_NullsUnicodeAndEscapedLabelsAsTheCsv()
    {
        Publication[] publications =
        [
            new()
            {
                Id = "W1", Source = PublicationSource.OpenAlex, Doi = "10.1/x", Year = 2021, Citations = 7, DocumentType = DocumentType.Article,
                Technologies = ["AI; ML", @"back\slash", "Ünïcödé"],
                Authors =
                [
                    new() { Id = "A1", IsCorresponding = true, Affiliations = [new() { InstitutionId = "I1", InstitutionName = "Université Paris Cité, \"Inserm\"", Country = Country.Parse("FR") }, new() { Country = Country.Parse("DE") }] },
                    new() { Name = "Lee, K" },
                    new() { Id = "A3", Affiliations = [new() { InstitutionName = "北京大学", Country = Country.Parse("CN") }] },
                ],
            },
            new() { Id = "P-42", Year = 2020, IsRetracted = true, IsParatext = true, AuthorsTruncated = true },
            new() { Id = "P-43" },
        ];
        var corpus = Corpus.Build(publications, CorpusOptions.Default with { Documents = DocumentFilter.None });

        var table = WriteAndRead(corpus);

        table.ShouldEqualCsv(CsvText.Parse(corpus.ToCsv()), FlagsWrittenOnlyWhenTrue);
        table.Rows.Should().HaveCount(6);
        table.Rows[3][Array.IndexOf(table.Names, "institution_name")].Should().Be("北京大学");
        table.Rows[4][Array.IndexOf(table.Names, "retracted")].Should().Be(true);
        table.Rows[5][Array.IndexOf(table.Names, "year")].Should().BeNull();
        table.Rows[5][Array.IndexOf(table.Names, "author_position")].Should().BeNull();
        table.Rows[5][Array.IndexOf(table.Names, "corresponding")].Should().BeNull();
        table.Rows[5][Array.IndexOf(table.Names, "retracted")].Should().Be(false);
    }

    [Fact]
    public void Write_SyntheticCorpusInSmallRowGroups_EqualsTheCsv()
    {
        var corpus = Corpus.Build(SyntheticCorpus.Generate(new SyntheticCorpusOptions { Publications = 3_000, Seed = 7 }));

        var path = Path.Combine(_dir, "synthetic.parquet");
        long rows;
        using (var stream = File.Create(path))
        {
            rows = CorpusParquet.Write(corpus, stream, rowGroupRows: 4_096);
        }

        var table = ParquetText.Read(path);
        table.Rows.Should().HaveCount((int)rows);
        table.RowGroups.Should().Be((int)((rows + 4_095) / 4_096));
        table.ShouldEqualCsv(CsvText.Parse(corpus.ToCsv()), FlagsWrittenOnlyWhenTrue);
    }

    [Theory]
    [InlineData]
    [InlineData("--out", "-")]
    public void Convert_ToParquetWithoutAFile_ExitCode2(params string[] outArgs)
    {
        var result = CliRunner.Run(["convert", "--input", Fixtures.Scopus58, "--to", "parquet", .. outArgs]);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Out.Should().BeEmpty();
        result.ErrLines[0].Should().Contain("--to parquet").And.Contain("--out FILE");
    }

    private ParquetText WriteAndRead(Corpus corpus)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".parquet");
        using (var stream = File.Create(path))
        {
            CorpusParquet.Write(corpus, stream);
        }

        return ParquetText.Read(path);
    }
}
