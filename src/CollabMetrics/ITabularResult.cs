namespace CollabMetrics;

/// <summary>
/// The tabular contract every result table of CollabMetrics implements: a list of typed columns, a number of rows,
/// key-value metadata (what the table was computed with), and a way to write any row into an
/// <see cref="ITableSink"/> cell by cell, in column order, without boxing. CSV and JSON writing, the command line's
/// aligned tables and the notebook formatters are written against this contract, so a writer for another format
/// (Parquet, Arrow, a database) needs only this interface, never the row types.
/// </summary>
/// <remarks>
/// <para>
/// A row is written as <see cref="ITableSink.BeginRow"/>, then exactly one call per column, in the order of
/// <see cref="Columns"/> and of the kind the column declares (<see cref="ITableSink.WriteText"/> for
/// <see cref="ColumnKind.Text"/>, <see cref="ITableSink.WriteInteger"/> for <see cref="ColumnKind.Integer"/>,
/// <see cref="ITableSink.WriteNumber"/> for <see cref="ColumnKind.Number"/>), then <see cref="ITableSink.EndRow"/>.
/// </para>
/// <para>
/// A missing or undefined value is a null text, a null integer, or <see cref="double.NaN"/> for a number; a column
/// that can hold one says so in <see cref="TableColumn.IsNullable"/>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// ITabularResult table = corpus.Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.PartnerShare);
/// foreach (TableColumn column in table.Columns)
/// {
///     Console.WriteLine($"{column.Name}: {column.Kind}");
/// }
///
/// table.WriteRows(mySink);
/// </code>
/// </example>
public interface ITabularResult
{
    /// <summary>The columns, in the order cells are written.</summary>
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The number of rows.</summary>
    int RowCount { get; }

    /// <summary>
    /// What the table was computed with, as ordered key-value pairs with snake_case keys (nested entries as
    /// <c>parent.child</c>), such as <c>level</c>, <c>territory</c> or <c>diagnostics.publications</c>.
    /// </summary>
    IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    /// <summary>Writes row <paramref name="row"/>: <see cref="ITableSink.BeginRow"/>, one cell per column, <see cref="ITableSink.EndRow"/>.</summary>
    /// <param name="row">The row, from 0 to <see cref="RowCount"/> - 1.</param>
    /// <param name="sink">The receiver of the cells.</param>
    /// <exception cref="ArgumentOutOfRangeException">The row does not exist.</exception>
    void WriteRow(int row, ITableSink sink);
}

/// <summary>
/// Receives the cells of a table written through <see cref="ITabularResult.WriteRow"/>: one typed call per cell, so
/// numbers are never boxed nor formatted as text on the way.
/// </summary>
public interface ITableSink
{
    /// <summary>A row starts.</summary>
    void BeginRow();

    /// <summary>A cell of a <see cref="ColumnKind.Text"/> column; null when missing.</summary>
    /// <param name="value">The text.</param>
    void WriteText(string? value);

    /// <summary>A cell of a <see cref="ColumnKind.Integer"/> column; null when missing.</summary>
    /// <param name="value">The integer.</param>
    void WriteInteger(long? value);

    /// <summary>A cell of a <see cref="ColumnKind.Number"/> column; <see cref="double.NaN"/> when undefined.</summary>
    /// <param name="value">The number.</param>
    void WriteNumber(double value);

    /// <summary>The row ends.</summary>
    void EndRow();
}

/// <summary>The kind of the values of a <see cref="TableColumn"/>.</summary>
public enum ColumnKind
{
    /// <summary>Text (<see cref="ITableSink.WriteText"/>): codes, names, slice labels.</summary>
    Text = 0,

    /// <summary>A whole number (<see cref="ITableSink.WriteInteger"/>): ranks, replicates.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The kind is named after the values it holds, as Parquet and Arrow name theirs.")]
    Integer = 1,

    /// <summary>A real number (<see cref="ITableSink.WriteNumber"/>): counts and indices; NaN when undefined.</summary>
    Number = 2,
}

/// <summary>A column of an <see cref="ITabularResult"/>: its name (as in CSV headers and JSON properties) and the kind of its values.</summary>
/// <example>
/// <code>
/// var column = new TableColumn("partner_share", ColumnKind.Number) { IsNullable = true };
/// </code>
/// </example>
public sealed record TableColumn
{
    /// <summary>Creates a column.</summary>
    /// <param name="name">The name: snake_case, unique within the table.</param>
    /// <param name="kind">The kind of its values.</param>
    /// <exception cref="ArgumentException">The name is empty, or the kind is not defined.</exception>
    public TableColumn(string name, ColumnKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Use ColumnKind.Text, Integer or Number.");
        }

        Name = name;
        Kind = kind;
    }

    /// <summary>The name, as in CSV headers and JSON properties.</summary>
    public string Name { get; }

    /// <summary>The kind of the values.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Whether a cell can be missing or undefined (null text or integer, NaN number). Default false.</summary>
    public bool IsNullable { get; init; }

    /// <summary>"name (Kind)".</summary>
    public override string ToString() => $"{Name} ({Kind})";
}

/// <summary>Operations on any <see cref="ITabularResult"/>.</summary>
public static class TabularResults
{
    /// <summary>Writes every row of <paramref name="table"/>, in order, into <paramref name="sink"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="sink">The receiver of the cells.</param>
    public static void WriteRows(this ITabularResult table, ITableSink sink)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(sink);
        int count = table.RowCount;
        for (int row = 0; row < count; row++)
        {
            table.WriteRow(row, sink);
        }
    }

    /// <summary>
    /// The table as CSV text: a header line of the column names, then one line per row (RFC 4180 quoting,
    /// invariant culture, round-trip numbers, missing and undefined values empty), as every result table writes it.
    /// </summary>
    /// <param name="table">The table.</param>
    public static string ToCsv(this ITabularResult table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        TabularText.WriteCsv(table, writer);
        return writer.ToString();
    }

    /// <summary>Writes the table as CSV (see <see cref="ToCsv(ITabularResult)"/>).</summary>
    /// <param name="table">The table.</param>
    /// <param name="writer">The destination; left open.</param>
    public static void ToCsv(this ITabularResult table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        TabularText.WriteCsv(table, writer);
    }

    /// <summary>The position of the column named <paramref name="name"/> (ordinal comparison), or -1.</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">The column name.</param>
    public static int IndexOfColumn(this ITabularResult table, string name)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(name);
        var columns = table.Columns;
        for (int i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
