using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Tests.Metrics;

public class PartnerTableTests
{
    private static readonly ResultContext Context = new(AggregationOptions.Default, LinkWeighting.Full, null, CubeDiagnostics.Empty);

    /// <summary>A row of focus CN with I_X = P_X = 100 (so PartnerShare = C/100) and the given partner output.</summary>
    private static PartnerRow Row(int year, string partner, double copublications, double partnerPublications = 50) =>
        new(year.ToString(System.Globalization.CultureInfo.InvariantCulture), year, year, null, "CN", partner, 0,
            new CollaborationCounts(copublications, 100, partnerPublications, 100, partnerPublications, 100, partnerPublications, 500, 1000, 400, 0));

    private static PartnerTable Table(CollaborationIndex index, params PartnerRow[] rows) =>
        PartnerTable.Create(rows, [.. rows.Select(r => r.Year).Distinct()], Context with { RankedBy = index }, "CN");

    [Fact]
    public void Create_EqualIndexValues_TiesBrokenByCopublicationsThenCode()
    {
        // Salton = C / sqrt(P_X P_Y): 2/sqrt(100*4) = 4/sqrt(100*16) = 0.1 for the three partners.
        var table = Table(
            CollaborationIndex.Salton,
            Row(2020, "ZZ", 2, 4),
            Row(2020, "BB", 4, 16),
            Row(2020, "AA", 4, 16));

        table.Select(r => r.Salton).Should().AllSatisfy(v => v.Should().Be(0.1));
        table.Select(r => (r.Partner, r.Rank)).Should().Equal(("AA", 1), ("BB", 2), ("ZZ", 3));
    }

    [Fact]
    public void Create_UndefinedValues_RankedLast()
    {
        // JP has no publications: Salton is NaN, ranked after every defined value even a zero.
        var table = Table(
            CollaborationIndex.Salton,
            Row(2020, "JP", 0, 0),
            Row(2020, "US", 0, 10),
            Row(2020, "PK", 5, 10));

        table.Select(r => r.Partner).Should().Equal("PK", "US", "JP");
        table[2].Salton.Should().Be(double.NaN);
    }

    [Fact]
    public void Create_InputOrderShuffled_SameRanking()
    {
        var rows = new[] { Row(2020, "US", 30), Row(2020, "PK", 30), Row(2020, "JP", 10), Row(2020, "KR", 45) };

        var a = Table(CollaborationIndex.PartnerShare, rows);
        var b = Table(CollaborationIndex.PartnerShare, [.. rows.Reverse()]);

        a.Select(r => (r.Partner, r.Rank)).Should().Equal(("KR", 1), ("PK", 2), ("US", 3), ("JP", 4));
        b.Should().Equal(a);
    }

    [Fact]
    public void Top_Two_KeepsRanksOneAndTwoOfEachSlice()
    {
        var table = Table(
            CollaborationIndex.PartnerShare,
            Row(2019, "US", 30), Row(2019, "PK", 10), Row(2019, "JP", 20),
            Row(2020, "US", 5), Row(2020, "PK", 40), Row(2020, "JP", 20));

        var top = table.Top(2);

        top.Select(r => (r.Year, r.Partner)).Should().Equal(("2019", "US"), ("2019", "JP"), ("2020", "PK"), ("2020", "JP"));
        top.Slices.Should().Equal("2019", "2020");
    }

    [Fact]
    public void FirstCrossover_PakistanOvertakesJapanIn2019_Found()
    {
        var table = Table(
            CollaborationIndex.PartnerShare,
            Row(2017, "PK", 10), Row(2017, "JP", 20),
            Row(2018, "PK", 12), Row(2018, "JP", 20),
            Row(2019, "PK", 30), Row(2019, "JP", 25),
            Row(2020, "PK", 30), Row(2020, "JP", 40));

        var crossover = table.FirstCrossover("PK", "JP");

        crossover.Should().NotBeNull();
        crossover!.Year.Should().Be("2019");
        crossover.PreviousYear.Should().Be("2018");
        crossover.Overtaker.Should().Be("PK");
        crossover.OvertakerRank.Should().Be(1);
        crossover.OvertakenRank.Should().Be(2);
        crossover.OvertakerValue.Should().BeApproximately(0.30, 1e-12);
        table.FirstCrossover("JP", "PK")!.Year.Should().Be("2020");
        table.Crossovers("PK", "JP").Select(c => (c.Year, c.Overtaker)).Should().Equal(("2019", "PK"), ("2020", "JP"));
        table.Crossovers().Select(c => (c.Year, c.Overtaker, c.Overtaken)).Should().Equal(("2019", "PK", "JP"), ("2020", "JP", "PK"));
    }

    [Fact]
    public void FirstCrossover_AlwaysAbove_Null()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "PK", 30), Row(2019, "JP", 25), Row(2020, "PK", 30), Row(2020, "JP", 20));

        table.FirstCrossover("PK", "JP").Should().BeNull();
        table.FirstCrossover("JP", "PK").Should().BeNull();
    }

    [Fact]
    public void RankChanges_PartnerMovesUp_ChangePositive()
    {
        var table = Table(
            CollaborationIndex.PartnerShare,
            Row(2019, "US", 30), Row(2019, "PK", 10), Row(2019, "JP", 20),
            Row(2020, "US", 5), Row(2020, "PK", 40), Row(2020, "JP", 20), Row(2020, "KR", 1));

        var changes = table.RankChanges();

        changes.Should().ContainSingle(c => c.Partner == "PK").Which.Change.Should().Be(2);
        changes.Should().ContainSingle(c => c.Partner == "US").Which.Change.Should().Be(-2);
        changes.Should().ContainSingle(c => c.Partner == "KR").Which.PreviousRank.Should().BeNull();
    }

    [Fact]
    public void Series_PeakAndChange_FromTheRows()
    {
        var table = Table(
            CollaborationIndex.PartnerShare,
            Row(2017, "US", 20), Row(2018, "US", 35), Row(2019, "US", 40), Row(2020, "US", 40), Row(2021, "US", 30));

        var copublications = table.Copublications("US");
        var share = table.Series("US", CollaborationIndex.PartnerShare);

        copublications.Select(p => p.Value).Should().Equal(20, 35, 40, 40, 30);
        copublications.Peak()!.Value.Year.Should().Be("2019");   // earliest of the equal maxima
        var change = copublications.Change(2021, 4)!;
        change.EarlierYear.Should().Be("2017");
        change.Difference.Should().Be(10);
        change.Ratio.Should().Be(1.5);
        copublications.Changes(1).Should().HaveCount(4);
        share.ValueAt("2018").Should().BeApproximately(0.35, 1e-12);
        share.Measure.Should().Be("partner_share");
    }

    [Fact]
    public void Series_PartnerMissingInASlice_NaNForIndexZeroForCopublications()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "US", 20), Row(2019, "PK", 5), Row(2020, "PK", 6));

        table.Series("US", CollaborationIndex.PartnerShare).ValueAt("2020").Should().Be(double.NaN);
        table.Copublications("US").ValueAt("2020").Should().Be(0);
        table.Series("US", CollaborationIndex.PartnerShare).Peak()!.Value.Year.Should().Be("2019");
    }

    [Fact]
    public void Change_Windows_ComparesTheWindowShiftedBack()
    {
        static PartnerRow Window(int from, int to, double c) =>
            new($"{from}-{to}", from, to, null, "CN", "US", 0, new CollaborationCounts(c, 100, 50, 100, 50, 100, 50, 500, 1000, 400, 0));
        var table = PartnerTable.Create([Window(2010, 2014, 8), Window(2015, 2019, 12)], ["2010-2014", "2015-2019"], Context, "CN");

        var change = table.Copublications("US").Change(2019, 5)!;

        change.Year.Should().Be("2015-2019");
        change.EarlierYear.Should().Be("2010-2014");
        change.Ratio.Should().Be(1.5);
    }

    [Fact]
    public void ToCsv_Header_IsTheCommandLineColumns()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2020, "US", 30));

        var header = table.ToCsv().Split('\n')[0];

        header.Should().Be(
            "year,focus,partner,rank,copublications,focus_publications,focus_international_publications,partner_publications,"
            + "partner_share,output_share,link_share,salton,jaccard,dice,inclusion,equivalence,association_strength,"
            + "configuration_association,ric,luukkonen_ri,nsf_ici,nature_index_cs");
    }

    [Fact]
    public void ToCsv_UndefinedValues_EmptyFieldsInvariantNumbers()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2020, "JP", 0, 0), Row(2020, "US", 25));

        var lines = table.ToCsv().Split('\n');
        var us = lines[1].Split(',');
        var jp = lines[2].Split(',');

        us[..8].Should().Equal("2020", "CN", "US", "1", "25", "100", "100", "50");
        us[8].Should().Be("0.25");
        jp[11].Should().BeEmpty();   // Salton undefined without partner publications
        jp[8].Should().Be("0");      // PartnerShare 0/100 is a true zero
    }

    [Fact]
    public void ToJson_UndefinedValues_NullAndContext()
    {
        var table = Table(CollaborationIndex.Salton, Row(2020, "JP", 0, 0), Row(2020, "US", 25));

        using var doc = JsonDocument.Parse(table.ToJson());
        var root = doc.RootElement;

        root.GetProperty("context").GetProperty("ranked_by").GetString().Should().Be("salton");
        root.GetProperty("context").GetProperty("territory").GetString().Should().Be("iso");
        var rows = root.GetProperty("rows");
        rows.GetArrayLength().Should().Be(2);
        rows[0].GetProperty("partner").GetString().Should().Be("US");
        rows[0].GetProperty("rank").GetInt32().Should().Be(1);
        rows[0].GetProperty("partner_share").GetDouble().Should().Be(0.25);
        rows[1].GetProperty("salton").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task ToCsvAsyncAndToJsonAsync_SameAsSynchronous()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "US", 30), Row(2020, "US", 12.5));
        using var text = new StringWriter();
        using var stream = new MemoryStream();

        await table.ToCsvAsync(text);
        await table.ToJsonAsync(stream);

        text.ToString().Should().Be(table.ToCsv());
        System.Text.Encoding.UTF8.GetString(stream.ToArray()).Should().Be(table.ToJson());
    }

    [Fact]
    public void Rank_OtherIndex_ReranksRows()
    {
        // US: more co-publications, but a much larger partner: lower Salton.
        var table = Table(CollaborationIndex.PartnerShare, Row(2020, "US", 30, 900), Row(2020, "PK", 20, 40));

        var bySalton = table.Rank(CollaborationIndex.Salton);

        table.Select(r => r.Partner).Should().Equal("US", "PK");
        bySalton.Select(r => r.Partner).Should().Equal("PK", "US");
        bySalton.RankedBy.Should().Be(CollaborationIndex.Salton);
    }
}
