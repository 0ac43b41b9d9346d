using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Metrics;
using CsCheck;

namespace CollabMetrics.Tests.Metrics;

public class PartnerTableTests
{
    private static readonly ResultContext Context = new(AggregationOptions.Default, LinkWeighting.Full, null, CubeDiagnostics.Empty);

    private static Unit U(string code) => Unit.FromCountry(Country.Parse(code));

    /// <summary>A row of focus CN with I_X = P_X = 100 (so PartnerShare = C/100) and the given partner output.</summary>
    private static PartnerRow Row(int year, string partner, double copublications, double partnerPublications = 50) => new()
    {
        Slice = SliceKey.ForYear(year),
        Focus = U("CN"),
        Partner = U(partner),
        Counts = new CollaborationCounts(copublications, 100, partnerPublications, 100, partnerPublications, 100, partnerPublications, 500, 1000, 400, 0),
    };

    private static PartnerTable Table(CollaborationIndex index, params PartnerRow[] rows) =>
        PartnerTable.Create(rows, [.. rows.Select(r => r.Slice).Distinct()], Context with { RankedBy = index }, U("CN"));

    [Fact]
    public void Create_EqualIndexValues_TiesBrokenByCopublicationsThenCode()
    {
        // Salton = C / sqrt(P_X P_Y): 2/sqrt(100*4) = 4/sqrt(100*16) = 0.1 for the three partners.
        var table = Table(
            CollaborationIndex.Salton,
            Row(2020, "ZA", 2, 4),
            Row(2020, "BR", 4, 16),
            Row(2020, "AR", 4, 16));

        table.Select(r => r.Salton).Should().AllSatisfy(v => v.Should().Be(0.1));
        table.Select(r => (r.Partner.Code, r.Rank)).Should().Equal(("AR", 1), ("BR", 2), ("ZA", 3));
    }

    [Fact]
    public void Create_PartnersWithoutCopublications_UnrankedAfterTheRankedByCode()
    {
        // JP has no publications (Salton is NaN), US no co-publications (Salton 0): neither is ranked.
        var table = Table(
            CollaborationIndex.Salton,
            Row(2020, "JP", 0, 0),
            Row(2020, "US", 0, 10),
            Row(2020, "PK", 5, 10));

        table.Select(r => (r.Partner.Code, r.Rank)).Should().Equal(("PK", 1), ("JP", (int?)null), ("US", (int?)null));
        table[1].Salton.Should().Be(double.NaN);
    }

    [Fact]
    public void Create_InputOrderShuffled_SameRanking()
    {
        var rows = new[] { Row(2020, "US", 30), Row(2020, "PK", 30), Row(2020, "JP", 10), Row(2020, "KR", 45) };

        var a = Table(CollaborationIndex.PartnerShare, rows);
        var b = Table(CollaborationIndex.PartnerShare, [.. rows.Reverse()]);

        a.Select(r => (r.Partner.Code, r.Rank)).Should().Equal(("KR", 1), ("PK", 2), ("US", 3), ("JP", 4));
        b.Should().Equal(a);
    }

    [Fact]
    public void Rows_CarryTypedSliceAndUnits_LabelsDerived()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2020, "US", 30));

        var row = table[0];
        row.Slice.Should().Be(SliceKey.ForYear(2020));
        row.Focus.Should().Be((Unit)Country.China);
        row.Partner.Country.Should().Be(Country.UnitedStates);
        row.Year.Should().Be("2020");
        table.Slices.Should().Equal(SliceKey.ForYear(2020));
        table.Partners.Should().Equal(U("US"));
    }

    [Fact]
    public void Top_Two_KeepsRanksOneAndTwoOfEachSlice()
    {
        var table = Table(
            CollaborationIndex.PartnerShare,
            Row(2019, "US", 30), Row(2019, "PK", 10), Row(2019, "JP", 20),
            Row(2020, "US", 5), Row(2020, "PK", 40), Row(2020, "JP", 20));

        var top = table.Top(2);

        top.Select(r => (r.Year, r.Partner.Code)).Should().Equal(("2019", "US"), ("2019", "JP"), ("2020", "PK"), ("2020", "JP"));
        top.Slices.Should().Equal(SliceKey.ForYear(2019), SliceKey.ForYear(2020));
    }

    [Theory]
    [InlineData(CollaborationIndex.PartnerShare)]
    [InlineData(CollaborationIndex.Salton)]
    [InlineData(CollaborationIndex.Ric)]
    public void Top_SliceWithPartnersWithoutCopublications_RanksOnlyThoseWithCopublications(CollaborationIndex index)
    {
        var table = Table(
            index,
            Row(2019, "US", 30), Row(2019, "PK", 10), Row(2019, "JP", 20),
            Row(2020, "US", 0), Row(2020, "PK", 40), Row(2020, "JP", 0));

        var top = table.Top(3);

        top.Select(r => (r.Year, r.Partner.Code, r.Rank)).Should().Equal(("2019", "US", 1), ("2019", "JP", 2), ("2019", "PK", 3), ("2020", "PK", 1));
        table.Top(0).Where(r => r.Year == "2020").Select(r => (r.Partner.Code, r.Rank)).Should().Equal(("PK", 1), ("JP", (int?)null), ("US", (int?)null));
        table.Series("US", CollaborationIndex.PartnerShare).Select(p => p.Value).Should().Equal(0.3, 0.0);
        table.RankChanges().Select(c => c.Partner.Code).Should().Equal("PK");
        table.FirstCrossover("PK", "US").Should().NotBeNull("PK overtakes US, which has no co-publications in 2020");
        table.FirstCrossover("PK", "US")!.OvertakenRank.Should().BeNull();
    }

    [Fact]
    public void Top_Zero_KeepsEveryRowAsTheCommandLineDoes()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "US", 30), Row(2019, "PK", 10), Row(2019, "JP", 20));

        table.Top(0).Should().Equal(table);
        table.Top(0).Should().HaveCount(3);
        FluentActions.Invoking(() => table.Top(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count");
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
        crossover.Slice.Should().Be(SliceKey.ForYear(2019));
        crossover.PreviousSlice.Should().Be(SliceKey.ForYear(2018));
        crossover.Overtaker.Should().Be(U("PK"));
        crossover.OvertakerRank.Should().Be(1);
        crossover.OvertakenRank.Should().Be(2);
        crossover.OvertakerValue.Should().BeApproximately(0.30, 1e-12);
        table.FirstCrossover("JP", "PK")!.Year.Should().Be("2020");
        table.Crossovers("PK", "JP").Select(c => (c.Year, c.Overtaker.Code)).Should().Equal(("2019", "PK"), ("2020", "JP"));
        table.Crossovers().Select(c => (c.Year, c.Overtaker.Code, c.Overtaken.Code)).Should().Equal(("2019", "PK", "JP"), ("2020", "JP", "PK"));
    }

    [Theory]
    [InlineData("Pakistan", "Japan")]
    [InlineData("PAK", "JPN")]
    [InlineData("pk", "jp")]
    [InlineData(" Pakistan ", "JP")]
    public void FirstCrossover_NamesCodesAndAlpha3_SameAnswerAsCodes(string overtaker, string overtaken)
    {
        var table = Table(
            CollaborationIndex.PartnerShare,
            Row(2017, "PK", 10), Row(2017, "JP", 20),
            Row(2018, "PK", 30), Row(2018, "JP", 20));

        table.FirstCrossover(overtaker, overtaken).Should().Be(table.FirstCrossover("PK", "JP"));
        table.FirstCrossover(overtaker, overtaken)!.Year.Should().Be("2018");
        table.FirstCrossover(U("PK"), U("JP")).Should().Be(table.FirstCrossover("PK", "JP"));
    }

    [Fact]
    public void FirstCrossover_AlwaysAbove_Null()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "PK", 30), Row(2019, "JP", 25), Row(2020, "PK", 30), Row(2020, "JP", 20));

        table.FirstCrossover("PK", "JP").Should().BeNull();
        table.FirstCrossover("JP", "PK").Should().BeNull();
    }

    [Fact]
    public void FirstCrossover_UnknownName_ThrowsNamingTheParameterAndTheClosestNames()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "PK", 30), Row(2019, "JP", 25));

        FluentActions.Invoking(() => table.FirstCrossover("Pakistan", "Japn"))
            .Should().Throw<ArgumentException>().WithParameterName("overtaken").WithMessage("*'Japn'*Japan (JP)*");
        FluentActions.Invoking(() => table.FirstCrossover("Korea", "JP"))
            .Should().Throw<ArgumentException>().WithParameterName("overtaker").WithMessage("*ambiguous*KR (South Korea)*KP (North Korea)*");
    }

    [Fact]
    public void FirstCrossover_KnownUnitNotAPartner_ThrowsInsteadOfNever()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "PK", 30), Row(2019, "JP", 25));

        // DE is a real country, but not a partner in this table: "null" would read as "never overtook".
        FluentActions.Invoking(() => table.FirstCrossover("Germany", "JP"))
            .Should().Throw<ArgumentException>().WithParameterName("overtaker").WithMessage("*'DE' (Germany) is not a partner in this table*PK, JP*");
    }

    [Fact]
    public void Find_NameOrCode_SameRow()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "US", 30), Row(2020, "US", 12), Row(2020, "GB", 5));

        table.Find(2020, "United States").Should().BeSameAs(table.Find(2020, "US"));
        table.Find(2020, "USA")!.Copublications.Should().Be(12);
        table.Find(2020, "UK")!.Partner.Should().Be(U("GB"));
        table.Find(SliceKey.ForYear(2019), U("US"))!.Copublications.Should().Be(30);
        table.Find(2019, "GB").Should().BeNull("GB is a partner of the table without a row in 2019");
    }

    [Fact]
    public void Find_YearNotInTable_ThrowsNamingTheYear()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "US", 30), Row(2020, "US", 12));

        FluentActions.Invoking(() => table.Find(2030, "US"))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("year").WithMessage("*2030 is not a slice of this table*2019*2020*");
        FluentActions.Invoking(() => table.Find(2020, "Atlantis"))
            .Should().Throw<ArgumentException>().WithParameterName("partner");
    }

    [Fact]
    public void ForPartners_CountryName_SameAsCode()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "US", 30), Row(2019, "JP", 10), Row(2019, "PK", 20));

        table.ForPartners("Japan").Should().Equal(table.ForPartners("JP"));
        table.ForPartners("Japan").Should().ContainSingle().Which.Partner.Should().Be(U("JP"));
        table.ForPartners(U("JP"), U("PK")).Select(r => r.Rank).Should().Equal(2, 3);
        FluentActions.Invoking(() => table.ForPartners("France")).Should().Throw<ArgumentException>().WithParameterName("partners");
    }

    [Fact]
    public void RankChanges_PartnerMovesUp_ChangePositive()
    {
        var table = Table(
            CollaborationIndex.PartnerShare,
            Row(2019, "US", 30), Row(2019, "PK", 10), Row(2019, "JP", 20),
            Row(2020, "US", 5), Row(2020, "PK", 40), Row(2020, "JP", 20), Row(2020, "KR", 1));

        var changes = table.RankChanges();

        changes.Should().ContainSingle(c => c.Partner == U("PK")).Which.Change.Should().Be(2);
        changes.Should().ContainSingle(c => c.Partner == U("US")).Which.Change.Should().Be(-2);
        changes.Should().ContainSingle(c => c.Partner == U("KR")).Which.PreviousRank.Should().BeNull();
        changes.Should().AllSatisfy(c => c.PreviousSlice.Should().Be(SliceKey.ForYear(2019)));
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
        copublications.Peak()!.Year.Should().Be("2019");   // earliest of the equal maxima
        var change = copublications.Change(2021, 4);
        change.EarlierSlice.Should().Be(SliceKey.ForYear(2017));
        change.Difference.Should().Be(10);
        change.Ratio.Should().Be(1.5);
        copublications.Changes(1).Should().HaveCount(4);
        share.ValueAt(2018).Should().BeApproximately(0.35, 1e-12);
        share.ValueAt(SliceKey.ForYear(2018)).Should().Be(share.ValueAt(2018));
        share.Measure.Should().Be("partner_share");
        share.Partner.Should().Be(U("US"));
        share.Focus.Should().Be(U("CN"));
    }

    [Fact]
    public void Series_PartnerMissingInASlice_NaNForIndexZeroForCopublications()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "US", 20), Row(2019, "PK", 5), Row(2020, "PK", 6));

        table.Series("US", CollaborationIndex.PartnerShare).ValueAt(2020).Should().Be(double.NaN);
        table.Copublications("US").ValueAt(2020).Should().Be(0);
        table.Series("US", CollaborationIndex.PartnerShare).Peak()!.Year.Should().Be("2019");
    }

    [Fact]
    public void Series_UnknownOrAbsentPartner_ThrowsInsteadOfNaNPoints()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "US", 20), Row(2020, "PK", 6));

        FluentActions.Invoking(() => table.Series("XX", CollaborationIndex.PartnerShare))
            .Should().Throw<ArgumentException>().WithParameterName("partner").WithMessage("*'XX'*");
        FluentActions.Invoking(() => table.Series("Japan", CollaborationIndex.PartnerShare))
            .Should().Throw<ArgumentException>().WithParameterName("partner").WithMessage("*'JP' (Japan) is not a partner*");
        FluentActions.Invoking(() => table.Copublications(U("JP"))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ValueAt_And_Change_YearsOutsideTheSeries_Throw()
    {
        var table = Table(CollaborationIndex.PartnerShare, Row(2019, "US", 20), Row(2020, "US", 30));
        var series = table.Copublications("US");

        FluentActions.Invoking(() => series.ValueAt(2030)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("year");
        FluentActions.Invoking(() => series.Change(2030, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("year");
        FluentActions.Invoking(() => series.Change(2020, 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("years");
        series.Change(2020, 1).Difference.Should().Be(10);
    }

    [Fact]
    public void Change_Windows_ComparesTheWindowShiftedBack()
    {
        static PartnerRow Window(int from, int to, double c) => new()
        {
            Slice = SliceKey.ForWindow(from, to),
            Focus = U("CN"),
            Partner = U("US"),
            Counts = new CollaborationCounts(c, 100, 50, 100, 50, 100, 50, 500, 1000, 400, 0),
        };
        var table = PartnerTable.Create([Window(2010, 2014, 8), Window(2015, 2019, 12)], [SliceKey.ForWindow(2010, 2014), SliceKey.ForWindow(2015, 2019)], Context, U("CN"));

        var change = table.Copublications("US").Change(2019, 5);

        change.Slice.YearsLabel.Should().Be("2015-2019");
        change.EarlierSlice.YearsLabel.Should().Be("2010-2014");
        change.Ratio.Should().Be(1.5);
        table.Copublications("US").ValueAt(2014).Should().Be(8, "a year of a table of windows is the window ending in it");
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
        table.Columns.Select(c => c.Name).Should().Equal(header.Split(','));
        table.Columns[3].Kind.Should().Be(ColumnKind.Integer);
        table.Columns[8].Should().Be(new TableColumn("partner_share", ColumnKind.Number) { IsNullable = true });
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
        using var jsonText = new StringWriter();

        await table.ToCsvAsync(text);
        await table.ToJsonAsync(stream);
        await table.ToJsonAsync(jsonText);

        text.ToString().Should().Be(table.ToCsv());
        System.Text.Encoding.UTF8.GetString(stream.ToArray()).Should().Be(table.ToJson());
        jsonText.ToString().Should().Be(table.ToJson());
    }

    [Fact]
    public void Rank_OtherIndex_ReranksRows()
    {
        // US: more co-publications, but a much larger partner: lower Salton.
        var table = Table(CollaborationIndex.PartnerShare, Row(2020, "US", 30, 900), Row(2020, "PK", 20, 40));

        var bySalton = table.Rank(CollaborationIndex.Salton);

        table.Select(r => r.Partner.Code).Should().Equal("US", "PK");
        bySalton.Select(r => r.Partner.Code).Should().Equal("PK", "US");
        bySalton.RankedBy.Should().Be(CollaborationIndex.Salton);
    }

    [Fact]
    public void Crossovers_RandomTables_EveryOvertakingOfConsecutiveSlices()
    {
        string[] partners = ["AR", "BE", "CA", "DE", "EG"];
        Gen.Int[0, 6].Array[partners.Length].Array[2, 5].Sample(years =>
        {
            var rows = years.SelectMany((values, y) => values.Select((c, p) => Row(2000 + y, partners[p], c))).ToArray();
            var table = Table(CollaborationIndex.PartnerShare, rows);

            var expected = new List<(int, string, string)>();
            for (int y = 1; y < years.Length; y++)
            {
                int now = 2000 + y, before = 1999 + y;
                foreach (var a in partners)
                {
                    foreach (var b in partners)
                    {
                        // A partner without co-publications (no rank) ranks after every ranked one.
                        if ((table.Find(now, a)!.Rank ?? int.MaxValue) < (table.Find(now, b)!.Rank ?? int.MaxValue)
                            && (table.Find(before, a)!.Rank ?? int.MaxValue) > (table.Find(before, b)!.Rank ?? int.MaxValue))
                        {
                            expected.Add((now, a, b));
                        }
                    }
                }
            }

            table.Crossovers().Select(c => (c.Slice.ToYear!.Value, c.Overtaker.Code, c.Overtaken.Code)).Should().BeEquivalentTo(expected);
        }, iter: 100);
    }
}
