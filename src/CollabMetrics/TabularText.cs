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
        var sink = new CsvSink(writer: null);
        sink.Header(table.Columns);
        int count = table.RowCount;
        for (int row = 0; row < count; row++)
        {
            table.WriteRow(row, sink);
            if (sink.Pending.Length >= FlushChars)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(sink.Pending, cancellationToken).ConfigureAwait(false);
                sink.Clear();
            }
        }

        await writer.WriteAsync(sink.Pending, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Whether <paramref name="value"/> is a whole number from 0 to below 10^15: at most 15 digits, all significant,
    /// which round-trip text (and JSON) prints as the integer's digits, no exponent, no decimal point. Formatted as
    /// the integer it is far faster; negative zero ("-0") and larger numbers are left to the round-trip formatting.
    /// </summary>
    private static bool IsSmallWhole(double value) => !double.IsNegative(value) && value < 1e15 && value == Math.Floor(value);

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

    /// <summary>
    /// Formats rows as CSV lines into a character buffer: numbers are formatted in place (<c>TryFormat</c>, round-trip,
    /// invariant), texts copied (quoted when they must be), and the buffer is handed to the writer in blocks of about
    /// <see cref="FlushChars"/> characters, never a string per cell or per line. Without a writer the buffer only
    /// grows, and its caller takes the text with <see cref="Pending"/> and <see cref="Clear"/>.
    /// </summary>
    private sealed class CsvSink(TextWriter? writer) : ITableSink
    {
        /// <summary>Room for any number: the longest round-trip double ("-2.2250738585072014E-308") or long is shorter.</summary>
        private const int NumberRoom = 32;

        private static readonly SearchValues<char> s_special = SearchValues.Create(",\"\r\n");

        private char[] _buffer = new char[FlushChars + 1024];
        private int _length;
        private bool _first = true;

        /// <summary>The characters formatted and not yet handed to a writer.</summary>
        public ReadOnlyMemory<char> Pending => _buffer.AsMemory(0, _length);

        public void Header(IReadOnlyList<TableColumn> columns)
        {
            BeginRow();
            foreach (var column in columns)
            {
                WriteText(column.Name);
            }

            EndRow();
        }

        public void BeginRow() => _first = true;

        public void WriteText(string? value)
        {
            Separate();
            if (value is null)
            {
                return;
            }

            var text = value.AsSpan();
            if (text.IndexOfAny(s_special) < 0)
            {
                text.CopyTo(Room(text.Length));
                _length += text.Length;
                return;
            }

            // RFC 4180: the field in quotes, each quote doubled.
            var room = Room((text.Length * 2) + 2);
            int at = 0;
            room[at++] = '"';
            foreach (char c in text)
            {
                room[at++] = c;
                if (c == '"')
                {
                    room[at++] = '"';
                }
            }

            room[at++] = '"';
            _length += at;
        }

        public void WriteInteger(long? value)
        {
            Separate();
            if (value is { } v)
            {
                v.TryFormat(Room(NumberRoom), out int written, default, CultureInfo.InvariantCulture);
                _length += written;
            }
        }

        public void WriteNumber(double value)
        {
            Separate();
            if (!double.IsFinite(value))
            {
                return;
            }

            int written;
            if (IsSmallWhole(value))
            {
                // Most counts are whole: their round-trip text is the integer's, formatted far faster.
                ((long)value).TryFormat(Room(NumberRoom), out written, default, CultureInfo.InvariantCulture);
            }
            else
            {
                value.TryFormat(Room(NumberRoom), out written, "R", CultureInfo.InvariantCulture);
            }

            _length += written;
        }

        public void EndRow()
        {
            Room(1)[0] = '\n';
            _length++;
            if (writer is not null && _length >= FlushChars)
            {
                WritePending(writer);
            }
        }

        /// <summary>Hands what is pending to the writer and flushes it.</summary>
        public void Flush()
        {
            WritePending(writer!);
            writer!.Flush();
        }

        /// <summary>Forgets the pending characters (after the caller wrote them).</summary>
        public void Clear() => _length = 0;

        private void WritePending(TextWriter destination)
        {
            destination.Write(_buffer, 0, _length);
            _length = 0;
        }

        /// <summary>At least <paramref name="size"/> free characters after the pending ones.</summary>
        private Span<char> Room(int size)
        {
            if (_buffer.Length - _length < size)
            {
                if (writer is not null)
                {
                    WritePending(writer);
                }

                if (_buffer.Length - _length < size)
                {
                    Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
                }
            }

            return _buffer.AsSpan(_length);
        }

        private void Separate()
        {
            if (!_first)
            {
                Room(1)[0] = ',';
                _length++;
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
            if (IsSmallWhole(value))
            {
                _json.WriteNumber(name, (long)value);
            }
            else if (double.IsFinite(value))
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
