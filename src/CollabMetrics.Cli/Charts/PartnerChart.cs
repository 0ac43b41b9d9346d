using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Cli.Charts;

/// <summary>A focus country's top partners over time for one index: one line per partner (the library's series).</summary>
internal static class PartnerChart
{
    /// <summary>
    /// The partners ranked 1 to <paramref name="top"/> by <paramref name="index"/> in the last slice of
    /// <paramref name="table"/>, best first.
    /// </summary>
    public static IReadOnlyList<Unit> TopPartners(PartnerTable table, CollaborationIndex index, int top)
    {
        var ranked = table.Rank(index);
        if (ranked.Slices.Count == 0)
        {
            return [];
        }

        var last = ranked.Slices[^1];
        return [.. ranked.Where(r => r.Slice == last && r.Rank is not null && (top <= 0 || r.Rank <= top)).OrderBy(r => r.Rank).Select(r => r.Partner)];
    }

    /// <summary>
    /// Draws <paramref name="partners"/>' values of <paramref name="index"/> over the slices of <paramref name="table"/>
    /// (a window is placed at its last year) to an SVG or PNG file.
    /// </summary>
    public static void Save(string path, PartnerTable table, CollaborationIndex index, IReadOnlyList<Unit> partners, string? note = null)
    {
        var series = new List<ChartSeries>(partners.Count);
        foreach (var partner in partners)
        {
            var points = table.Series(partner, index);
            series.Add(new ChartSeries(
                partner.Code,
                [.. points.Select(p => p.Slice.ToYear ?? 0)],
                [.. points.Select(p => p.Value)]));
        }

        bool windows = table.Count > 0 && table[0].Slice.FromYear != table[0].Slice.ToYear;
        string title = string.Create(
            CultureInfo.InvariantCulture,
            $"{table.Focus}'s top {partners.Count} partners by {index.ToName()}{(windows ? " (windows, by last year)" : string.Empty)}");
        LineChart.Save(path, note is null ? title : $"{title} - {note}", index.ToName(), series, note);
    }
}
