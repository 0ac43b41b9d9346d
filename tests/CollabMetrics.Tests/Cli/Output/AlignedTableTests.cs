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
