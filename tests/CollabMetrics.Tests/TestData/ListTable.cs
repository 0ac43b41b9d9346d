namespace CollabMetrics.Tests.TestData;

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

    public static TableColumn Text(string name) => new(name, ColumnKind.Text);

    public static TableColumn Integer(string name) => new(name, ColumnKind.Integer);

    public static TableColumn Number(string name) => new(name, ColumnKind.Number) { IsNullable = true };
}
