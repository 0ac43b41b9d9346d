using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CollabMetrics;

/// <summary>
/// CSV and JSON writing of any <see cref="ITabularResult"/>, through its sink: CSV with a header of the column names
/// (RFC 4180 quoting, invariant culture, round-trip numbers, missing values empty), JSON as
/// <c>{"context": {...}, "rows": [{column: value, ...}, ...]}</c> (missing values null).
/// </summary>
internal static class TabularText
{
    /// <summary>UTF-8 without a byte order mark: what every text output of the library uses.</summary>
    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private const int FlushChars = 64 * 1024;
    private static readonly JsonWriterOptions s_indented = new() { Indented = true };

    /// <summary>Writes the CSV of <paramref name="table"/> to <paramref name="writer"/>.</summary>
    public static void WriteCsv(ITabularResult table, TextWriter writer)
    {
        var sink = new CsvSink(writer);
        sink.Header(table.Columns);
        table.WriteRows(sink);
        sink.Flush();
    }

    /// <summary>Writes the CSV of <paramref name="table"/> asynchronously, in chunks, checking the token between chunks.</summary>
    public static async Task WriteCsvAsync(ITabularResult table, TextWriter writer, CancellationToken cancellationToken)
    {
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        var text = buffer.GetStringBuilder();
        var sink = new CsvSink(buffer);
        sink.Header(table.Columns);
        int count = table.RowCount;
        for (int row = 0; row < count; row++)
        {
            table.WriteRow(row, sink);
            if (text.Length >= FlushChars)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(text, cancellationToken).ConfigureAwait(false);
                text.Clear();
            }
        }

        await writer.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the JSON of <paramref name="table"/>: the context object written by <paramref name="context"/>, then the rows.</summary>
    public static void WriteJson(ITabularResult table, Stream stream, Action<Utf8JsonWriter> context)
    {
        using var json = new Utf8JsonWriter(stream, s_indented);
        var sink = new JsonSink(json, table.Columns);
        Start(json, context);
        int count = table.RowCount;
        for (int row = 0; row < count; row++)
        {
            table.WriteRow(row, sink);
            if (json.BytesPending > FlushChars)
            {
                json.Flush();
            }
        }

        End(json);
    }

    /// <summary>The asynchronous twin of <see cref="WriteJson(ITabularResult, Stream, Action{Utf8JsonWriter})"/>.</summary>
    public static async Task WriteJsonAsync(ITabularResult table, Stream stream, Action<Utf8JsonWriter> context, CancellationToken cancellationToken)
    {
        var json = new Utf8JsonWriter(stream, s_indented);
        await using (json.ConfigureAwait(false))
        {
            var sink = new JsonSink(json, table.Columns);
            Start(json, context);
            int count = table.RowCount;
            for (int row = 0; row < count; row++)
            {
                table.WriteRow(row, sink);
                if (json.BytesPending > FlushChars)
                {
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            End(json);
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the JSON to a text writer, through a byte buffer decoded in chunks.</summary>
    public static void WriteJson(ITabularResult table, TextWriter writer, Action<Utf8JsonWriter> context)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushChars);
        using var json = new Utf8JsonWriter(buffer, s_indented);
        var sink = new JsonSink(json, table.Columns);
        Start(json, context);
        int count = table.RowCount;
        for (int row = 0; row < count; row++)
        {
            table.WriteRow(row, sink);
            if (json.BytesPending + buffer.WrittenCount > FlushChars)
            {
                json.Flush();
                writer.Write(Utf8.GetString(buffer.WrittenSpan));
                buffer.ResetWrittenCount();
            }
        }

        End(json);
        json.Flush();
        writer.Write(Utf8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The asynchronous twin of <see cref="WriteJson(ITabularResult, TextWriter, Action{Utf8JsonWriter})"/>.</summary>
    public static async Task WriteJsonAsync(ITabularResult table, TextWriter writer, Action<Utf8JsonWriter> context, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushChars);
        var json = new Utf8JsonWriter(buffer, s_indented);
        await using (json.ConfigureAwait(false))
        {
            var sink = new JsonSink(json, table.Columns);
            Start(json, context);
            int count = table.RowCount;
            for (int row = 0; row < count; row++)
            {
                table.WriteRow(row, sink);
                if (json.BytesPending + buffer.WrittenCount > FlushChars)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(Utf8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken).ConfigureAwait(false);
                    buffer.ResetWrittenCount();
                }
            }

            End(json);
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Utf8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A stream writer for <paramref name="stream"/> (UTF-8 without byte order mark) that leaves it open.</summary>
    public static StreamWriter Writer(Stream stream) => new(stream, Utf8, 1 << 16, leaveOpen: true);

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>, creating its directory when missing.</summary>
    public static FileStream CreateFile(string path, bool useAsync = false)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync);
    }

    /// <summary>A number as CSV writes it: invariant round-trip text, empty when not finite.</summary>
    public static string FormatNumber(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>Quotes a CSV field as RFC 4180 requires (commas, quotes and line breaks).</summary>
    public static string QuoteCsv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Start(Utf8JsonWriter json, Action<Utf8JsonWriter> context)
    {
        json.WriteStartObject();
        json.WritePropertyName("context");
        context(json);
        json.WriteStartArray("rows");
    }

    private static void End(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Formats rows as CSV lines into a text writer.</summary>
    private sealed class CsvSink(TextWriter writer) : ITableSink
    {
        private readonly StringBuilder _line = new();
        private bool _first = true;

        public void Header(IReadOnlyList<TableColumn> columns)
        {
            BeginRow();
            foreach (var column in columns)
            {
                WriteText(column.Name);
            }

            EndRow();
        }

        public void BeginRow()
        {
            _line.Clear();
            _first = true;
        }

        public void WriteText(string? value)
        {
            Separate();
            if (value is not null)
            {
                _line.Append(QuoteCsv(value));
            }
        }

        public void WriteInteger(long? value)
        {
            Separate();
            if (value is { } v)
            {
                _line.Append(v.ToString(CultureInfo.InvariantCulture));
            }
        }

        public void WriteNumber(double value)
        {
            Separate();
            if (double.IsFinite(value))
            {
                _line.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        public void EndRow()
        {
            _line.Append('\n');
            writer.Write(_line);
        }

        public void Flush() => writer.Flush();

        private void Separate()
        {
            if (!_first)
            {
                _line.Append(',');
            }

            _first = false;
        }
    }

    /// <summary>Writes each row as a JSON object with the column names; NaN, infinities and nulls are null.</summary>
    private sealed class JsonSink : ITableSink
    {
        private readonly Utf8JsonWriter _json;
        private readonly JsonEncodedText[] _names;
        private int _column;

        public JsonSink(Utf8JsonWriter json, IReadOnlyList<TableColumn> columns)
        {
            _json = json;
            _names = new JsonEncodedText[columns.Count];
            for (int i = 0; i < _names.Length; i++)
            {
                _names[i] = JsonEncodedText.Encode(columns[i].Name);
            }
        }

        public void BeginRow()
        {
            _column = 0;
            _json.WriteStartObject();
        }

        public void WriteText(string? value)
        {
            var name = _names[_column++];
            if (value is null)
            {
                _json.WriteNull(name);
            }
            else
            {
                _json.WriteString(name, value);
            }
        }

        public void WriteInteger(long? value)
        {
            var name = _names[_column++];
            if (value is { } v)
            {
                _json.WriteNumber(name, v);
            }
            else
            {
                _json.WriteNull(name);
            }
        }

        public void WriteNumber(double value)
        {
            var name = _names[_column++];
            if (double.IsFinite(value))
            {
                _json.WriteNumber(name, value);
            }
            else
            {
                _json.WriteNull(name);
            }
        }

        public void EndRow() => _json.WriteEndObject();
    }
}
