namespace CollabMetrics.Interactive.Tests;

public class ResultHtmlTests
{
    private static readonly string[] s_partnerColumns = ["year", "focus", "partner", "rank", "copublications", "partner_share"];

    // Two partners of CN over three years; JP has no co-publication in 2021 (partner_share undefined there).
    private static TabularData TimeSeries() => TabularData.From(new ListTable(
        ListTable.Columns_(3, s_partnerColumns),
        ["2019", "CN", "US", 1L, 3.0, 0.5],
        ["2019", "CN", "JP", 2L, 1.0, 0.25],
        ["2020", "CN", "US", 1L, 4.0, 0.8],
        ["2020", "CN", "JP", 2L, 1.0, 0.2],
        ["2021", "CN", "US", 1L, 2.0, 1.0],
        ["2021", "CN", "JP", 2L, 0.0, double.NaN])
    {
        Metadata =
        [
            new("level", "country"), new("territory", "iso"), new("link_weighting", "full"), new("ranked_by", "partner_share"),
            new("diagnostics.publications", "12"), new("diagnostics.publications_without_unit", "1"),
        ],
    });

    private static TabularData Ranking() => TabularData.From(new ListTable(
        ListTable.Columns_(3, s_partnerColumns),
        ["2015-2019", "CN", "US", 1L, 30.0, 0.5],
        ["2015-2019", "CN", "GB", 2L, 12.0, 0.2],
        ["2015-2019", "CN", "A&B", 3L, 6.0, 0.1])
    {
        Metadata = [new("level", "country"), new("ranked_by", "copublications")],
    });

    [Fact]
    public void Render_TimeSeries_TableHasEveryColumnAndValue()
    {
        var data = TimeSeries();

        string html = ResultHtml.Render("PartnerTable", data);

        foreach (var column in s_partnerColumns)
        {
            html.Should().Contain($"<th>{column}</th>");
        }

        html.Should().Contain("<td>JP</td>").And.Contain(">0.8</td>").And.Contain(">0.25</td>");
        html.Should().Contain("6 rows").And.Contain("ranked_by partner_share").And.Contain("publications 12");
        // The undefined partner share of JP in 2021 is an empty cell, never 0.
        html.Should().Contain("<td>JP</td><td style=\"text-align:right\">2</td><td style=\"text-align:right\">0</td><td></td>");
    }

    [Fact]
    public void Chart_SeveralSingleYears_LineChartWithOneSeriesPerPartner()
    {
        var data = TimeSeries();

        string? chart = ResultHtml.Chart(data);

        chart.Should().NotBeNull();
        chart.Should().StartWith("<svg").And.Contain("partner_share by year");
        CountOf(chart!, "class=\"series\"").Should().Be(2);
        // JP has values in 2019 and 2020 only: its points are the 2 defined values, US has 3.
        CountOf(chart!, "<title>JP 20").Should().Be(2);
        CountOf(chart!, "<title>US 20").Should().Be(3);
    }

    [Fact]
    public void Chart_OneWindowRanked_BarChartOrderedByValue()
    {
        var data = Ranking();

        string? chart = ResultHtml.Chart(data);

        chart.Should().NotBeNull();
        CountOf(chart!, "class=\"bar\"").Should().Be(3);
        chart!.IndexOf(">US<", StringComparison.Ordinal).Should().BeLessThan(chart.IndexOf(">GB<", StringComparison.Ordinal));
        chart.Should().Contain("A&amp;B", "labels are escaped");
        chart.Should().Contain("ranking by copublications, 2015-2019");
    }

    [Fact]
    public void Chart_SingleMeasureSeries_LineOfTheLastColumn()
    {
        var data = TabularData.From(new ListTable(ListTable.Columns_(3, "year", "focus", "partner", "salton"), ["2019", "CN", "US", 0.1], ["2020", "CN", "US", 0.3]));

        string? chart = ResultHtml.Chart(data);

        chart.Should().Contain("salton by year");
        CountOf(chart!, "class=\"series\"").Should().Be(1);
        CountOf(chart!, "<title>US 20").Should().Be(2);
    }

    [Fact]
    public void Chart_NoUnitColumn_NoChart()
    {
        var data = TabularData.From(new ListTable(ListTable.Columns_(1, "year", "publications"), ["2019", 3.0]));

        ResultHtml.Chart(data).Should().BeNull();
    }

    [Fact]
    public void Render_MoreRowsThanShown_SaysHowManyAreLeft()
    {
        var rows = Enumerable.Range(0, ResultHtml.MaxRows + 5).Select(i => new object?[] { $"U{i}", (double)i }).ToArray();
        var data = TabularData.From(new ListTable(ListTable.Columns_(1, "unit", "publications"), rows));

        string html = ResultHtml.Render("UnitTable", data);

        CountOf(html, "<tr>").Should().Be(ResultHtml.MaxRows + 1);
        html.Should().Contain("5 more rows");
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.7, 1.0)]
    [InlineData(3.0, 5.0)]
    [InlineData(17.0, 20.0)]
    [InlineData(21.0, 25.0)]
    [InlineData(100.0, 100.0)]
    public void NiceCeiling_Value_NextRoundNumber(double max, double expected) =>
        SvgChart.NiceCeiling(max).Should().Be(expected);

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
