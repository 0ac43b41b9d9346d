using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CollabMetrics.Metrics;

/// <summary>
/// An immutable table of result rows with the <see cref="ResultContext"/> it was computed with. Enumerate the rows,
/// or write them as CSV (invariant culture, undefined values empty) or JSON (undefined values null).
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public abstract class ResultTable<TRow> : IReadOnlyList<TRow>
{
    private const int FlushEvery = 1024;
    private readonly TRow[] _rows;

    private protected ResultTable(TRow[] rows, ResultContext context)
    {
        _rows = rows;
        Context = context;
    }

    /// <summary>What the table was computed with.</summary>
    public ResultContext Context { get; }

    /// <summary>The number of rows.</summary>
    public int Count => _rows.Length;

    /// <summary>The column names of <see cref="ToCsv(TextWriter)"/> and of the JSON rows, in order.</summary>
    public IReadOnlyList<string> Columns => ColumnNames;

    private protected abstract string[] ColumnNames { get; }

    private protected ReadOnlySpan<TRow> Rows => _rows;

    /// <summary>The row at <paramref name="index"/>.</summary>
    public TRow this[int index] => _rows[index];

    /// <summary>Enumerates the rows in order.</summary>
    public IEnumerator<TRow> GetEnumerator() => ((IEnumerable<TRow>)_rows).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The table as CSV text: a header line of <see cref="Columns"/>, then one line per row.</summary>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        ToCsv(writer);
        return writer.ToString();
    }

    /// <summary>Writes the table as CSV: a header line of <see cref="Columns"/>, then one line per row.</summary>
    /// <param name="writer">The destination; not closed.</param>
    public void ToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var line = new CsvCells();
        writer.Write(line.Header(ColumnNames));
        foreach (var row in _rows)
        {
            WriteCells(row, line.Start());
            writer.Write(line.End());
        }
    }

    /// <summary>Writes the table as a CSV file (UTF-8, overwriting).</summary>
    /// <param name="path">The file path.</param>
    public void ToCsv(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        ToCsv(writer);
    }

    /// <summary>Writes the table as CSV asynchronously.</summary>
    /// <param name="writer">The destination; not closed.</param>
    /// <param name="cancellationToken">Cancels the write between rows.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Writer/stream and path overloads share the optional token; calls are never ambiguous.")]
    public async Task ToCsvAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var line = new CsvCells();
        var buffer = new StringBuilder();
        buffer.Append(line.Header(ColumnNames));
        for (int i = 0; i < _rows.Length; i++)
        {
            WriteCells(_rows[i], line.Start());
            buffer.Append(line.End());
            if (buffer.Length > 64 * 1024)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
                buffer.Clear();
            }
        }

        await writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the table as a CSV file (UTF-8, overwriting) asynchronously.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Writer/stream and path overloads share the optional token; calls are never ambiguous.")]
    public async Task ToCsvAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await using (writer.ConfigureAwait(false))
        {
            await ToCsvAsync(writer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The table as JSON text: <c>{"context": {...}, "rows": [{column: value, ...}, ...]}</c> with the names of
    /// <see cref="Columns"/>; undefined values are null.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        ToJson(stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes the table as JSON (see <see cref="ToJson()"/>) in UTF-8.</summary>
    /// <param name="stream">The destination; not closed.</param>
    public void ToJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var cells = new JsonCells(writer, ColumnNames);
        WriteJsonStart(writer);
        foreach (var row in _rows)
        {
            writer.WriteStartObject();
            WriteCells(row, cells.Start());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes the table as a JSON file (overwriting).</summary>
    /// <param name="path">The file path.</param>
    public void ToJson(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        ToJson(stream);
    }

    /// <summary>Writes the table as JSON asynchronously.</summary>
    /// <param name="stream">The destination; not closed.</param>
    /// <param name="cancellationToken">Cancels the write between rows.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Writer/stream and path overloads share the optional token; calls are never ambiguous.")]
    public async Task ToJsonAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        await using (writer.ConfigureAwait(false))
        {
            var cells = new JsonCells(writer, ColumnNames);
            WriteJsonStart(writer);
            for (int i = 0; i < _rows.Length; i++)
            {
                writer.WriteStartObject();
                WriteCells(_rows[i], cells.Start());
                writer.WriteEndObject();
                if (i % FlushEvery == FlushEvery - 1)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the table as a JSON file (overwriting) asynchronously.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Writer/stream and path overloads share the optional token; calls are never ambiguous.")]
    public async Task ToJsonAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await ToJsonAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>"N rows".</summary>
    public override string ToString() => $"{GetType().Name} of {Count} rows";

    private protected abstract void WriteCells(TRow row, CellWriter cells);

    private void WriteJsonStart(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("context");
        Context.WriteJson(writer);
        writer.WriteStartArray("rows");
    }
}

/// <summary>Receives the cells of one row, in column order.</summary>
internal abstract class CellWriter
{
    public abstract void Text(string? value);

    public abstract void Number(double value);

    public abstract void Integer(long value);
}

/// <summary>Formats one CSV line: invariant culture, round-trip doubles, NaN empty, quoting as RFC 4180.</summary>
internal sealed class CsvCells : CellWriter
{
    private readonly StringBuilder _line = new();
    private bool _first = true;

    public string Header(string[] columns)
    {
        Start();
        foreach (var c in columns)
        {
            Text(c);
        }

        return End();
    }

    public CsvCells Start()
    {
        _line.Clear();
        _first = true;
        return this;
    }

    public string End()
    {
        _line.Append('\n');
        return _line.ToString();
    }

    public override void Text(string? value)
    {
        Separate();
        if (value is null)
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _line.Append(value);
            return;
        }

        _line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    public override void Number(double value)
    {
        Separate();
        if (double.IsFinite(value))
        {
            _line.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    public override void Integer(long value)
    {
        Separate();
        _line.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    private void Separate()
    {
        if (!_first)
        {
            _line.Append(',');
        }

        _first = false;
    }
}

/// <summary>Writes the cells of one row as JSON properties named after the columns; NaN and infinities are null.</summary>
internal sealed class JsonCells(Utf8JsonWriter writer, string[] columns) : CellWriter
{
    private readonly JsonEncodedText[] _names = Array.ConvertAll(columns, c => JsonEncodedText.Encode(c));
    private int _column;

    public JsonCells Start()
    {
        _column = 0;
        return this;
    }

    public override void Text(string? value)
    {
        var name = _names[_column++];
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public override void Number(double value)
    {
        var name = _names[_column++];
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public override void Integer(long value) => writer.WriteNumber(_names[_column++], value);
}
