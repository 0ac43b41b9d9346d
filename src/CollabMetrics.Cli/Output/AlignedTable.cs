using System.Globalization;
using System.Text;

namespace CollabMetrics.Cli.Output;

/// <summary>
/// Renders a table aligned in columns for people: numbers right-aligned (four decimals in a column with fractions,
/// none in a column of whole numbers), text left-aligned, undefined values shown as <c>n/a</c>. A result table is
/// read through the library's tabular contract (typed cells, never its CSV).
/// </summary>
internal static class AlignedTable
{
    private const string Missing = "n/a";

    /// <summary>Writes <paramref name="table"/> aligned to <paramref name="writer"/>: a header row, a rule, then the rows.</summary>
    public static void Render(ITabularResult table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns;
        var sink = new CellCollector(columns);
        table.WriteRows(sink);
        var header = new string[columns.Count];
        var numeric = new bool[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            header[c] = columns[c].Name;
            numeric[c] = columns[c].Kind != ColumnKind.Text || sink.TextLooksNumeric(c);
        }

        var rows = new List<string[]>(sink.Rows.Count + 1) { header };
        foreach (var row in sink.Rows)
        {
            var cells = new string[columns.Count];
            for (int c = 0; c < cells.Length; c++)
            {
                cells[c] = row[c] switch
                {
                    null => Missing,
                    double d when !double.IsFinite(d) => Missing,
                    double d => sink.Fractional[c] ? d.ToString("0.0000", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
                    long n => n.ToString(CultureInfo.InvariantCulture),
                    string s when s.Length == 0 => Missing,
                    string s => sink.Fractional[c] && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : s,
                    _ => Missing,
                };
            }

            rows.Add(cells);
        }

        Write(rows, numeric, writer);
    }

    /// <summary>Writes <paramref name="rows"/> (the first is the header) aligned to <paramref name="writer"/>; numbers are recognised in the text.</summary>
    public static void Render(IReadOnlyList<string[]> rows, TextWriter writer)
    {
        if (rows.Count == 0)
        {
            return;
        }

        int columns = rows.Max(r => r.Length);
        var numeric = new bool[columns];
        var fractional = new bool[columns];
        Array.Fill(numeric, true);
        for (int r = 1; r < rows.Count; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                string raw = c < rows[r].Length ? rows[r][c] : string.Empty;
                if (raw.Length == 0)
                {
                    continue;
                }

                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    numeric[c] = false;
                }
                else if (double.IsFinite(value) && value != Math.Floor(value))
                {
                    fractional[c] = true;
                }
            }
        }

        var cells = new List<string[]>(rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var row = new string[columns];
            for (int c = 0; c < columns; c++)
            {
                string raw = c < rows[r].Length ? rows[r][c] : string.Empty;
                row[c] = r == 0 ? raw : FormatText(raw, numeric[c], fractional[c]);
            }

            cells.Add(row);
        }

        Write(cells, numeric, writer);
    }

    private static void Write(List<string[]> cells, bool[] numeric, TextWriter writer)
    {
        int columns = numeric.Length;
        var widths = new int[columns];
        foreach (var row in cells)
        {
            for (int c = 0; c < columns; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var line = new StringBuilder();
        for (int r = 0; r < cells.Count; r++)
        {
            line.Clear();
            for (int c = 0; c < columns; c++)
            {
                if (c > 0)
                {
                    line.Append("  ");
                }

                line.Append(numeric[c] ? cells[r][c].PadLeft(widths[c]) : cells[r][c].PadRight(widths[c]));
            }

            writer.WriteLine(line.ToString().TrimEnd());
            if (r == 0)
            {
                writer.WriteLine(new string('-', line.ToString().TrimEnd().Length));
            }
        }
    }

    private static string FormatText(string raw, bool numeric, bool fractional)
    {
        if (raw.Length == 0)
        {
            return Missing;
        }

        if (!numeric || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return raw;
        }

        if (double.IsNaN(value))
        {
            return Missing;
        }

        return fractional ? value.ToString("0.0000", CultureInfo.InvariantCulture) : raw;
    }

    /// <summary>Keeps the typed cells of every row, and notes which columns hold fractions.</summary>
    private sealed class CellCollector(IReadOnlyList<TableColumn> columns) : ITableSink
    {
        private object?[] _row = [];
        private int _column;

        public List<object?[]> Rows { get; } = [];

        public bool[] Fractional { get; } = new bool[columns.Count];

        public void BeginRow()
        {
            _row = new object?[columns.Count];
            _column = 0;
        }

        public void WriteText(string? value) => _row[_column++] = value;

        public void WriteInteger(long? value) => _row[_column++] = value;

        public void WriteNumber(double value)
        {
            if (double.IsFinite(value) && value != Math.Floor(value))
            {
                Fractional[_column] = true;
            }

            _row[_column++] = value;
        }

        public void EndRow() => Rows.Add(_row);

        /// <summary>Whether every non-empty text of column <paramref name="c"/> reads as a number (a year), so it is right-aligned like one.</summary>
        public bool TextLooksNumeric(int c)
        {
            foreach (var row in Rows)
            {
                if (row[c] is string { Length: > 0 } s && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
