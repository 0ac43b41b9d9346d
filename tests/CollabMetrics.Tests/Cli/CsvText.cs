using System.Globalization;
using CsvHelper;

namespace CollabMetrics.Tests.Cli;

/// <summary>CSV printed by the tool, parsed for checks: the header and the rows as text.</summary>
internal sealed class CsvText
{
    private readonly Dictionary<string, int> _index;

    private CsvText(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
        _index = header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public static CsvText Parse(string csv)
    {
        using var reader = CsvReader.FromText(csv, new CsvReaderOptions { Separator = ',', HasHeader = true });
        string[] header = [.. reader.Headers];
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetString(i);
            }

            rows.Add(row);
        }

        return new CsvText(header, rows);
    }

    public string Get(string[] row, string column) => row[_index[column]];

    /// <summary>A number cell; an empty cell is NaN (undefined).</summary>
    public double Number(string[] row, string column)
    {
        var text = Get(row, column);
        return text.Length == 0 ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
