using System.Buffers;
using System.Text.Json;

namespace CollabMetrics.Cli.Output;

/// <summary>
/// Writes a result to standard output or to <c>--out FILE</c>, in the <c>--output</c> format, through the library's
/// tabular contract: CSV by the library's writer, a JSON array of objects with the same column names, or an aligned
/// table for people.
/// </summary>
internal static class ResultWriter
{
    private static readonly JsonWriterOptions s_indented = new() { Indented = true };
    private static readonly System.Text.UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Characters buffered before a result written to standard output or a file is handed to the system.</summary>
    private const int TextBuffer = 1 << 16;

    /// <summary>Bytes of JSON formatted before they are handed to the text writer.</summary>
    private const int JsonBlock = 1 << 16;

    /// <summary>Parses an <c>--output</c> value.</summary>
    public static OutputFormat ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "csv" => OutputFormat.Csv,
        "json" => OutputFormat.Json,
        "parquet" => OutputFormat.Parquet,
        _ => OutputFormat.Table,
    };

    /// <summary>
    /// Refuses a Parquet output without a file (no <c>--out</c>, or <c>--out -</c> or standard output): Parquet is
    /// binary, and its footer is written after the rows into a seekable file.
    /// </summary>
    /// <param name="outPath">The <c>--out</c> value, or null.</param>
    /// <param name="option">The option that chose Parquet, for the message.</param>
    /// <exception cref="CliUsageException">No file to write.</exception>
    public static void CheckParquetFile(string? outPath, string option = "--output parquet")
    {
        if (outPath is null || outPath == "-" || outPath is "/dev/stdout" or "/dev/fd/1")
        {
            throw new CliUsageException($"{option}: Parquet is a binary file format and is not written to standard output; give a file with --out FILE.parquet.");
        }
    }

    /// <summary>
    /// Writes a Parquet file through <paramref name="write"/>: into <c>FILE.partial</c> first, renamed to
    /// <paramref name="outPath"/> when complete, so that a failed write never leaves a half file under the name.
    /// </summary>
    /// <param name="write">Writes the file into the stream.</param>
    /// <param name="outPath">The <c>--out</c> value.</param>
    /// <param name="host">Resolves the path.</param>
    public static void WriteBinaryFile(Action<Stream> write, string outPath, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(write);
        CheckParquetFile(outPath);
        var path = host.ResolvePath(outPath);
        var partial = path + ".partial";
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using (var file = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(file);
            }

            File.Move(partial, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
            throw new CliException(ExitCodes.Failure, $"--out: cannot write '{outPath}': {ex.Message}", ex);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    /// <summary>Writes <paramref name="result"/> to <paramref name="outPath"/> (a file) or, when null, to <paramref name="host"/>'s output.</summary>
    public static void Write(ITabularResult result, OutputFormat format, string? outPath, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (format == OutputFormat.Parquet)
        {
            WriteBinaryFile(stream => ParquetTableWriter.Write(result, stream), outPath!, host);
            return;
        }

        WriteText(writer => WriteFormatted(result, format, writer), outPath, host);
    }

    /// <summary>Runs <paramref name="write"/> on the output file (created or replaced) or on standard output.</summary>
    public static void WriteText(Action<TextWriter> write, string? outPath, CliHost host)
    {
        if (outPath is null)
        {
            if (host.OpenStandardOutput is { } open)
            {
                // The console's writer flushes at every write, a system call for each row of a table: the table goes
                // through a buffer of its own instead, after what was written before it, in the console's encoding
                // (UTF-8 when that one would start with a byte order mark).
                host.Out.Flush();
                var encoding = host.Out.Encoding.Preamble.IsEmpty ? host.Out.Encoding : s_utf8;
                using var stdout = new StreamWriter(open(), encoding, TextBuffer);
                write(stdout);
                return;
            }

            write(host.Out);
            host.Out.Flush();
            return;
        }

        var path = host.ResolvePath(outPath);
        StreamWriter file;
        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            file = new StreamWriter(path, append: false, s_utf8, TextBuffer);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Failure, $"--out: cannot write '{outPath}': {ex.Message}", ex);
        }

        using (file)
        {
            write(file);
        }
    }

    /// <summary>Writes <paramref name="result"/> in <paramref name="format"/>.</summary>
    public static void WriteFormatted(ITabularResult result, OutputFormat format, TextWriter writer)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                result.ToCsv(writer);
                break;
            case OutputFormat.Json:
                WriteJsonArray(result, writer);
                writer.WriteLine();
                break;
            default:
                AlignedTable.Render(result, writer);
                break;
        }
    }

    /// <summary>
    /// Writes the rows as a JSON array of objects named by the columns; undefined values are null. The JSON is handed
    /// to the writer in blocks of about <see cref="JsonBlock"/> bytes, never held whole.
    /// </summary>
    internal static void WriteJsonArray(ITabularResult result, TextWriter writer)
    {
        var buffer = new ArrayBufferWriter<byte>(JsonBlock);
        using (var json = new Utf8JsonWriter(buffer, s_indented))
        {
            var sink = new JsonRowSink(json, result.Columns);
            json.WriteStartArray();
            int count = result.RowCount;
            for (int row = 0; row < count; row++)
            {
                result.WriteRow(row, sink);
                if (json.BytesPending + buffer.WrittenCount >= JsonBlock)
                {
                    json.Flush();
                    WriteBlock(buffer, writer);
                }
            }

            json.WriteEndArray();
        }

        WriteBlock(buffer, writer);
    }

    /// <summary>Hands the bytes written so far (whole JSON tokens, so whole UTF-8 sequences) to <paramref name="writer"/>.</summary>
    private static void WriteBlock(ArrayBufferWriter<byte> buffer, TextWriter writer)
    {
        writer.Write(s_utf8.GetString(buffer.WrittenSpan));
        buffer.ResetWrittenCount();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The error being reported matters more than the leftover file.
        }
    }

    private sealed class JsonRowSink(Utf8JsonWriter json, IReadOnlyList<TableColumn> columns) : ITableSink
    {
        private readonly JsonEncodedText[] _names = [.. columns.Select(c => JsonEncodedText.Encode(c.Name))];
        private int _column;

        public void BeginRow()
        {
            _column = 0;
            json.WriteStartObject();
        }

        public void WriteText(string? value)
        {
            if (value is null)
            {
                json.WriteNull(_names[_column++]);
            }
            else
            {
                json.WriteString(_names[_column++], value);
            }
        }

        public void WriteInteger(long? value)
        {
            if (value is { } v)
            {
                json.WriteNumber(_names[_column++], v);
            }
            else
            {
                json.WriteNull(_names[_column++]);
            }
        }

        public void WriteNumber(double value)
        {
            if (!double.IsNegative(value) && value < 1e15 && value == Math.Floor(value))
            {
                // A whole number with at most 15 digits: the same text as the double's, formatted far faster.
                json.WriteNumber(_names[_column++], (long)value);
            }
            else if (double.IsFinite(value))
            {
                json.WriteNumber(_names[_column++], value);
            }
            else
            {
                json.WriteNull(_names[_column++]);
            }
        }

        public void EndRow() => json.WriteEndObject();
    }
}
