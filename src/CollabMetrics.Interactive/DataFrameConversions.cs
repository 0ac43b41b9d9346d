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
    /// The table as a DataFrame with its columns (<see cref="ITabularResult.Columns"/>), in order, one row per table
    /// row, typed by the column's kind: <see cref="ColumnKind.Text"/> as <see cref="StringDataFrameColumn"/>,
    /// <see cref="ColumnKind.Integer"/> (ranks, replicates) as <see cref="Int32DataFrameColumn"/> (or
    /// <see cref="Int64DataFrameColumn"/> when a value does not fit), <see cref="ColumnKind.Number"/> as
    /// <see cref="DoubleDataFrameColumn"/>. An undefined value (<see cref="double.NaN"/> in the table, empty in
    /// CSV) is a missing value (null) of the DataFrame, so that <c>DropNulls</c>, <c>FillNulls</c> and
    /// <c>NullCount</c> treat it as such. Works for every result table, through the tabular contract.
    /// </summary>
    /// <param name="table">The table, such as a <see cref="PartnerTable"/>.</param>
    /// <returns>A new DataFrame.</returns>
    public static DataFrame ToDataFrame(this ITabularResult table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns;
        var sink = new ColumnSink(columns);
        table.WriteRows(sink);
        return new DataFrame(sink.Build());
    }

    /// <summary>Fills one builder per column, cell by cell.</summary>
    private sealed class ColumnSink(IReadOnlyList<TableColumn> columns) : ITableSink
    {
        private readonly List<string?>[] _text = [.. columns.Select(c => c.Kind == ColumnKind.Text ? new List<string?>() : null!)];
        private readonly List<long?>[] _integers = [.. columns.Select(c => c.Kind == ColumnKind.Integer ? new List<long?>() : null!)];
        private readonly List<double?>[] _numbers = [.. columns.Select(c => c.Kind == ColumnKind.Number ? new List<double?>() : null!)];
        private int _column;

        public void BeginRow() => _column = 0;

        public void WriteText(string? value) => _text[_column++].Add(value);

        public void WriteInteger(long? value) => _integers[_column++].Add(value);

        public void WriteNumber(double value) => _numbers[_column++].Add(double.IsFinite(value) ? value : null);

        public void EndRow()
        {
        }

        public List<DataFrameColumn> Build()
        {
            var result = new List<DataFrameColumn>(columns.Count);
            for (int c = 0; c < columns.Count; c++)
            {
                string name = columns[c].Name;
                switch (columns[c].Kind)
                {
                    case ColumnKind.Text:
                        result.Add(new StringDataFrameColumn(name, _text[c]));
                        break;
                    case ColumnKind.Integer:
                        var values = _integers[c];
                        result.Add(values.All(v => v is null or (>= int.MinValue and <= int.MaxValue))
                            ? new Int32DataFrameColumn(name, values.Select(v => v is { } x ? (int?)(int)x : null))
                            : new Int64DataFrameColumn(name, values));
                        break;
                    default:
                        result.Add(new DoubleDataFrameColumn(name, _numbers[c]));
                        break;
                }
            }

            return result;
        }
    }
}
