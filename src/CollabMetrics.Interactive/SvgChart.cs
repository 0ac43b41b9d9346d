using System.Globalization;
using System.Net;
using System.Text;

namespace CollabMetrics.Interactive;

/// <summary>Small self-contained SVG charts: a line chart of series over years and a horizontal bar chart.</summary>
internal static class SvgChart
{
    private const int Width = 720;
    private const int Height = 340;
    private const int Left = 64;
    private const int Right = 170;
    private const int Top = 28;
    private const int Bottom = 40;

    private static readonly string[] s_palette =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    /// <summary>One line per series; a NaN value breaks the line.</summary>
    public static string Lines(string title, string valueLabel, IReadOnlyList<int> years, IReadOnlyList<(string Name, double[] Values)> series)
    {
        double max = 0;
        foreach (var (_, values) in series)
        {
            foreach (var v in values)
            {
                if (!double.IsNaN(v) && v > max)
                {
                    max = v;
                }
            }
        }

        max = NiceCeiling(max);
        int plotWidth = Width - Left - Right;
        int plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (years.Count == 1 ? plotWidth / 2.0 : plotWidth * i / (double)(years.Count - 1));
        double Y(double v) => Top + plotHeight - (plotHeight * v / max);

        var svg = Start(title);
        Axes(svg, valueLabel, max, plotWidth, plotHeight);
        int step = Math.Max(1, (int)Math.Ceiling(years.Count / 12.0));
        for (int i = 0; i < years.Count; i += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{years[i]}</text>");
        }

        for (int s = 0; s < series.Count; s++)
        {
            var (name, values) = series[s];
            string color = s_palette[s % s_palette.Length];
            var path = new StringBuilder();
            bool pen = false;
            for (int i = 0; i < values.Length; i++)
            {
                if (double.IsNaN(values[i]))
                {
                    pen = false;
                    continue;
                }

                path.Append(pen ? " L" : " M").Append(F(X(i))).Append(' ').Append(F(Y(values[i])));
                pen = true;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"series\" d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"><title>{Escape(name)}</title></path>");
            for (int i = 0; i < values.Length; i++)
            {
                if (!double.IsNaN(values[i]))
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(values[i]))}\" r=\"2.5\" fill=\"{color}\"><title>{Escape(name)} {years[i]}: {NotebookFormatters.FormatNumber(values[i])}</title></circle>");
                }
            }

            int legendY = Top + 4 + (s * 16);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right + 12}\" y=\"{legendY}\" width=\"10\" height=\"10\" fill=\"{color}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 28}\" y=\"{legendY + 9}\" font-size=\"11\">{Escape(name)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, in the given order.</summary>
    public static string Bars(string title, string valueLabel, IReadOnlyList<(string Label, double Value)> bars)
    {
        double max = 0;
        foreach (var (_, v) in bars)
        {
            if (!double.IsNaN(v) && v > max)
            {
                max = v;
            }
        }

        max = NiceCeiling(max);
        const int barHeight = 18;
        const int labelWidth = 150;
        int height = Top + Bottom + (bars.Count * (barHeight + 4));
        int plotWidth = Width - labelWidth - 90;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"collabmetrics-chart\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"16\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">{Escape(title)}</text>");
        for (int i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            int y = Top + (i * (barHeight + 4));
            double w = double.IsNaN(value) ? 0 : plotWidth * value / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 13}\" text-anchor=\"end\" font-size=\"11\">{Escape(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y}\" width=\"{F(w)}\" height=\"{barHeight}\" fill=\"{s_palette[0]}\"><title>{Escape(label)}: {NotebookFormatters.FormatNumber(value)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(labelWidth + w + 4)}\" y=\"{y + 13}\" font-size=\"11\">{NotebookFormatters.FormatNumber(value)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + (plotWidth / 2)}\" y=\"{height - 12}\" text-anchor=\"middle\" font-size=\"11\">{Escape(valueLabel)}</text>");
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Start(string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"collabmetrics-chart\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Width - Right + Left) / 2}\" y=\"16\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">{Escape(title)}</text>");
        return svg;
    }

    private static void Axes(StringBuilder svg, string valueLabel, double max, int plotWidth, int plotHeight)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#444\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#444\"/>");
        for (int t = 0; t <= 4; t++)
        {
            double v = max * t / 4;
            double y = Top + plotHeight - (plotHeight * t / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Left + plotWidth}\" y2=\"{F(y)}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" font-size=\"11\">{NotebookFormatters.FormatNumber(v)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{Top + (plotHeight / 2)}\" text-anchor=\"middle\" font-size=\"11\" transform=\"rotate(-90 14 {Top + (plotHeight / 2)})\">{Escape(valueLabel)}</text>");
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 times a power of ten that is at least <paramref name="max"/> (1 for 0).</summary>
    internal static double NiceCeiling(double max)
    {
        if (!(max > 0) || double.IsInfinity(max))
        {
            return 1;
        }

        double power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
        {
            if (m * power >= max)
            {
                return m * power;
            }
        }

        return 10 * power;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
