using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CollabMetrics.Metrics;

/// <summary>
/// An immutable table of typed result rows with the <see cref="ResultContext"/> it was computed with. Enumerate the
/// rows, read them through the tabular contract (<see cref="ITabularResult"/>: typed columns and a cell sink), or
/// write them as CSV (invariant culture, undefined values empty) or JSON (undefined values null).
/// </summary>
/// <remarks>
/// Every output follows one naming scheme: <c>ToCsv()</c> returns the text; <c>ToCsv(TextWriter)</c> and
/// <c>ToCsv(Stream)</c> write it to a destination that is left open; <c>ToCsvFile(path)</c> writes a file (UTF-8
/// without byte order mark, replacing it); each has an <c>Async</c> twin taking a <see cref="CancellationToken"/>.
/// JSON has the same six, <c>ToJson</c> and <c>ToJsonFile</c>.
/// </remarks>
/// <typeparam name="TRow">The row type.</typeparam>
[SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Writer, stream and file twins share the optional token; the first parameter's type tells them apart.")]
public abstract class ResultTable<TRow> : IReadOnlyList<TRow>, ITabularResult
{
    private readonly int _count;
    private readonly IReadOnlyList<TableColumn> _columns;
    private TRow[]? _rows;
    private IReadOnlyList<KeyValuePair<string, string>>? _metadata;

    private protected ResultTable(TRow[] rows, ResultContext context, TableColumn[] columns)
    {
        _rows = rows;
        _count = rows.Length;
        _columns = Array.AsReadOnly(context.ByTechnology ? WithTechnologyColumn(columns) : columns);
        Context = context;
    }

    /// <summary>
    /// A table of <paramref name="count"/> rows kept in a compact form of its own: the row objects are made by
    /// <see cref="MakeRows"/> when first read, and the outputs write from the compact form through
    /// <see cref="WriteCells(int, ITableSink)"/>, which such a table overrides.
    /// </summary>
    private protected ResultTable(int count, ResultContext context, TableColumn[] columns)
    {
        _count = count;
        _columns = Array.AsReadOnly(context.ByTechnology ? WithTechnologyColumn(columns) : columns);
        Context = context;
    }

    /// <summary>What the table was computed with.</summary>
    public ResultContext Context { get; }

    /// <summary>The number of rows.</summary>
    public int Count => _count;

    /// <summary>The number of rows (the tabular contract's name for <see cref="Count"/>).</summary>
    public int RowCount => _count;

    /// <summary>The columns of CSV, JSON and the tabular contract, in order, with the kind of their values.</summary>
    public IReadOnlyList<TableColumn> Columns => _columns;

    /// <summary>The <see cref="Context"/> as key-value pairs (see <see cref="ResultContext.ToMetadata"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata => _metadata ??= Context.ToMetadata();

    private protected ReadOnlySpan<TRow> Rows => RowArray;

    /// <summary>The row objects, made once when a table in compact form is first read row by row.</summary>
    private TRow[] RowArray
    {
        get
        {
            var rows = Volatile.Read(ref _rows);
            if (rows is null)
            {
                rows = MakeRows();
                rows = Interlocked.CompareExchange(ref _rows, rows, null) ?? rows;
            }

            return rows;
        }
    }

    /// <summary>The row at <paramref name="index"/>.</summary>
    public TRow this[int index] => RowArray[index];

    /// <summary>Enumerates the rows in order.</summary>
    public IEnumerator<TRow> GetEnumerator() => ((IEnumerable<TRow>)RowArray).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Writes row <paramref name="row"/> into <paramref name="sink"/>: begin, one typed cell per column, end.</summary>
    /// <param name="row">The row, from 0 to <see cref="Count"/> - 1.</param>
    /// <param name="sink">The receiver of the cells.</param>
    /// <exception cref="ArgumentOutOfRangeException">The row does not exist.</exception>
    public void WriteRow(int row, ITableSink sink)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, _count);
        ArgumentNullException.ThrowIfNull(sink);
        sink.BeginRow();
        if (Context.ByTechnology)
        {
            // The technology cell goes after the first (the slice's years): the rows' own cells do not know of it.
            WriteCells(row, new TechnologyCell(sink, TechnologyOf(row)));
        }
        else
        {
            WriteCells(row, sink);
        }

        sink.EndRow();
    }

    /// <summary>The technology of a row's slice (null for all technologies), for tables with rows per technology.</summary>
    private protected virtual string? TechnologyOf(TRow row) => null;

    /// <summary>The technology of row <paramref name="row"/>'s slice; a table in compact form overrides it.</summary>
    private protected virtual string? TechnologyOf(int row) => TechnologyOf(RowArray[row]);

    /// <summary>Writes the cells of row <paramref name="row"/>, in column order; a table in compact form overrides it.</summary>
    private protected virtual void WriteCells(int row, ITableSink cells) => WriteCells(RowArray[row], cells);

    /// <summary>The row objects of a table in compact form (called once, when they are first read).</summary>
    private protected virtual TRow[] MakeRows() => throw new InvalidOperationException("A table in compact form makes its rows.");

    private static TableColumn[] WithTechnologyColumn(TableColumn[] columns)
    {
        var with = new TableColumn[columns.Length + 1];
        with[0] = columns[0];
        with[1] = new TableColumn("technology", ColumnKind.Text);
        Array.Copy(columns, 1, with, 2, columns.Length - 1);
        return with;
    }

    /// <summary>Passes cells on to a sink, writing the technology after the first.</summary>
    private sealed class TechnologyCell(ITableSink sink, string? technology) : ITableSink
    {
        private int _cells;

        public void BeginRow() => sink.BeginRow();

        public void EndRow() => sink.EndRow();

        public void WriteText(string? value)
        {
            sink.WriteText(value);
            After();
        }

        public void WriteInteger(long? value)
        {
            sink.WriteInteger(value);
            After();
        }

        public void WriteNumber(double value)
        {
            sink.WriteNumber(value);
            After();
        }

        private void After()
        {
            if (++_cells == 1)
            {
                sink.WriteText(technology);
            }
        }
    }

    /// <summary>The table as CSV text: a header line of the column names, then one line per row.</summary>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        TabularText.WriteCsv(this, writer);
        return writer.ToString();
    }

    /// <summary>Writes the table as CSV (see <see cref="ToCsv()"/>).</summary>
    /// <param name="writer">The destination; left open.</param>
    public void ToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        TabularText.WriteCsv(this, writer);
    }

    /// <summary>Writes the table as CSV in UTF-8 without byte order mark.</summary>
    /// <param name="stream">The destination; left open.</param>
    public void ToCsv(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = TabularText.Writer(stream);
        TabularText.WriteCsv(this, writer);
    }

    /// <summary>Writes the table as a CSV file (UTF-8 without byte order mark), replacing it; its folder is created when missing.</summary>
    /// <param name="path">The file path.</param>
    public void ToCsvFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = TabularText.CreateFile(path);
        ToCsv(stream);
    }

    /// <summary>The asynchronous twin of <see cref="ToCsv(TextWriter)"/>.</summary>
    /// <param name="writer">The destination; left open.</param>
    /// <param name="cancellationToken">Cancels the write between chunks of rows.</param>
    public Task ToCsvAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return TabularText.WriteCsvAsync(this, writer, cancellationToken);
    }

    /// <summary>The asynchronous twin of <see cref="ToCsv(Stream)"/>.</summary>
    /// <param name="stream">The destination; left open.</param>
    /// <param name="cancellationToken">Cancels the write between chunks of rows.</param>
    public async Task ToCsvAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var writer = TabularText.Writer(stream);
        await using (writer.ConfigureAwait(false))
        {
            await TabularText.WriteCsvAsync(this, writer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The asynchronous twin of <see cref="ToCsvFile(string)"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task ToCsvFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = TabularText.CreateFile(path, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await ToCsvAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The table as JSON text: <c>{"context": {...}, "rows": [{column: value, ...}, ...]}</c> with the column
    /// names; undefined values are null.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        TabularText.WriteJson(this, stream, Context.WriteJson);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes the table as JSON (see <see cref="ToJson()"/>).</summary>
    /// <param name="writer">The destination; left open.</param>
    public void ToJson(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        TabularText.WriteJson(this, writer, Context.WriteJson);
    }

    /// <summary>Writes the table as JSON (see <see cref="ToJson()"/>) in UTF-8.</summary>
    /// <param name="stream">The destination; left open.</param>
    public void ToJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        TabularText.WriteJson(this, stream, Context.WriteJson);
    }

    /// <summary>Writes the table as a JSON file (UTF-8), replacing it; its folder is created when missing.</summary>
    /// <param name="path">The file path.</param>
    public void ToJsonFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = TabularText.CreateFile(path);
        ToJson(stream);
    }

    /// <summary>The asynchronous twin of <see cref="ToJson(TextWriter)"/>.</summary>
    /// <param name="writer">The destination; left open.</param>
    /// <param name="cancellationToken">Cancels the write between chunks of rows.</param>
    public Task ToJsonAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return TabularText.WriteJsonAsync(this, writer, Context.WriteJson, cancellationToken);
    }

    /// <summary>The asynchronous twin of <see cref="ToJson(Stream)"/>.</summary>
    /// <param name="stream">The destination; left open.</param>
    /// <param name="cancellationToken">Cancels the write between chunks of rows.</param>
    public Task ToJsonAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return TabularText.WriteJsonAsync(this, stream, Context.WriteJson, cancellationToken);
    }

    /// <summary>The asynchronous twin of <see cref="ToJsonFile(string)"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task ToJsonFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = TabularText.CreateFile(path, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await ToJsonAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>"PartnerTable of N rows".</summary>
    public override string ToString() => $"{GetType().Name} of {Count} rows";

    /// <summary>Writes the cells of one row, in column order.</summary>
    private protected abstract void WriteCells(TRow row, ITableSink cells);

    /// <summary>A text column.</summary>
    private protected static TableColumn Text(string name, bool nullable = false) => new(name, ColumnKind.Text) { IsNullable = nullable };

    /// <summary>A number column (NaN when undefined).</summary>
    private protected static TableColumn Number(string name, bool nullable = false) => new(name, ColumnKind.Number) { IsNullable = nullable };

    /// <summary>An integer column.</summary>
    private protected static TableColumn Integer(string name, bool nullable = false) => new(name, ColumnKind.Integer) { IsNullable = nullable };
}
