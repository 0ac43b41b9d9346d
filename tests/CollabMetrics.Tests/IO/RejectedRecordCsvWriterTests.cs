using CollabMetrics.IO;
using CollabMetrics.Model;
using CollabMetrics.Tests.Cli;

namespace CollabMetrics.Tests.IO;

public class RejectedRecordCsvWriterTests
{
    [Fact]
    public void Add_FieldsWithCommasQuotesAndLineBreaks_QuotedAndReadBack()
    {
        var text = new StringWriter();
        using (var writer = new RejectedRecordCsvWriter(text))
        {
            writer.Add(new RejectedRecord(new SourcePosition("a,b.csv", 3, 2), IngestIssueKind.Skipped, SkipReason.TooLarge, "Year", "say \"x\", then y", "line 1\nline 2"));
            writer.Add(new RejectedRecord(new SourcePosition("c.csv", 0, 0), IngestIssueKind.Warning, null, "extra", "ignored", null));
            writer.Count.Should().Be(2);
        }

        var csv = CsvText.Parse(text.ToString());
        csv.Header.Should().Equal("file", "line", "record", "kind", "reason", "field", "message", "raw");
        csv.Rows[0].Should().Equal("a,b.csv", "3", "2", "skipped", "too_large", "Year", "say \"x\", then y", "line 1\nline 2");
        csv.Rows[1].Should().Equal("c.csv", string.Empty, string.Empty, "warning", string.Empty, "extra", "ignored", string.Empty);
    }

    [Fact]
    public void Add_LongRawText_CutAtTheLimit()
    {
        var text = new StringWriter();
        using (var writer = new RejectedRecordCsvWriter(text))
        {
            writer.Add(new RejectedRecord(default, IngestIssueKind.Skipped, SkipReason.Malformed, null, "m", new string('x', 10_000)));
        }

        CsvText.Parse(text.ToString()).Rows[0][7].Should().HaveLength(RejectedRecord.MaxRawLength);
    }
}
