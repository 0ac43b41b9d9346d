namespace CollabMetrics.Cli.Charts;

/// <summary>One line of a chart: a label and a value per year; undefined (NaN) values are left out of the line.</summary>
/// <param name="Label">The legend text, such as a country code.</param>
/// <param name="Years">The years (x).</param>
/// <param name="Values">The values (y), one per year.</param>
internal sealed record ChartSeries(string Label, IReadOnlyList<int> Years, IReadOnlyList<double> Values);
