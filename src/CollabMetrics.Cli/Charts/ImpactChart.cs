using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Impact;

namespace CollabMetrics.Cli.Charts;

/// <summary>Citation impact over time: units' shares of the world's top papers, and a focus's co-publication impact.</summary>
internal static class ImpactChart
{
    /// <summary>Draws each unit's top share over the slices of <paramref name="table"/> (one line per unit) to an SVG or PNG file.</summary>
    public static void SaveTopShare(string path, ImpactTable table, IReadOnlyList<Unit> units, string? note = null)
    {
        var series = new List<ChartSeries>(units.Count);
        foreach (var unit in units)
        {
            var rows = table.Of(unit);
            series.Add(new ChartSeries(unit.Code, [.. rows.Select(r => r.Slice.ToYear ?? 0)], [.. rows.Select(r => r.TopShare)]));
        }

        string title = string.Create(
            CultureInfo.InvariantCulture,
            $"Share of the world's top {table.Impact.TopPercent:0.##}% papers{(table.Context.Technology is { } t ? " in " + t : string.Empty)}");
        LineChart.Save(path, note is null ? title : $"{title} - {note}", "top_share", series, note);
    }

    /// <summary>
    /// Draws the MNCS of the focus's co-publications with <paramref name="partner"/>, the MNCS of the focus's domestic
    /// publications (from <paramref name="focusRows"/>) and the advantage (their ratio) over the years.
    /// </summary>
    public static void SavePair(string path, PairImpactTable pairs, Unit partner, IReadOnlyList<ImpactRow> focusRows, string? note = null)
    {
        var rows = pairs.Where(r => r.Partner == partner).ToList();
        var series = new List<ChartSeries>
        {
            new($"MNCS {pairs.Focus.Code}-{partner.Code}", [.. rows.Select(r => r.Slice.ToYear ?? 0)], [.. rows.Select(r => r.Mncs)]),
            new($"MNCS {pairs.Focus.Code} domestic", [.. focusRows.Select(r => r.Slice.ToYear ?? 0)], [.. focusRows.Select(r => r.Domestic.Mncs)]),
            new("advantage", [.. rows.Select(r => r.Slice.ToYear ?? 0)], [.. rows.Select(r => r.Advantage)]),
        };
        string title = $"{pairs.Focus.Code}-{partner.Code} co-publications against {pairs.Focus.Code}'s domestic work";
        LineChart.Save(path, note is null ? title : $"{title} - {note}", "MNCS / advantage", series, note);
    }
}
