using CollabMetrics.Cli.Output;

namespace CollabMetrics.Tests.Cli.Output;

public class AlignedTableTests
{
    [Fact]
    public void Render_Csv_AlignsColumnsRightForNumbersLeftForText()
    {
        var writer = new StringWriter();

        AlignedTable.Render("partner,copublications,partner_share\r\nUS,4,0.5714285714285714\r\nPAK,12,\r\n", writer);

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

        AlignedTable.Render("n,index\r\n3,1\r\n12,0.25\r\n", writer);

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
    public void Render_QuotedFieldWithComma_KeptWhole()
    {
        var writer = new StringWriter();

        AlignedTable.Render("name,n\r\n\"Korea, Republic of\",3\r\n", writer);

        writer.ToString().Should().Contain("Korea, Republic of  3");
    }

    [Fact]
    public void Render_HeaderOnly_PrintsHeaderAndRule()
    {
        var writer = new StringWriter();

        AlignedTable.Render("year,country\r\n", writer);

        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Should().Equal("year  country", "-------------");
    }
}
