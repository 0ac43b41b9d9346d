namespace CollabMetrics.Interactive;

/// <summary>
/// A result table read through the library's tabular contract (<see cref="ITabularResult"/>): the columns with
/// their kinds, the cells (a <see cref="string"/>, a <see cref="double"/> for numbers and integers, or null for a
/// missing or undefined value), and the metadata (what the table was computed with). Every result table has this
/// form, so one renderer serves all; nothing is parsed back from the library's CSV or JSON.
/// </summary>
internal sealed class TabularData
{
    internal TabularData(IReadOnlyList<TableColumn> columns, List<object?[]> rows, IReadOnlyList<KeyValuePair<string, string>> context)
    {
        Kinds = [.. columns.Select(c => c.Kind)];
        Columns = [.. columns.Select(c => c.Name)];
        Rows = rows;
        Context = context;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<ColumnKind> Kinds { get; }

    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>The table's metadata in order, with keys such as <c>level</c> or <c>diagnostics.publications</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Context { get; }

    /// <summary>Reads every cell of <paramref name="table"/> through its sink.</summary>
    public static TabularData From(ITabularResult table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sink = new Collector(table.Columns.Count);
        table.WriteRows(sink);
        return new TabularData(table.Columns, sink.Rows, table.Metadata);
    }

    public int ColumnIndex(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public string? ContextValue(string key)
    {
        foreach (var (k, v) in Context)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>Keeps each row's cells: text as strings, integers and numbers as doubles, missing and undefined values as null.</summary>
    private sealed class Collector(int columns) : ITableSink
    {
        private object?[] _row = [];
        private int _column;

        public List<object?[]> Rows { get; } = [];

        public void BeginRow()
        {
            _row = new object?[columns];
            _column = 0;
        }

        public void WriteText(string? value) => _row[_column++] = value;

        public void WriteInteger(long? value) => _row[_column++] = value is { } v ? (double)v : null;

        public void WriteNumber(double value) => _row[_column++] = double.IsFinite(value) ? value : null;

        public void EndRow() => Rows.Add(_row);
    }
}
