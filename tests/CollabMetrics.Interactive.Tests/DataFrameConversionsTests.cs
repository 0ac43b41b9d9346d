using CollabMetrics.Metrics;
using Microsoft.Data.Analysis;

namespace CollabMetrics.Interactive.Tests;

public class DataFrameConversionsTests
{
    private static PartnerTable PartnersOfChinaByYear() =>
        SmallCorpus.Build().Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.PartnerShare);

    [Fact]
    public void ToDataFrame_PartnerTable_SameColumnsAndOneRowPerTableRow()
    {
        var table = PartnersOfChinaByYear();

        var frame = table.ToDataFrame();

        frame.Columns.Select(c => c.Name).Should().Equal(table.Columns.Select(c => c.Name));
        frame.Rows.Count.Should().Be(table.Count);
        // Hand count (SmallCorpus): partners US and JP, each listed in both years (US with no co-publication in 2021).
        frame.Rows.Count.Should().Be(4);
    }

    [Fact]
    public void ToDataFrame_PartnerTable_ValuesAsComputedByHand()
    {
        var frame = PartnersOfChinaByYear().ToDataFrame();

        var rows = Enumerable.Range(0, (int)frame.Rows.Count)
            .Select(r => (Year: (string)frame["year"][r], Partner: (string)frame["partner"][r], Share: (double?)frame["partner_share"][r], Rank: frame["rank"][r]))
            .ToList();
        rows.Should().ContainEquivalentOf((Year: "2020", Partner: "US", Share: (double?)1.0, Rank: (object)1));
        rows.Should().ContainEquivalentOf((Year: "2020", Partner: "JP", Share: (double?)0.5, Rank: (object)2));
        rows.Should().ContainEquivalentOf((Year: "2021", Partner: "JP", Share: (double?)1.0, Rank: (object)1));
        rows.Should().ContainEquivalentOf((Year: "2021", Partner: "US", Share: (double?)0.0, Rank: (object?)null), "a partner without co-publications in a slice has no rank");
    }

    [Fact]
    public void ToDataFrame_ColumnTypes_TextIntegerAndNumber()
    {
        var frame = PartnersOfChinaByYear().ToDataFrame();

        frame["partner"].Should().BeOfType<StringDataFrameColumn>();
        frame["rank"].Should().BeOfType<Int32DataFrameColumn>();
        frame["partner_share"].Should().BeOfType<DoubleDataFrameColumn>();
    }

    [Fact]
    public void ToDataFrame_UndefinedIndex_IsAMissingValue()
    {
        var frame = PartnersOfChinaByYear().ToDataFrame();

        int japan2021 = RowOf(frame, "2021", "JP");
        int us2021 = RowOf(frame, "2021", "US");
        // RIC of CN-JP in 2021 is 0/0 in its denominator; Salton of CN-US in 2021 is 0 / sqrt(1 * 0) (SmallCorpus):
        // undefined, so missing values, never 0. Partner shares are all defined (I_CN > 0 in both years).
        frame["ric"][japan2021].Should().BeNull();
        frame["salton"][us2021].Should().BeNull();
        frame["salton"][japan2021].Should().Be(1.0);
        frame["partner_share"].NullCount.Should().Be(0);
    }

    private static int RowOf(DataFrame frame, string year, string partner) =>
        Enumerable.Range(0, (int)frame.Rows.Count).Single(r => (string)frame["year"][r] == year && (string)frame["partner"][r] == partner);

    [Fact]
    public void ToDataFrame_AnyTabularResult_TypedByColumnKind()
    {
        var table = new ListTable(
            [new TableColumn("name", ColumnKind.Text), new TableColumn("big", ColumnKind.Integer), new TableColumn("n", ColumnKind.Integer) { IsNullable = true }],
            ["a", 5_000_000_000L, 1L],
            [null, 1L, null]);

        var frame = table.ToDataFrame();

        frame["name"].Should().BeOfType<StringDataFrameColumn>();
        frame["big"].Should().BeOfType<Int64DataFrameColumn>("a value does not fit 32 bits");
        frame["big"][0].Should().Be(5_000_000_000L);
        frame["n"].Should().BeOfType<Int32DataFrameColumn>();
        frame["n"][1].Should().BeNull();
        frame["name"][1].Should().BeNull();
    }
}
