using CollabMetrics.Cli.Output;
using CollabMetrics.Metrics;
using CollabMetrics.Synthetic;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Output;

public sealed class ParquetTableWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-parquet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_TypedColumns_DuckDbReadsTypesNullsAndUnicode()
    {
        var table = new ListTable(
            [ListTable.Text("year"), ListTable.Text("name"), ListTable.Integer("rank"), ListTable.Number("share")],
            ["2019", "Université Paris Cité, \"Inserm\"", 1L, 0.1 + 0.2],
            ["2020", "北京大学; Zürich\nline", null, double.NaN],
            [null, string.Empty, long.MaxValue, double.PositiveInfinity],
            ["all", "Ünïcödé 😀", -3L, -0.0])
        {
            Metadata = [new("territory", "iso"), new("diagnostics.publications", "42")],
        };

        var pq = WriteAndRead(table);

        pq.Names.Should().Equal("year", "name", "rank", "share");
        pq.Types.Should().Equal("VARCHAR", "VARCHAR", "BIGINT", "DOUBLE");
        pq.Rows.Should().HaveCount(4);
        pq.Rows[0].Should().Equal(new object?[] { "2019", "Université Paris Cité, \"Inserm\"", 1L, 0.1 + 0.2 });
        pq.Rows[1].Should().Equal(new object?[] { "2020", "北京大学; Zürich\nline", null, null });
        pq.Rows[2].Should().Equal(new object?[] { null, string.Empty, long.MaxValue, null });
        pq.Rows[3][1].Should().Be("Ünïcödé 😀");
        pq.Metadata.Should().Contain("collabmetrics.territory", "iso").And.Contain("collabmetrics.diagnostics.publications", "42");
        pq.ShouldEqualCsv(CsvText.Parse(table.ToCsv()));
    }

    [Fact]
    public void Write_EveryKindOfLibraryTable_EqualsItsCsv()
    {
        var corpus = Corpus.Build(SyntheticCorpus.Generate(new SyntheticCorpusOptions { Publications = 4_000, Seed = 11 }));
        var partners = corpus.Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.PartnerShare);
        var impact = corpus.Countries().Impact().AllYears();
        ITabularResult[] tables =
        [
            partners,
            partners.RankChanges(),
            partners.Crossovers(),
            partners.Series("US", CollaborationIndex.Salton),
            corpus.Countries().Focus("CN").Partners("US", "JP").AllYears().Bootstrap(CollaborationIndex.PartnerShare, BootstrapOptions.Default with { Replicates = 50 }),
            corpus.Countries().Units().ByYear().Compute(),
            corpus.Countries().Pairs().ByYear().ByTechnology().Compute(),
            impact.Compute(),
            impact.Concentration(),
            impact.Units("CN", "US").Bootstrap(new BootstrapOptions { Replicates = 50, Seed = 3 }),
        ];

        foreach (var table in tables)
        {
            table.RowCount.Should().BePositive(table.GetType().Name);
            var pq = WriteAndRead(table);
            pq.ShouldEqualCsv(CsvText.Parse(table.ToCsv()));
            pq.Metadata.Should().HaveCount(table.Metadata.Count);
        }
    }

    [Fact]
    public void Write_EmptyTable_ValidFileWithSchemaAndNoRows()
    {
        var table = new ListTable([ListTable.Text("year"), ListTable.Integer("rank"), ListTable.Number("weight")]);

        var pq = WriteAndRead(table);

        pq.Names.Should().Equal("year", "rank", "weight");
        pq.Types.Should().Equal("VARCHAR", "BIGINT", "DOUBLE");
        pq.Rows.Should().BeEmpty();
        pq.RowGroups.Should().Be(0);
    }

    [Fact]
    public void Write_MoreRowsThanARowGroup_SeveralGroupsSameRows()
    {
        var rows = Enumerable.Range(0, 2_500).Select(i => new object?[] { $"r{i}", (long)i, i % 7 == 0 ? null : i / 3.0 }).ToArray();
        var table = new ListTable([ListTable.Text("id"), ListTable.Integer("n"), ListTable.Number("x")], rows);

        var path = Path.Combine(_dir, "groups.parquet");
        using (var stream = File.Create(path))
        {
            ParquetTableWriter.Write(table, stream, rowGroupRows: 1_000);
        }

        var pq = ParquetText.Read(path);
        pq.RowGroups.Should().Be(3);
        pq.ShouldEqualCsv(CsvText.Parse(table.ToCsv()));
    }

    [Fact]
    public void Constructor_WideTable_RowGroupBoundedByCells()
    {
        var columns = Enumerable.Range(0, 64).Select(i => new ParquetColumn($"c{i}", ParquetColumnType.Double)).ToArray();
        using var stream = new MemoryStream();
        using var writer = new ParquetTableWriter(columns, [], stream);

        // Fill exactly one default row group: the writer flushes it, so nothing is left buffered.
        int groupRows = ParquetTableWriter.MaxRowGroupCells / 64;
        for (int r = 0; r < groupRows; r++)
        {
            writer.BeginRow();
            for (int c = 0; c < 64; c++)
            {
                writer.WriteNumber(r);
            }

            writer.EndRow();
        }

        writer.RowsWritten.Should().Be(groupRows);
        groupRows.Should().BeLessThan(ParquetTableWriter.MaxRowGroupRows);
    }

    [Fact]
    public void WriteNumber_IntoATextColumn_ThrowsNamingTheColumn()
    {
        using var stream = new MemoryStream();
        using var writer = new ParquetTableWriter([new("country", ParquetColumnType.String)], [], stream);
        writer.BeginRow();

        var act = () => writer.WriteNumber(1);

        act.Should().Throw<InvalidOperationException>().WithMessage("*'country'*String*Double*");
    }

    [Fact]
    public void EndRow_MissingCells_Throws()
    {
        using var stream = new MemoryStream();
        using var writer = new ParquetTableWriter([new("a", ParquetColumnType.Int64), new("b", ParquetColumnType.Boolean)], [], stream);
        writer.BeginRow();
        writer.WriteInteger(1);

        var act = writer.EndRow;

        act.Should().Throw<InvalidOperationException>().WithMessage("*1 cells for 2 columns*");
    }

    [Fact]
    public void ColumnsOf_EachKind_TheParquetType()
    {
        var columns = ParquetTableWriter.ColumnsOf([ListTable.Text("t"), ListTable.Integer("i"), ListTable.Number("n")]);

        columns.Select(c => c.Type).Should().Equal(ParquetColumnType.String, ParquetColumnType.Int64, ParquetColumnType.Double);
        columns.Select(c => c.Name).Should().Equal("t", "i", "n");
    }

    private ParquetText WriteAndRead(ITabularResult table)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".parquet");
        using (var stream = File.Create(path))
        {
            ParquetTableWriter.Write(table, stream);
        }

        return ParquetText.Read(path);
    }
}
