namespace CollabMetrics.Interactive.Tests;

public class ResultHtmlTests
{
    private static readonly string[] s_partnerColumns = ["year", "focus", "partner", "rank", "copublications", "partner_share"];

    // Two partners of CN over three years; JP has no co-publication in 2021 (partner_share undefined there).
    private const string TimeSeriesJson = """
        {"context": {"level": "country", "territory": "iso3166", "link_weighting": "full", "ranked_by": "partner_share",
                     "groups": [], "diagnostics": {"publications": 12, "publications_without_unit": 1}},
         "rows": [
           {"year": "2019", "focus": "CN", "partner": "US", "rank": 1, "copublications": 3, "partner_share": 0.5},
           {"year": "2019", "focus": "CN", "partner": "JP", "rank": 2, "copublications": 1, "partner_share": 0.25},
           {"year": "2020", "focus": "CN", "partner": "US", "rank": 1, "copublications": 4, "partner_share": 0.8},
           {"year": "2020", "focus": "CN", "partner": "JP", "rank": 2, "copublications": 1, "partner_share": 0.2},
           {"year": "2021", "focus": "CN", "partner": "US", "rank": 1, "copublications": 2, "partner_share": 1},
           {"year": "2021", "focus": "CN", "partner": "JP", "rank": 2, "copublications": 0, "partner_share": null}
         ]}
        """;

    private const string RankingJson = """
        {"context": {"level": "country", "ranked_by": "copublications"},
         "rows": [
           {"year": "2015-2019", "focus": "CN", "partner": "US", "rank": 1, "copublications": 30, "partner_share": 0.5},
           {"year": "2015-2019", "focus": "CN", "partner": "GB", "rank": 2, "copublications": 12, "partner_share": 0.2},
           {"year": "2015-2019", "focus": "CN", "partner": "A&B", "rank": 3, "copublications": 6, "partner_share": 0.1}
         ]}
        """;

    [Fact]
    public void Render_TimeSeries_TableHasEveryColumnAndValue()
    {
        var data = TabularData.FromJson(TimeSeriesJson, s_partnerColumns);

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
        var data = TabularData.FromJson(TimeSeriesJson, s_partnerColumns);

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
        var data = TabularData.FromJson(RankingJson, s_partnerColumns);

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
        var data = TabularData.FromJson(
            """{"context": {}, "rows": [{"year": "2019", "focus": "CN", "partner": "US", "salton": 0.1}, {"year": "2020", "focus": "CN", "partner": "US", "salton": 0.3}]}""",
            ["year", "focus", "partner", "salton"]);

        string? chart = ResultHtml.Chart(data);

        chart.Should().Contain("salton by year");
        CountOf(chart!, "class=\"series\"").Should().Be(1);
        CountOf(chart!, "<title>US 20").Should().Be(2);
    }

    [Fact]
    public void Chart_NoUnitColumn_NoChart()
    {
        var data = TabularData.FromJson("""{"context": {}, "rows": [{"year": "2019", "publications": 3}]}""", ["year", "publications"]);

        ResultHtml.Chart(data).Should().BeNull();
    }

    [Fact]
    public void Render_MoreRowsThanShown_SaysHowManyAreLeft()
    {
        var rows = string.Join(",", Enumerable.Range(0, ResultHtml.MaxRows + 5).Select(i => $$"""{"unit": "U{{i}}", "publications": {{i}}}"""));
        var data = TabularData.FromJson($$"""{"context": {}, "rows": [{{rows}}]}""", ["unit", "publications"]);

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
