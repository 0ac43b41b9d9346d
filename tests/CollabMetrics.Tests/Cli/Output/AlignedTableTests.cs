using CollabMetrics.Cli.Output;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Output;

public class AlignedTableTests
{
    [Fact]
    public void Render_Table_AlignsColumnsRightForNumbersLeftForText()
    {
        var writer = new StringWriter();
        var table = new ListTable(
            [ListTable.Text("partner"), ListTable.Number("copublications"), ListTable.Number("partner_share")],
            ["US", 4.0, 0.5714285714285714],
            ["PAK", 12.0, double.NaN]);

        AlignedTable.Render(table, writer);

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal(
            "partner  copublications  partner_share",
            "--------------------------------------",
            "US                    4         0.5714",
            "PAK                  12            n/a");
    }

    [Fact]
    public void Render_ColumnWithFractions_EveryNumberWithFourDecimals()
    {
        var writer = new StringWriter();

        AlignedTable.Render(new ListTable([ListTable.Integer("n"), ListTable.Number("index")], [3L, 1.0], [12L, 0.25]), writer);

        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Skip(2).Should().Equal(
            " 3  1.0000",
            "12  0.2500");
    }

    [Fact]
    public void Render_WholeNumbersWithSigns_KeptAsWritten()
    {
        var writer = new StringWriter();

        AlignedTable.Render([["partner", "change"], ["RU", "+1"], ["GB", "-1"], ["PK", "0"]], writer);

        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Skip(2).Should().Equal(
            "RU           +1",
            "GB           -1",
            "PK            0");
    }

    [Fact]
    public void Render_TextWithComma_KeptWhole()
    {
        var writer = new StringWriter();

        AlignedTable.Render(new ListTable([ListTable.Text("name"), ListTable.Integer("n")], ["Korea, Republic of", 3L]), writer);

        writer.ToString().Should().Contain("Korea, Republic of  3");
    }

    [Fact]
    public void Render_NoRows_PrintsHeaderAndRule()
    {
        var writer = new StringWriter();

        AlignedTable.Render(new ListTable([ListTable.Text("year"), ListTable.Text("country")]), writer);

        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Should().Equal("year  country", "-------------");
    }

    [Fact]
    public void Render_YearTextAndMissingText_YearsRightAlignedMissingAsNa()
    {
        var writer = new StringWriter();

        AlignedTable.Render(new ListTable([ListTable.Text("year"), ListTable.Text("technology")], ["2019", "AI"], ["2020", null]), writer);

        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Skip(2).Should().Equal(
            "2019  AI",
            "2020  n/a");
    }
}
