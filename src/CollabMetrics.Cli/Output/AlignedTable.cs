using System.Globalization;
using System.Text;
using CsvHelper;

namespace CollabMetrics.Cli.Output;

/// <summary>
/// Renders CSV as aligned columns for people: numbers right-aligned (four decimals in a column with fractions, none
/// in a column of whole numbers), text left-aligned,
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

        var cells = new string[rows.Count][];
        for (int r = 0; r < rows.Count; r++)
        {
            cells[r] = new string[columns];
            for (int c = 0; c < columns; c++)
            {
                string raw = c < rows[r].Length ? rows[r][c] : string.Empty;
                cells[r][c] = r == 0 ? raw : FormatCell(raw, numeric[c], fractional[c]);
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

    private static string FormatCell(string raw, bool numeric, bool fractional)
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
}
