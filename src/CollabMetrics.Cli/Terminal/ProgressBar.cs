using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CollabMetrics.Cli.Terminal;

/// <summary>
/// A one-line progress bar on standard error while inputs are read and aggregated: share of the bytes read, records,
/// records and megabytes per second, the current file (the library's phase <c>read</c>), and the publications
/// aggregated so far (phase <c>aggregate</c>). With a known number of publications and no reading (a corpus in
/// memory), the bar shows the share of them aggregated. Redrawn at most ten times a second; thread-safe.
/// </summary>
internal sealed class ProgressBar : IProgress<WorkProgress>, IDisposable
{
    private const int BarWidth = 24;
    private const string ReadPhase = "read";
    private static readonly TimeSpan s_redrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _writer;
    private readonly long _totalBytes;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Records, long Bytes)> _files = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastDraw = -s_redrawInterval;
    private int _lastLength;
    private bool _drawn;
    private string? _currentFile;
    private long _aggregated = -1;
    private long _totalPublications;

    /// <summary>Creates a bar writing to <paramref name="writer"/>.</summary>
    /// <param name="writer">Standard error.</param>
    /// <param name="totalBytes">The summed size of the inputs, or 0 when unknown (no bar, counts only).</param>
    public ProgressBar(TextWriter writer, long totalBytes)
    {
        _writer = writer;
        _totalBytes = totalBytes;
    }

    /// <summary>A bar when standard error is a terminal and <c>--quiet</c> is off; otherwise null (no progress).</summary>
    public static ProgressBar? For(CliHost host, bool quiet, long totalBytes) =>
        host.IsErrorTerminal && !quiet ? new ProgressBar(host.Error, totalBytes) : null;

    /// <summary>A bar for aggregating <paramref name="publications"/> publications already in memory (terminal only, as <see cref="For"/>).</summary>
    public static ProgressBar? ForAggregation(CliHost host, bool quiet, long publications) =>
        host.IsErrorTerminal && !quiet ? new ProgressBar(host.Error, 0) { _totalPublications = publications } : null;

    /// <summary>Publications aggregated so far; -1 before the first report.</summary>
    public long Aggregated { get { lock (_gate) { return _aggregated; } } }

    /// <summary>Records read so far, all files together.</summary>
    public long Records { get { lock (_gate) { return _files.Values.Sum(f => f.Records); } } }

    /// <summary>
    /// Receives the library's progress: phase <c>read</c> (bytes and records of a file) updates that file's counts;
    /// any other phase is counted as publications aggregated so far.
    /// </summary>
    public void Report(WorkProgress value)
    {
        lock (_gate)
        {
            if (value.Phase == ReadPhase)
            {
                var key = value.File ?? string.Empty;
                _files[key] = (value.Records ?? 0, value.Completed);
                _currentFile = value.File;
            }
            else
            {
                _aggregated = Math.Max(_aggregated, value.Completed);
            }

            var now = _clock.Elapsed;
            if (now - _lastDraw >= s_redrawInterval)
            {
                _lastDraw = now;
                Draw(now);
            }
        }
    }

    /// <summary>Draws the final state and ends the line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_files.Count == 0 && _aggregated < 0)
            {
                return;
            }

            Draw(_clock.Elapsed);
            if (_drawn)
            {
                _writer.WriteLine();
                _writer.Flush();
                _drawn = false;
            }
        }
    }

    /// <summary>The line of an aggregation of publications in memory, without the carriage return (visible for tests).</summary>
    internal static string FormatAggregation(long aggregated, long totalPublications, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        if (totalPublications > 0)
        {
            double fraction = Math.Clamp((double)aggregated / totalPublications, 0, 1);
            int filled = (int)Math.Round(fraction * BarWidth);
            sb.Append('[').Append('#', filled).Append('-', BarWidth - filled).Append("] ");
            sb.Append(CultureInfo.InvariantCulture, $"{fraction * 100,3:0}%  ");
        }

        double seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        sb.Append(CultureInfo.InvariantCulture, $"aggregated {aggregated:N0}");
        if (totalPublications > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $" of {totalPublications:N0}");
        }

        sb.Append(CultureInfo.InvariantCulture, $" publications  {aggregated / seconds:N0} pub/s");
        return sb.ToString();
    }

    /// <summary>The line for the given totals, without the carriage return (visible for tests).</summary>
    internal static string Format(long records, long bytes, long totalBytes, TimeSpan elapsed, string? file, long aggregated = -1)
    {
        var sb = new StringBuilder();
        if (totalBytes > 0)
        {
            double fraction = Math.Clamp((double)bytes / totalBytes, 0, 1);
            int filled = (int)Math.Round(fraction * BarWidth);
            sb.Append('[').Append('#', filled).Append('-', BarWidth - filled).Append("] ");
            sb.Append(CultureInfo.InvariantCulture, $"{fraction * 100,3:0}%  ");
        }

        double seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        sb.Append(CultureInfo.InvariantCulture, $"{records:N0} records  {records / seconds:N0} rec/s  {bytes / 1e6 / seconds:0.0} MB/s");
        if (aggregated >= 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {aggregated:N0} aggregated");
        }

        if (file is not null)
        {
            sb.Append("  ").Append(Path.GetFileName(file));
        }

        return sb.ToString();
    }

    private void Draw(TimeSpan elapsed)
    {
        long records = 0, bytes = 0;
        foreach (var (r, b) in _files.Values)
        {
            records += r;
            bytes += b;
        }

        var line = _files.Count == 0
            ? FormatAggregation(Math.Max(0, _aggregated), _totalPublications, elapsed)
            : Format(records, bytes, _totalBytes, elapsed, _currentFile, _aggregated);
        int pad = Math.Max(0, _lastLength - line.Length);
        _writer.Write('\r');
        _writer.Write(line);
        _writer.Write(new string(' ', pad));
        _writer.Flush();
        _lastLength = line.Length;
        _drawn = true;
    }
}
