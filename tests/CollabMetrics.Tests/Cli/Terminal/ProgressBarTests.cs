using CollabMetrics.Cli;
using CollabMetrics.Cli.Terminal;
using CollabMetrics.IO;

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
            bar.Report(new ReadProgress("a.json", 10, 100, 100));
            bar.Report(new ReadProgress("b.json", 5, 50, 200));
            bar.Report(new ReadProgress("a.json", 12, 100, 100));

            bar.Records.Should().Be(17);
        }

        writer.ToString().Should().Contain("17 records").And.EndWith(Environment.NewLine);
    }

    [Fact]
    public void For_NotATerminalOrQuiet_NoBar()
    {
        var host = new CliHost(TextWriter.Null, TextWriter.Null);

        ProgressBar.For(host, quiet: false, 100).Should().BeNull();
        ProgressBar.For(host with { IsErrorTerminal = true }, quiet: true, 100).Should().BeNull();
        ProgressBar.For(host with { IsErrorTerminal = true }, quiet: false, 100).Should().NotBeNull();
    }
}
