using System.Globalization;
using DuckDB.NET.Data;

namespace CollabMetrics.Tests.Cli;

/// <summary>
/// A Parquet file read back by DuckDB's <c>read_parquet</c> (an implementation independent of the writer): the column
/// names and DuckDB types, the cells (null, string, long, int, double or bool), the number of row groups and the
/// key-value metadata.
/// </summary>
internal sealed class ParquetText
{
    private ParquetText(string[] names, string[] types, List<object?[]> rows, int rowGroups, Dictionary<string, string> metadata)
    {
        Names = names;
        Types = types;
        Rows = rows;
        RowGroups = rowGroups;
        Metadata = metadata;
    }

    public string[] Names { get; }

    /// <summary>DuckDB's type of each column: VARCHAR, BIGINT, INTEGER, DOUBLE, BOOLEAN.</summary>
    public string[] Types { get; }

    public List<object?[]> Rows { get; }

    public int RowGroups { get; }

    public Dictionary<string, string> Metadata { get; }

    public static ParquetText Read(string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        string file = path.Replace("'", "''", StringComparison.Ordinal);
        var names = new List<string>();
        var types = new List<string>();
        using (var describe = connection.CreateCommand())
        {
            describe.CommandText = $"DESCRIBE SELECT * FROM read_parquet('{file}')";
            using var reader = describe.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
                types.Add(reader.GetString(1));
            }
        }

        var rows = new List<object?[]>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = $"SELECT * FROM read_parquet('{file}')";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }

        int groups;
        using (var meta = connection.CreateCommand())
        {
            meta.CommandText = $"SELECT num_row_groups FROM parquet_file_metadata('{file}')";
            groups = Convert.ToInt32(meta.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var kv = connection.CreateCommand())
        {
            kv.CommandText = $"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{file}')";
            using var reader = kv.ExecuteReader();
            while (reader.Read())
            {
                metadata[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return new ParquetText([.. names], [.. types], rows, groups, metadata);
    }

    /// <summary>
    /// Checks that this file holds the CSV's table cell by cell: the same header, the same rows in the same order; a
    /// null is an empty CSV cell, text is equal, integers parse to the same value, doubles parse to the same bits
    /// (the CSV writes round-trip numbers), booleans are <c>true</c>/<c>false</c> (false may be written empty in the
    /// columns of <paramref name="falseIsEmpty"/>).
    /// </summary>
    public void ShouldEqualCsv(CsvText csv, params string[] falseIsEmpty)
    {
        Names.Should().Equal(csv.Header);
        Rows.Should().HaveCount(csv.Rows.Count);
        for (int r = 0; r < Rows.Count; r++)
        {
            for (int c = 0; c < Names.Length; c++)
            {
                string expected = csv.Rows[r][c];
                object? cell = Rows[r][c];
                string where = $"row {r + 1}, column {Names[c]} ({Types[c]})";
                switch (cell)
                {
                    case null:
                        expected.Should().BeEmpty(where);
                        break;
                    case string text:
                        text.Should().Be(expected, where);
                        break;
                    case long or int:
                        Convert.ToInt64(cell, CultureInfo.InvariantCulture).Should().Be(long.Parse(expected, CultureInfo.InvariantCulture), where);
                        break;
                    case double number:
                        BitConverter.DoubleToInt64Bits(number).Should().Be(BitConverter.DoubleToInt64Bits(double.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture)), where);
                        break;
                    case bool flag:
                        if (!flag && falseIsEmpty.Contains(Names[c]))
                        {
                            expected.Should().BeEmpty(where);
                        }
                        else
                        {
                            expected.Should().Be(flag ? "true" : "false", where);
                        }

                        break;
                    default:
                        throw new InvalidOperationException($"{where}: unexpected cell type {cell.GetType()}.");
                }
            }
        }
    }
}
