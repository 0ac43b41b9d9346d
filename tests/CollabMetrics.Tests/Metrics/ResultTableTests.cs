using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Tests.Metrics;

public class ResultTableTests
{
    private static readonly ResultContext Context = new(AggregationOptions.Default, LinkWeighting.CountrySet, null, CubeDiagnostics.Empty);

    [Fact]
    public void UnitTableToCsv_UnitWithoutPublications_InternationalRateEmpty()
    {
        var table = new UnitTable(
            [
                new UnitRow("2020", 2020, 2020, null, "CN", "China", 9, 59.0 / 12, 5, 7, 2, 7),
                new UnitRow("2020", 2020, 2020, null, "FR", "France", 0, 0, 0, 0, 0, 0),
            ],
            Context);

        var lines = table.ToCsv().Split('\n');

        lines[0].Should().Be("year,country,publications,fractional_publications,equal_split_publications,international_publications,international_rate");
        lines[1].Should().Be("2020,CN,9,4.916666666666667,5,7,0.7777777777777778");
        lines[2].Should().Be("2020,FR,0,0,0,0,");
    }

    [Fact]
    public void PairTableToJson_ContextHasLinkWeightingAndDiagnostics()
    {
        var context = Context with { Diagnostics = CubeDiagnostics.Empty with { PublicationsWithoutUnit = 3, UnresolvedAffiliations = 5 } };
        var table = new PairTable([new PairRow("2015-2019", 2015, 2019, null, "CN", "US", 4, 2.5)], context);

        using var doc = JsonDocument.Parse(table.ToJson());
        var root = doc.RootElement;

        root.GetProperty("context").GetProperty("link_weighting").GetString().Should().Be("country_set");
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
        var table = new PairTable([new PairRow("all", null, null, null, "Univ. A, \"North\"", "B", 1, 1)], Context with { Options = AggregationOptions.Default with { Level = UnitLevel.Institution } });

        table.ToCsv().Split('\n')[1].Should().Be("all,\"Univ. A, \"\"North\"\"\",B,1,1");
        table.Columns.Should().Equal("year", "institution_a", "institution_b", "copublications", "weight");
    }

    [Fact]
    public async Task ToCsvAsyncAndToJsonAsync_Files_SameAsStrings()
    {
        var table = new PairTable([new PairRow("2020", 2020, 2020, null, "CN", "US", 4, 4)], Context);
        string csv = Path.GetTempFileName(), json = Path.GetTempFileName();
        try
        {
            await table.ToCsvAsync(csv);
            await table.ToJsonAsync(json);

            (await File.ReadAllTextAsync(csv)).Should().Be(table.ToCsv());
            (await File.ReadAllTextAsync(json)).Should().Be(table.ToJson());
        }
        finally
        {
            File.Delete(csv);
            File.Delete(json);
        }
    }
}
