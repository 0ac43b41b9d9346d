using System.Globalization;
using ScottPlot;

namespace CollabMetrics.Cli.Charts;

/// <summary>
/// Draws values over years, one labelled line per series, with a year on every tick (every second year past 16
/// years), to SVG or PNG through ScottPlot. Headless: needs no display.
/// </summary>
internal static class LineChart
{
    /// <summary>Pixels wide.</summary>
    public const int Width = 1200;

    /// <summary>Pixels high.</summary>
    public const int Height = 700;

    /// <summary>Draws the chart and saves it to <paramref name="path"/>; the extension (.svg or .png) picks the format.</summary>
    /// <param name="path">The file to write, ending in .svg or .png.</param>
    /// <param name="title">The title over the chart.</param>
    /// <param name="yLabel">The vertical axis label (the index).</param>
    /// <param name="series">The lines, in legend order.</param>
    /// <param name="note">A note in the lower-left corner of the data area (such as "SYNTHETIC DATA"), or null.</param>
    public static void Save(string path, string title, string yLabel, IReadOnlyList<ChartSeries> series, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(series);
        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int minYear = int.MaxValue, maxYear = int.MinValue;
        for (int s = 0; s < series.Count; s++)
        {
            var (xs, ys) = Defined(series[s]);
            if (xs.Length == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(xs, ys, palette.GetColor(s));
            line.LegendText = series[s].Label;
            line.LineWidth = 2.5f;
            line.MarkerSize = 6;
            minYear = Math.Min(minYear, (int)xs[0]);
            maxYear = Math.Max(maxYear, (int)xs[^1]);
        }

        plot.Title(title, size: 20);
        plot.XLabel("Year", size: 16);
        plot.YLabel(yLabel, size: 16);
        if (minYear <= maxYear)
        {
            int step = maxYear - minYear > 16 ? 2 : 1;
            var ticks = new List<double>();
            var labels = new List<string>();
            for (int year = minYear; year <= maxYear; year += step)
            {
                ticks.Add(year);
                labels.Add(year.ToString(CultureInfo.InvariantCulture));
            }

            plot.Axes.Bottom.SetTicks([.. ticks], [.. labels]);
            plot.Axes.SetLimitsX(minYear - 0.5, maxYear + 0.5);
        }

        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        if (note is not null)
        {
            var annotation = plot.Add.Annotation(note, Alignment.UpperLeft);
            annotation.LabelFontSize = 14;
            annotation.LabelBold = true;
        }

        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 14;
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            plot.SaveSvg(path, Width, Height);
        }
        else
        {
            plot.SavePng(path, Width, Height);
        }
    }

    private static (double[] Xs, double[] Ys) Defined(ChartSeries series)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < series.Years.Count && i < series.Values.Count; i++)
        {
            if (double.IsFinite(series.Values[i]))
            {
                xs.Add(series.Years[i]);
                ys.Add(series.Values[i]);
            }
        }

        return ([.. xs], [.. ys]);
    }
}
