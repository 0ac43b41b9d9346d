using System.Text.Json;
using CollabMetrics.Cli.Output;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics.Tests.Cli.Output;

public class IngestReportWriterTests
{
    private static IngestReport Sample()
    {
        var report = new IngestReport();
        report.AddFile("works.json");
        report.AddRecordRead(3);
        report.AddSkipped(new SourcePosition("works.json", 12, 2), "publication_year", SkipReason.InvalidYear, "'20x4' is not a year.");
        report.AddUnresolved("Somewhere, Atlantis");
        report.AddUnresolved("Somewhere, Atlantis");
        report.AddUnresolved("Lab 7");
        return report;
    }

    [Fact]
    public void WriteText_Report_ListsFilesProblemsAndUnresolvedMostFrequentFirst()
    {
        var writer = new StringWriter();

        IngestReportWriter.WriteText(Sample(), writer);

        var text = writer.ToString();
        text.Should().Contain("Files: 1").And.Contain("  works.json");
        text.Should().Contain("Records read: 3").And.Contain("InvalidYear: 1");
        text.Should().Contain("works.json, line 12, field publication_year: '20x4' is not a year.");
        text.IndexOf("2  Somewhere, Atlantis", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("1  Lab 7", StringComparison.Ordinal)).And.BePositive();
    }

    [Fact]
    public void WriteJson_Report_OneObjectWithSnakeCaseNames()
    {
        var writer = new StringWriter();

        IngestReportWriter.WriteJson(Sample(), writer);

        using var json = JsonDocument.Parse(writer.ToString());
        var root = json.RootElement;
        root.GetProperty("files").EnumerateArray().Select(f => f.GetString()).Should().Equal("works.json");
        root.GetProperty("records_read").GetInt64().Should().Be(3);
        root.GetProperty("skipped").GetInt64().Should().Be(1);
        root.GetProperty("skipped_by_reason").GetProperty("invalid_year").GetInt64().Should().Be(1);
        root.GetProperty("unresolved_affiliations")[0].GetProperty("text").GetString().Should().Be("Somewhere, Atlantis");
        root.GetProperty("unresolved_affiliations")[0].GetProperty("count").GetInt64().Should().Be(2);
        var issue = root.GetProperty("issues")[0];
        issue.GetProperty("line").GetInt64().Should().Be(12);
        issue.GetProperty("field").GetString().Should().Be("publication_year");
        issue.GetProperty("reason").GetString().Should().Be("invalid_year");
        issue.GetProperty("kind").GetString().Should().Be("skipped");
    }
}
