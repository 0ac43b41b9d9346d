using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Metrics;

namespace CollabMetrics.Tests.Metrics;

public class CrossoverTableTests
{
    private static readonly ResultContext Context = new(AggregationOptions.Default, LinkWeighting.Full, null, CubeDiagnostics.Empty);

    private static Unit U(string code) => Unit.FromCountry(Country.Parse(code));

    private static PartnerRow Row(int year, string partner, double copublications) => new()
    {
        Slice = SliceKey.ForYear(year),
        Focus = U("CN"),
        Partner = U(partner),
        Counts = new CollaborationCounts(copublications, 100, 50, 100, 50, 100, 50, 500, 1000, 400, 0),
    };

    /// <summary>PK overtakes JP in 2019, JP takes its place back in 2020; US stays first until 2020, when it has no co-publications.</summary>
    private static PartnerTable Table() => PartnerTable.Create(
        [
            Row(2018, "PK", 12), Row(2018, "JP", 20), Row(2018, "US", 50),
            Row(2019, "PK", 30), Row(2019, "JP", 25), Row(2019, "US", 50),
            Row(2020, "PK", 30), Row(2020, "JP", 40), Row(2020, "US", 0),
        ],
        [SliceKey.ForYear(2018), SliceKey.ForYear(2019), SliceKey.ForYear(2020)],
        Context with { RankedBy = CollaborationIndex.PartnerShare },
        U("CN"));

    [Fact]
    public void ToCsv_TwoPartners_OneLinePerCrossoverWithRanksAndValues()
    {
        var crossovers = Table().Crossovers("Pakistan", "Japan");

        var lines = crossovers.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        lines.Should().Equal(
            "year,previous_year,focus,overtaker,overtaken,overtaker_rank,overtaken_rank,overtaker_value,overtaken_value",
            "2019,2018,CN,PK,JP,2,3,0.3,0.25",
            "2020,2019,CN,JP,PK,1,2,0.4,0.3");
    }

    [Fact]
    public void ToJson_OvertakenWithoutCopublications_RankNullAndValueZero()
    {
        var crossovers = Table().Crossovers();

        using var doc = JsonDocument.Parse(crossovers.ToJson());

        doc.RootElement.GetProperty("context").GetProperty("ranked_by").GetString().Should().Be("partner_share");
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        rows.Should().HaveCount(crossovers.Count);
        var overUs = rows.Where(r => r.GetProperty("overtaken").GetString() == "US").ToList();
        overUs.Select(r => r.GetProperty("overtaker").GetString()).Should().BeEquivalentTo("JP", "PK");
        overUs.Should().AllSatisfy(r => r.GetProperty("overtaken_rank").ValueKind.Should().Be(JsonValueKind.Null));
        overUs.Should().AllSatisfy(r => r.GetProperty("overtaken_value").GetDouble().Should().Be(0));
        rows.Select(r => r.GetProperty("year").GetString()).Should().BeInAscendingOrder();
    }

    [Fact]
    public void WriteRow_TabularContract_SameCellsAsTheRows()
    {
        var crossovers = Table().Crossovers();
        var sink = new CellSink();

        for (int i = 0; i < crossovers.RowCount; i++)
        {
            crossovers.WriteRow(i, sink);
        }

        crossovers.Columns.Select(c => c.Kind).Should().Equal(
            ColumnKind.Text, ColumnKind.Text, ColumnKind.Text, ColumnKind.Text, ColumnKind.Text,
            ColumnKind.Integer, ColumnKind.Integer, ColumnKind.Number, ColumnKind.Number);
        sink.Rows.Should().HaveCount(crossovers.Count);
        sink.Rows.Should().AllSatisfy(r => r.Should().HaveCount(crossovers.Columns.Count));
        sink.Rows.Select(r => ((string?)r[3], (string?)r[4])).Should().Equal(crossovers.Select(c => ((string?)c.Overtaker.Code, (string?)c.Overtaken.Code)));
        sink.Rows.Select(r => (long?)r[5]).Should().Equal(crossovers.Select(c => (long?)c.OvertakerRank));
    }

    [Fact]
    public void Crossovers_SamePartnerTwice_Throws()
    {
        FluentActions.Invoking(() => Table().Crossovers("PK", "Pakistan")).Should().Throw<ArgumentException>().WithParameterName("partnerB");
    }

    private sealed class CellSink : ITableSink
    {
        public List<List<object?>> Rows { get; } = [];

        public void BeginRow() => Rows.Add([]);

        public void EndRow()
        {
        }

        public void WriteText(string? value) => Rows[^1].Add(value);

        public void WriteInteger(long? value) => Rows[^1].Add(value);

        public void WriteNumber(double value) => Rows[^1].Add(value);
    }
}
