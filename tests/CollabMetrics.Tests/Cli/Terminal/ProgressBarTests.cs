using CollabMetrics.Cli;
using CollabMetrics.Cli.Terminal;

namespace CollabMetrics.Tests.Cli.Terminal;

public class ProgressBarTests
{
    [Fact]
    public void Format_HalfOfKnownBytes_BarHalfFilledWithRates()
    {
        var line = ProgressBar.Format(records: 20_000, bytes: 50_000_000, totalBytes: 100_000_000, elapsed: TimeSpan.FromSeconds(10), file: "/data/works.json");

        line.Should().Be("[############------------]  50%  20,000 records  2,000 rec/s  5.0 MB/s  works.json");
    }

    [Fact]
    public void Format_UnknownTotal_NoBar()
    {
        var line = ProgressBar.Format(records: 10, bytes: 0, totalBytes: 0, elapsed: TimeSpan.FromSeconds(1), file: null);

        line.Should().Be("10 records  10 rec/s  0.0 MB/s");
    }

    [Fact]
    public void Report_SeveralFiles_SumsTheirRecords()
    {
        var writer = new StringWriter();
        using (var bar = new ProgressBar(writer, totalBytes: 300))
        {
            bar.Report(Read("a.json", 10, 100, 100));
            bar.Report(Read("b.json", 5, 50, 200));
            bar.Report(Read("a.json", 12, 100, 100));

            bar.Records.Should().Be(17);
        }

        writer.ToString().Should().Contain("17 records").And.EndWith(Environment.NewLine);
    }

    [Fact]
    public void Format_WhileAggregating_ReadLineEndsWithThePublicationsAggregated()
    {
        var line = ProgressBar.Format(records: 20_000, bytes: 50_000_000, totalBytes: 100_000_000, elapsed: TimeSpan.FromSeconds(10), file: "/data/works.json", aggregated: 15_000);

        line.Should().Be("[############------------]  50%  20,000 records  2,000 rec/s  5.0 MB/s  15,000 aggregated  works.json");
    }

    [Fact]
    public void FormatAggregation_QuarterOfACorpus_BarAndRate()
    {
        var line = ProgressBar.FormatAggregation(aggregated: 250_000, totalPublications: 1_000_000, elapsed: TimeSpan.FromSeconds(2));

        line.Should().Be("[######------------------]  25%  aggregated 250,000 of 1,000,000 publications  125,000 pub/s");
    }

    [Fact]
    public void Report_AggregationOnly_DrawsTheAggregationLine()
    {
        var writer = new StringWriter();
        using (var bar = new ProgressBar(writer, totalBytes: 0))
        {
            bar.Report(Aggregate(500));
            bar.Report(Aggregate(300));

            bar.Aggregated.Should().Be(500, "counts only grow, whatever order two threads report in");
        }

        writer.ToString().Should().Contain("aggregated 500 publications").And.EndWith(Environment.NewLine);
    }

    [Fact]
    public void ForAggregation_Terminal_BarWithTheTotal()
    {
        var error = new StringWriter();
        var host = new CliHost(TextWriter.Null, error) { IsErrorTerminal = true };

        using (var bar = ProgressBar.ForAggregation(host, quiet: false, publications: 1_000))
        {
            bar!.Report(Aggregate(1_000));
        }

        error.ToString().Should().Contain("100%").And.Contain("of 1,000 publications");
        ProgressBar.ForAggregation(host, quiet: true, publications: 1_000).Should().BeNull();
    }

    [Fact]
    public void Report_ReadThenAggregate_ReadLineShowsBothAndTheFile()
    {
        var writer = new StringWriter();
        using (var bar = new ProgressBar(writer, totalBytes: 200))
        {
            bar.Report(Read("/data/works.json", 40, 200, 200));
            bar.Report(Aggregate(30));

            bar.Records.Should().Be(40);
            bar.Aggregated.Should().Be(30, "a phase other than read counts publications aggregated, not records");
        }

        writer.ToString().Should().Contain("100%").And.Contain("40 records").And.Contain("30 aggregated").And.Contain("works.json");
    }

    [Fact]
    public void For_NotATerminalOrQuiet_NoBar()
    {
        var host = new CliHost(TextWriter.Null, TextWriter.Null);

        ProgressBar.For(host, quiet: false, 100).Should().BeNull();
        ProgressBar.For(host with { IsErrorTerminal = true }, quiet: true, 100).Should().BeNull();
        ProgressBar.For(host with { IsErrorTerminal = true }, quiet: false, 100).Should().NotBeNull();
    }

    private static WorkProgress Read(string file, long records, long bytes, long? totalBytes) =>
        new() { Phase = "read", Unit = "bytes", Completed = bytes, Total = totalBytes, File = file, Records = records };

    private static WorkProgress Aggregate(long publications) =>
        new() { Phase = "aggregate", Unit = "publications", Completed = publications };
}
