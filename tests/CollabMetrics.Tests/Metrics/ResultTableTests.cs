using System.Text;
using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Metrics;

public class ResultTableTests
{
    private static readonly ResultContext Context = new(AggregationOptions.Default, LinkWeighting.CountrySet, null, CubeDiagnostics.Empty);

    private static Unit U(string code) => Unit.FromCountry(Country.Parse(code));

    private static PairRow Pair(SliceKey slice, Unit a, Unit b, double copublications, double weight) =>
        new() { Slice = slice, UnitA = a, UnitB = b, Copublications = copublications, Weight = weight };

    [Fact]
    public void UnitTableToCsv_UnitWithoutPublications_InternationalRateEmpty()
    {
        var table = new UnitTable(
            [
                new UnitRow
                {
                    Slice = SliceKey.ForYear(2020), Unit = U("CN"), Publications = 9, FractionalPublications = 59.0 / 12,
                    EqualSplitPublications = 5, InternationalPublications = 7, SingleCountryCorresponding = 2, MultiCountryCorresponding = 7,
                },
                new UnitRow { Slice = SliceKey.ForYear(2020), Unit = U("FR") },
            ],
            Context);

        var lines = table.ToCsv().Split('\n');

        lines[0].Should().Be("year,country,publications,fractional_publications,equal_split_publications,international_publications,international_rate");
        lines[1].Should().Be("2020,CN,9,4.916666666666667,5,7,0.7777777777777778");
        lines[2].Should().Be("2020,FR,0,0,0,0,");
        table[1].Name.Should().Be("France");
        table.Of("France").Should().ContainSingle().Which.Unit.Should().Be(U("FR"));
        FluentActions.Invoking(() => table.Of("DE")).Should().Throw<ArgumentException>().WithParameterName("unit").WithMessage("*not a unit in this table*");
    }

    [Fact]
    public void PairTableToJson_ContextHasLinkWeightingAndDiagnostics()
    {
        var context = Context with { Diagnostics = CubeDiagnostics.Empty with { PublicationsWithoutUnit = 3, UnresolvedAffiliations = 5 } };
        var table = new PairTable([Pair(SliceKey.ForWindow(2015, 2019), U("CN"), U("US"), 4, 2.5)], context);

        using var doc = JsonDocument.Parse(table.ToJson());
        var root = doc.RootElement;

        root.GetProperty("context").GetProperty("link_weighting").GetString().Should().Be("country-set");
        root.GetProperty("context").GetProperty("diagnostics").GetProperty("publications_without_unit").GetInt64().Should().Be(3);
        root.GetProperty("context").GetProperty("diagnostics").GetProperty("unresolved_affiliations").GetInt64().Should().Be(5);
        var row = root.GetProperty("rows")[0];
        row.GetProperty("year").GetString().Should().Be("2015-2019");
        row.GetProperty("country_a").GetString().Should().Be("CN");
        row.GetProperty("weight").GetDouble().Should().Be(2.5);
    }

    [Fact]
    public void ToCsv_TextWithCommaAndQuote_QuotedAsRfc4180()
    {
        var table = new PairTable(
            [Pair(SliceKey.ForAllYears(), Unit.Institution("Univ. A, \"North\""), Unit.Institution("B"), 1, 1)],
            Context with { Options = AggregationOptions.Default with { Level = UnitLevel.Institution } });

        table.ToCsv().Split('\n')[1].Should().Be("all,\"Univ. A, \"\"North\"\"\",B,1,1");
        table.Columns.Select(c => c.Name).Should().Equal("year", "institution_a", "institution_b", "copublications", "weight");
    }

    [Fact]
    public async Task FileAndStreamTwins_SameBytesAsTheStrings()
    {
        var table = new PairTable([Pair(SliceKey.ForYear(2020), U("CN"), U("US"), 4, 4)], Context);
        string directory = Directory.CreateTempSubdirectory("collabmetrics-table-").FullName;
        try
        {
            string csv = Path.Combine(directory, "nested", "t.csv"), json = Path.Combine(directory, "t.json");
            string csvAsync = Path.Combine(directory, "a.csv"), jsonAsync = Path.Combine(directory, "a.json");

            table.ToCsvFile(csv);
            table.ToJsonFile(json);
            await table.ToCsvFileAsync(csvAsync);
            await table.ToJsonFileAsync(jsonAsync);
            using var csvStream = new MemoryStream();
            using var csvStreamAsync = new MemoryStream();
            table.ToCsv(csvStream);
            await table.ToCsvAsync(csvStreamAsync);
            using var jsonWriter = new StringWriter();
            table.ToJson(jsonWriter);

            (await File.ReadAllTextAsync(csv)).Should().Be(table.ToCsv());
            (await File.ReadAllTextAsync(csvAsync)).Should().Be(table.ToCsv());
            (await File.ReadAllTextAsync(json)).Should().Be(table.ToJson());
            (await File.ReadAllTextAsync(jsonAsync)).Should().Be(table.ToJson());
            Encoding.UTF8.GetString(csvStream.ToArray()).Should().Be(table.ToCsv());
            Encoding.UTF8.GetString(csvStreamAsync.ToArray()).Should().Be(table.ToCsv());
            jsonWriter.ToString().Should().Be(table.ToJson());
            (await File.ReadAllBytesAsync(csv))[0].Should().Be((byte)'y', "no byte order mark");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void WriteRows_SinkReceivesTypedCellsInColumnOrder()
    {
        var table = TestCorpora.MetricsVector().Countries().Focus("CN").Partners("US", "JP").Rank(CollaborationIndex.PartnerShare);
        var sink = new RecordingSink();

        table.WriteRows(sink);

        sink.Rows.Should().HaveCount(table.Count);
        sink.Rows[0].Should().HaveCount(table.Columns.Count);
        for (int c = 0; c < table.Columns.Count; c++)
        {
            var expectedType = table.Columns[c].Kind switch
            {
                ColumnKind.Text => typeof(string),
                ColumnKind.Integer => typeof(long),
                _ => typeof(double),
            };
            sink.Rows[0][c].Should().BeOfType(expectedType, table.Columns[c].Name);
        }

        sink.Rows[0][table.IndexOfColumn("partner")].Should().Be("US");
        sink.Rows[0][table.IndexOfColumn("rank")].Should().Be(1L);
        sink.Rows[0][table.IndexOfColumn("copublications")].Should().Be(4.0);
        sink.Rows[1][table.IndexOfColumn("partner_share")].Should().Be(2.0 / 7);
        sink.Begun.Should().Be(sink.Ended).And.Be(table.Count);
    }

    [Fact]
    public void TabularContract_CsvOfAnyTable_SameAsTheTablesOwn()
    {
        var analysis = TestCorpora.MetricsVector().Countries();
        ITabularResult[] tables =
        [
            analysis.Focus("CN").Partners().Rank(CollaborationIndex.Salton), analysis.Units().Compute(), analysis.Pairs().Compute(),
            analysis.Focus("CN").Partners().Compute().Series("US", CollaborationIndex.Dice),
        ];

        foreach (var table in tables)
        {
            table.ToCsv().Should().Be(((dynamic)table).ToCsv());
            table.RowCount.Should().BeGreaterThan(0);
            table.Metadata.Should().Contain(new KeyValuePair<string, string>("level", "country"))
                .And.Contain(new KeyValuePair<string, string>("diagnostics.publications_without_unit", "1"));
            FluentActions.Invoking(() => table.WriteRow(table.RowCount, new RecordingSink())).Should().Throw<ArgumentOutOfRangeException>();
        }
    }

    [Fact]
    public void Metadata_EnumValues_UseTheLibrarysNameTables()
    {
        var context = new ResultContext(
            AggregationOptions.Default with { Territory = TerritoryPolicy.GreaterChina, UnknownAuthors = UnknownAuthorPolicy.AsUnknownUnit, Groups = [UnitGroups.Quad] },
            LinkWeighting.AuthorRefined,
            CollaborationIndex.NsfIci,
            CubeDiagnostics.Empty);

        var metadata = context.ToMetadata().ToDictionary(kv => kv.Key, kv => kv.Value);

        metadata["territory"].Should().Be(TerritoryPolicy.GreaterChina.ToName()).And.Be("greater-china");
        metadata["link_weighting"].Should().Be("author-refined");
        metadata["unknown_authors"].Should().Be("unknown-unit");
        metadata["ranked_by"].Should().Be("nsf_ici");
        metadata["groups"].Should().Be("Quad");
        metadata["groups.Quad"].Should().Be("AU,IN,JP,US");
        using var doc = JsonDocument.Parse(new PairTable([], context).ToJson());
        doc.RootElement.GetProperty("context").GetProperty("link_weighting").GetString().Should().Be("author-refined");
        doc.RootElement.GetProperty("context").GetProperty("unknown_authors").GetString().Should().Be("unknown-unit");
    }

    /// <summary>Keeps every cell as the boxed value it was given with (for assertions only).</summary>
    private sealed class RecordingSink : ITableSink
    {
        private List<object?> _row = [];

        public List<List<object?>> Rows { get; } = [];

        public int Begun { get; private set; }

        public int Ended { get; private set; }

        public void BeginRow()
        {
            Begun++;
            _row = [];
        }

        public void WriteText(string? value) => _row.Add(value);

        public void WriteInteger(long? value) => _row.Add(value);

        public void WriteNumber(double value) => _row.Add(value);

        public void EndRow()
        {
            Ended++;
            Rows.Add(_row);
        }
    }
}
