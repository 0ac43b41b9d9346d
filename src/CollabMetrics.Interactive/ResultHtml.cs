using System.Globalization;
using System.Net;
using System.Text;

namespace CollabMetrics.Interactive;

/// <summary>
/// Renders a result table as HTML: a line naming what it was computed with, a chart when the table is a time
/// series or a ranking, then the rows (the first <see cref="MaxRows"/>).
/// </summary>
internal static class ResultHtml
{
    public const int MaxRows = 200;
    private const int MaxSeries = 8;
    private const int MaxBars = 15;

    private static readonly string[] s_contextKeys =
    [
        "level", "territory", "technology_assignment", "link_weighting", "ranked_by", "groups",
        "diagnostics.publications", "diagnostics.publications_without_unit", "diagnostics.unresolved_affiliations",
    ];

    private static readonly string[] s_seriesColumns = ["partner", "unit", "country", "institution"];

    private static readonly string[] s_fallbackValueColumns = ["copublications", "publications", "weight"];

    public static string Render(string title, TabularData data)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"collabmetrics-result\">");
        html.Append(CultureInfo.InvariantCulture, $"<p><b>{Escape(title)}</b>: {data.Rows.Count} rows");
        foreach (var key in s_contextKeys)
        {
            if (data.ContextValue(key) is { } value)
            {
                html.Append(CultureInfo.InvariantCulture, $"; {Escape(key.Replace("diagnostics.", "", StringComparison.Ordinal))} {Escape(value)}");
            }
        }

        html.Append("</p>");
        if (Chart(data) is { } chart)
        {
            html.Append(chart);
        }

        html.Append("<table><thead><tr>");
        foreach (var column in data.Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Escape(column)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        int shown = Math.Min(MaxRows, data.Rows.Count);
        for (int r = 0; r < shown; r++)
        {
            html.Append("<tr>");
            foreach (var cell in data.Rows[r])
            {
                html.Append(cell switch
                {
                    double d => $"<td style=\"text-align:right\">{NotebookFormatters.FormatNumber(d)}</td>",
                    string s => $"<td>{Escape(s)}</td>",
                    _ => "<td></td>",
                });
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
        if (shown < data.Rows.Count)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>&#8230; {data.Rows.Count - shown} more rows (ToCsv or ToDataFrame for all of them)</p>");
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>
    /// A line chart when the rows cover two or more single years with a partner or unit column, a bar chart when
    /// the table is ranked (a <c>rank</c> column or a ranking index) within one slice; otherwise null. The value
    /// is the ranking index when the table has one, else co-publications, publications or weight, else the last
    /// column when it holds numbers (the measure of a time series).
    /// </summary>
    internal static string? Chart(TabularData data)
    {
        int valueColumn = ValueColumn(data);
        int seriesColumn = -1;
        foreach (var name in s_seriesColumns)
        {
            if (data.ColumnIndex(name) is >= 0 and var index)
            {
                seriesColumn = index;
                break;
            }
        }

        int yearColumn = data.ColumnIndex("year");
        if (valueColumn < 0 || seriesColumn < 0 || data.Rows.Count == 0)
        {
            return null;
        }

        string valueName = data.Columns[valueColumn];
        var years = new SortedSet<int>();
        bool singleYears = yearColumn >= 0;
        if (singleYears)
        {
            foreach (var row in data.Rows)
            {
                if (row[yearColumn] is string label && int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out int year))
                {
                    years.Add(year);
                }
                else
                {
                    singleYears = false;
                    break;
                }
            }
        }

        if (singleYears && years.Count >= 2)
        {
            return TimeSeries(data, valueColumn, seriesColumn, yearColumn, [.. years], valueName);
        }

        bool ranked = data.ColumnIndex("rank") >= 0 || data.ContextValue("ranked_by") is not null;
        return ranked ? Ranking(data, valueColumn, seriesColumn, yearColumn, valueName) : null;
    }

    private static int ValueColumn(TabularData data)
    {
        if (data.ContextValue("ranked_by") is { } rankedBy && data.ColumnIndex(rankedBy) is >= 0 and var ranked)
        {
            return ranked;
        }

        foreach (var name in s_fallbackValueColumns)
        {
            if (data.ColumnIndex(name) is >= 0 and var index)
            {
                return index;
            }
        }

        // A single measure (a time series): the last column, when it holds numbers.
        int last = data.Columns.Count - 1;
        foreach (var row in data.Rows)
        {
            if (row[last] is double)
            {
                return last;
            }
        }

        return -1;
    }

    private static string TimeSeries(TabularData data, int valueColumn, int seriesColumn, int yearColumn, int[] years, string valueName)
    {
        var yearIndex = new Dictionary<int, int>();
        for (int i = 0; i < years.Length; i++)
        {
            yearIndex[years[i]] = i;
        }

        var series = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in data.Rows)
        {
            string name = row[seriesColumn] as string ?? "";
            if (!series.TryGetValue(name, out var values))
            {
                values = new double[years.Length];
                Array.Fill(values, double.NaN);
                series[name] = values;
                order.Add(name);
            }

            int year = int.Parse((string)row[yearColumn]!, CultureInfo.InvariantCulture);
            values[yearIndex[year]] = row[valueColumn] is double d ? d : double.NaN;
        }

        // The strongest series in the last year with a value keep the chart readable.
        var top = order
            .Select(name => (Name: name, Values: series[name]))
            .OrderByDescending(s => LastValue(s.Values))
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(MaxSeries)
            .ToList();
        return SvgChart.Lines($"{valueName} by year", valueName, years, top);
    }

    private static string Ranking(TabularData data, int valueColumn, int seriesColumn, int yearColumn, string valueName)
    {
        // One slice: the last one listed when the table holds several.
        string? slice = yearColumn >= 0 ? data.Rows[^1][yearColumn] as string : null;
        var bars = new List<(string Label, double Value)>();
        foreach (var row in data.Rows)
        {
            if (yearColumn >= 0 && !string.Equals(row[yearColumn] as string, slice, StringComparison.Ordinal))
            {
                continue;
            }

            bars.Add((row[seriesColumn] as string ?? "", row[valueColumn] is double d ? d : double.NaN));
        }

        bars = [.. bars.OrderByDescending(b => double.IsNaN(b.Value) ? double.NegativeInfinity : b.Value).ThenBy(b => b.Label, StringComparer.Ordinal).Take(MaxBars)];
        string title = slice is null ? $"ranking by {valueName}" : $"ranking by {valueName}, {slice}";
        return SvgChart.Bars(title, valueName, bars);
    }

    private static double LastValue(double[] values)
    {
        for (int i = values.Length - 1; i >= 0; i--)
        {
            if (!double.IsNaN(values[i]))
            {
                return values[i];
            }
        }

        return double.NegativeInfinity;
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
