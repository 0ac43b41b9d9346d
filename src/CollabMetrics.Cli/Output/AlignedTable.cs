using System.Globalization;
using System.Text;
using CsvHelper;

namespace CollabMetrics.Cli.Output;

/// <summary>
/// Renders CSV as aligned columns for people: numbers right-aligned with at most four decimals, text left-aligned,
/// undefined (empty) values shown as <c>n/a</c>.
/// </summary>
internal static class AlignedTable
{
    private const string Missing = "n/a";
    private static readonly CsvReaderOptions s_options = new() { Separator = ',', HasHeader = true };

    /// <summary>Reads <paramref name="csv"/> (a header row, then data) and writes it aligned to <paramref name="writer"/>.</summary>
    public static void Render(string csv, TextWriter writer)
    {
        using var reader = CsvReader.FromText(csv, s_options);
        var rows = new List<string[]>();
        rows.Add([.. reader.Headers]);
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetString(i);
            }

            rows.Add(row);
        }

        Render(rows, writer);
    }

    /// <summary>Writes <paramref name="rows"/> (the first is the header) aligned to <paramref name="writer"/>.</summary>
    public static void Render(IReadOnlyList<string[]> rows, TextWriter writer)
    {
        if (rows.Count == 0)
        {
            return;
        }

        int columns = rows.Max(r => r.Length);
        var cells = new string[rows.Count][];
        var numeric = new bool[columns];
        Array.Fill(numeric, true);
        for (int r = 0; r < rows.Count; r++)
        {
            cells[r] = new string[columns];
            for (int c = 0; c < columns; c++)
            {
                string raw = c < rows[r].Length ? rows[r][c] : string.Empty;
                if (r == 0)
                {
                    cells[r][c] = raw;
                    continue;
                }

                cells[r][c] = FormatCell(raw, out bool isNumber);
                numeric[c] &= isNumber || raw.Length == 0;
            }
        }

        var widths = new int[columns];
        foreach (var row in cells)
        {
            for (int c = 0; c < columns; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var line = new StringBuilder();
        for (int r = 0; r < cells.Length; r++)
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

    private static string FormatCell(string raw, out bool isNumber)
    {
        if (raw.Length == 0)
        {
            isNumber = false;
            return Missing;
        }

        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            isNumber = true;
            return raw;
        }

        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            isNumber = true;
            if (double.IsNaN(value))
            {
                return Missing;
            }

            return value == Math.Floor(value) && Math.Abs(value) < 1e15
                ? value.ToString("0", CultureInfo.InvariantCulture)
                : value.ToString("0.####", CultureInfo.InvariantCulture);
        }

        isNumber = false;
        return raw;
    }
}
