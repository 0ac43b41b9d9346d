namespace CollabMetrics.Interactive.Tests;

/// <summary>A hand-made <see cref="ITabularResult"/> for tests: typed columns and rows of cells (string, long, double or null).</summary>
internal sealed class ListTable(TableColumn[] columns, params object?[][] rows) : ITabularResult
{
    public IReadOnlyList<TableColumn> Columns => columns;

    public int RowCount => rows.Length;

    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    public void WriteRow(int row, ITableSink sink)
    {
        sink.BeginRow();
        for (int c = 0; c < columns.Length; c++)
        {
            var cell = rows[row][c];
            switch (columns[c].Kind)
            {
                case ColumnKind.Text:
                    sink.WriteText((string?)cell);
                    break;
                case ColumnKind.Integer:
                    sink.WriteInteger(cell is null ? null : Convert.ToInt64(cell, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    sink.WriteNumber(cell is null ? double.NaN : Convert.ToDouble(cell, System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        sink.EndRow();
    }

    /// <summary>Columns: the first <paramref name="texts"/> are text, the others numbers ("rank" an integer).</summary>
    public static TableColumn[] Columns_(int texts, params string[] names) =>
        [.. names.Select((n, i) => i < texts ? new TableColumn(n, ColumnKind.Text) : new TableColumn(n, n == "rank" ? ColumnKind.Integer : ColumnKind.Number) { IsNullable = true })];
}
