using System.Globalization;
using System.Text;
using CollabMetrics.Model;

namespace CollabMetrics.IO;

/// <summary>
/// A record that was rejected (skipped in lenient mode), or a problem found in an input that was read anyway (a
/// warning), with the raw text of the record so that it can be looked at or repaired.
/// </summary>
/// <param name="Position">The file and the line or record.</param>
/// <param name="Kind">A skipped record (<see cref="IngestIssueKind.Skipped"/>) or a warning (<see cref="IngestIssueKind.Warning"/>).</param>
/// <param name="Reason">For a skipped record, why; null for a warning.</param>
/// <param name="Field">The field or column concerned, or null.</param>
/// <param name="Message">What was wrong, in words.</param>
/// <param name="RawText">
/// The start of the record's text as the input holds it, at most <see cref="MaxRawLength"/> characters (invalid
/// UTF-8 shown as U+FFFD), or null when the reader has no text to give (for example a file that is not a
/// recognised format).
/// </param>
public sealed record RejectedRecord(SourcePosition Position, IngestIssueKind Kind, SkipReason? Reason, string? Field, string Message, string? RawText)
{
    /// <summary>How many characters of raw text a rejected record keeps: 4,096.</summary>
    public const int MaxRawLength = 4096;

    /// <summary><paramref name="text"/> cut to <see cref="MaxRawLength"/> characters.</summary>
    internal static string? Cut(string? text) => text is null || text.Length <= MaxRawLength ? text : text[..MaxRawLength];

    /// <summary>The first <see cref="MaxRawLength"/> bytes of <paramref name="utf8"/> as text (a cut character becomes U+FFFD).</summary>
    internal static string Cut(ReadOnlySpan<byte> utf8) =>
        Encoding.UTF8.GetString(utf8.Length <= MaxRawLength ? utf8 : utf8[..MaxRawLength]);
}

/// <summary>
/// Receives every rejected record and warning of a read (set it as <see cref="ReadOptions.Rejects"/>), like a
/// database's rejects table. Implementations must be thread-safe when several files are read at once.
/// </summary>
public interface IRejectedRecordSink
{
    /// <summary>Receives one rejected record or warning, in the order the reader met them.</summary>
    void Add(RejectedRecord record);
}

/// <summary>
/// Writes rejected records as CSV (UTF-8, RFC 4180 quoting), one row each, with the columns
/// <c>file,line,record,kind,reason,field,message,raw</c>: what the command-line tool's <c>--rejects FILE</c> writes.
/// Thread-safe.
/// </summary>
/// <example>
/// <code>
/// using var rejects = RejectedRecordCsvWriter.ToFile("rejects.csv");
/// var corpus = Corpus.FromFile("works.jsonl.gz", ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Rejects = rejects });
/// </code>
/// </example>
public sealed class RejectedRecordCsvWriter : IRejectedRecordSink, IDisposable
{
    /// <summary>The header row.</summary>
    public const string Header = "file,line,record,kind,reason,field,message,raw";

    private readonly Lock _gate = new();
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private long _count;

    /// <summary>Writes to <paramref name="writer"/>, starting with the header row; the writer is not disposed.</summary>
    /// <param name="writer">Where the CSV goes.</param>
    public RejectedRecordCsvWriter(TextWriter writer)
        : this(writer, ownsWriter: false)
    {
    }

    private RejectedRecordCsvWriter(TextWriter writer, bool ownsWriter)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _ownsWriter = ownsWriter;
        _writer.Write(Header);
        _writer.Write("\r\n");
    }

    /// <summary>How many rows have been written (the header not counted).</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Creates (or overwrites) <paramref name="path"/> and writes the header row.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The writer; dispose it to close the file.</returns>
    public static RejectedRecordCsvWriter ToFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return new RejectedRecordCsvWriter(stream, ownsWriter: true);
    }

    /// <inheritdoc/>
    public void Add(RejectedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            Cell(record.Position.File, comma: false);
            Cell(record.Position.Line > 0 ? record.Position.Line.ToString(CultureInfo.InvariantCulture) : null);
            Cell(record.Position.Record > 0 ? record.Position.Record.ToString(CultureInfo.InvariantCulture) : null);
            Cell(record.Kind == IngestIssueKind.Warning ? "warning" : "skipped");
            Cell(record.Reason is { } reason ? ReasonName(reason) : null);
            Cell(record.Field);
            Cell(record.Message);
            Cell(RejectedRecord.Cut(record.RawText));
            _writer.Write("\r\n");
            _count++;
        }
    }

    /// <summary>Flushes what was written.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _writer.Flush();
        }
    }

    /// <summary>Flushes, and closes the file when this writer opened it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Flush();
            if (_ownsWriter)
            {
                _writer.Dispose();
            }
        }
    }

    /// <summary>"TooLarge" as "too_large".</summary>
    internal static string ReasonName(SkipReason reason) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());

    private void Cell(string? value, bool comma = true)
    {
        if (comma)
        {
            _writer.Write(',');
        }

        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny("\",\r\n") < 0)
        {
            _writer.Write(value);
            return;
        }

        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }
}
