using System.Reflection;
using System.Text;
using CollabMetrics.Metrics;
using Microsoft.Data.Analysis;

namespace CollabMetrics.Interactive;

/// <summary>
/// Converts result tables to <see cref="DataFrame"/>s of Microsoft.Data.Analysis, for filtering, grouping, joining
/// and plotting in a notebook.
/// </summary>
/// <example>
/// <code>
/// DataFrame frame = table.ToDataFrame();
/// DataFrame strong = frame.Filter(frame["partner_share"].ElementwiseGreaterThan(0.1));
/// </code>
/// </example>
public static class DataFrameConversions
{
    /// <summary>
    /// The table as a DataFrame with the columns of its CSV output (<see cref="ResultTable{TRow}.Columns"/>), in
    /// order, one row per table row. Text columns are <see cref="StringDataFrameColumn"/>s, integer columns (ranks,
    /// years) <see cref="Int32DataFrameColumn"/>s, numbers <see cref="DoubleDataFrameColumn"/>s. An undefined value
    /// (<see cref="double.NaN"/> in the table, empty in CSV) is a missing value (null) of the DataFrame, so that
    /// <c>DropNulls</c>, <c>FillNulls</c> and <c>NullCount</c> treat it as such.
    /// </summary>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <param name="table">The table.</param>
    /// <returns>A new DataFrame.</returns>
    public static DataFrame ToDataFrame<TRow>(this ResultTable<TRow> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var data = TabularData.FromJson(table.ToJson(), table.Columns);
        var propertyTypes = PropertyTypesBySnakeCaseName(typeof(TRow));
        var columns = new List<DataFrameColumn>(data.Columns.Count);
        for (int c = 0; c < data.Columns.Count; c++)
        {
            string name = data.Columns[c];
            propertyTypes.TryGetValue(name, out var propertyType);
            columns.Add(Column(name, data, c, propertyType));
        }

        return new DataFrame(columns);
    }

    private static DataFrameColumn Column(string name, TabularData data, int c, Type? propertyType)
    {
        bool anyText = false, anyNumber = false;
        foreach (var row in data.Rows)
        {
            anyText |= row[c] is string;
            anyNumber |= row[c] is double;
        }

        var underlying = propertyType is null ? null : Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (anyText || (!anyNumber && underlying == typeof(string)))
        {
            var text = new StringDataFrameColumn(name, data.Rows.Count);
            for (int r = 0; r < data.Rows.Count; r++)
            {
                text[r] = data.Rows[r][c] switch
                {
                    string s => s,
                    double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => null,
                };
            }

            return text;
        }

        if (underlying == typeof(int))
        {
            var integers = new Int32DataFrameColumn(name, data.Rows.Count);
            for (int r = 0; r < data.Rows.Count; r++)
            {
                integers[r] = data.Rows[r][c] is double d ? (int)d : null;
            }

            return integers;
        }

        var numbers = new DoubleDataFrameColumn(name, data.Rows.Count);
        for (int r = 0; r < data.Rows.Count; r++)
        {
            numbers[r] = data.Rows[r][c] is double d && !double.IsNaN(d) ? d : null;
        }

        return numbers;
    }

    private static Dictionary<string, Type> PropertyTypesBySnakeCaseName(Type rowType)
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var property in rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            types.TryAdd(SnakeCase(property.Name), property.PropertyType);
        }

        return types;
    }

    /// <summary>PascalCase to snake_case: <c>FromYear</c> to <c>from_year</c>.</summary>
    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char ch = name[i];
            if (char.IsUpper(ch))
            {
                if (i > 0 && !char.IsUpper(name[i - 1]))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(ch));
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
