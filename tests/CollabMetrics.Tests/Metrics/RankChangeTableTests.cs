using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Metrics;

namespace CollabMetrics.Tests.Metrics;

public class RankChangeTableTests
{
    private static readonly ResultContext Context = new(AggregationOptions.Default, LinkWeighting.Full, null, CubeDiagnostics.Empty);

    private static Unit U(string code) => Unit.FromCountry(Country.Parse(code));

    private static PartnerRow Row(int year, string partner, double copublications, string? technology = null) => new()
    {
        Slice = SliceKey.ForYear(year, technology),
        Focus = U("CN"),
        Partner = U(partner),
        Counts = new CollaborationCounts(copublications, 100, 50, 100, 50, 100, 50, 500, 1000, 400, 0),
    };

    private static PartnerTable Table(ResultContext context, params PartnerRow[] rows) =>
        PartnerTable.Create(rows, [.. rows.Select(r => r.Slice).Distinct()], context with { RankedBy = CollaborationIndex.PartnerShare }, U("CN"));

    private static PartnerTable Moves() => Table(
        Context,
        Row(2019, "US", 30), Row(2019, "PK", 10), Row(2019, "JP", 20),
        Row(2020, "US", 5), Row(2020, "PK", 40), Row(2020, "JP", 20), Row(2020, "KR", 1));

    [Fact]
    public void ToCsv_PartnersMove_OneLinePerRankedPartnerWithPreviousRankAndChange()
    {
        var changes = Moves().RankChanges();

        var lines = changes.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        lines[0].Should().Be("year,previous_year,focus,partner,rank,previous_rank,change");
        lines.Skip(1).Should().Equal(
            "2020,2019,CN,PK,1,3,2",
            "2020,2019,CN,JP,2,2,0",
            "2020,2019,CN,US,3,1,-2",
            "2020,2019,CN,KR,4,,");
        changes.Focus.Should().Be(U("CN"));
        changes.RowCount.Should().Be(changes.Count).And.Be(4);
    }

    [Fact]
    public void ToJson_NewPartner_PreviousRankNullAndContext()
    {
        using var doc = JsonDocument.Parse(Moves().RankChanges().ToJson());

        doc.RootElement.GetProperty("context").GetProperty("ranked_by").GetString().Should().Be("partner_share");
        var rows = doc.RootElement.GetProperty("rows");
        rows.GetArrayLength().Should().Be(4);
        rows[3].GetProperty("partner").GetString().Should().Be("KR");
        rows[3].GetProperty("previous_rank").ValueKind.Should().Be(JsonValueKind.Null);
        rows[3].GetProperty("change").ValueKind.Should().Be(JsonValueKind.Null);
        rows[0].GetProperty("change").GetInt32().Should().Be(2);
    }

    [Fact]
    public void Columns_TabularContract_KindsMatchTheCsvHeader()
    {
        var changes = Moves().RankChanges();

        changes.Columns.Select(c => c.Name).Should().Equal("year", "previous_year", "focus", "partner", "rank", "previous_rank", "change");
        changes.Columns.Select(c => c.Kind).Should().Equal(
            ColumnKind.Text, ColumnKind.Text, ColumnKind.Text, ColumnKind.Text, ColumnKind.Integer, ColumnKind.Integer, ColumnKind.Integer);
        changes.Columns.Where(c => c.IsNullable).Select(c => c.Name).Should().Equal("previous_rank", "change");
    }

    [Fact]
    public async Task ToCsvFileAsyncAndToJsonFileAsync_SameAsText()
    {
        var changes = Moves().RankChanges();
        var folder = Path.Combine(Path.GetTempPath(), $"rank-changes-{Guid.NewGuid():N}");
        try
        {
            await changes.ToCsvFileAsync(Path.Combine(folder, "c.csv"));
            changes.ToJsonFile(Path.Combine(folder, "c.json"));

            (await File.ReadAllTextAsync(Path.Combine(folder, "c.csv"))).Should().Be(changes.ToCsv());
            (await File.ReadAllTextAsync(Path.Combine(folder, "c.json"))).Should().Be(changes.ToJson());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ToCsv_RowsPerTechnology_TechnologyColumnAfterTheYear()
    {
        var table = Table(
            Context with { ByTechnology = true },
            Row(2019, "US", 30, "AI"), Row(2019, "PK", 10, "AI"),
            Row(2020, "US", 5, "AI"), Row(2020, "PK", 40, "AI"));

        var lines = table.RankChanges().ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        lines.Should().Equal(
            "year,technology,previous_year,focus,partner,rank,previous_rank,change",
            "2020,AI,2019,CN,PK,1,2,1",
            "2020,AI,2019,CN,US,2,1,-1");
    }
}
