using System.Globalization;

namespace CollabMetrics.Metrics;

/// <summary>Slice labels of result rows: <c>2019</c>, <c>2015-2019</c> or <c>all</c>.</summary>
internal static class SliceLabels
{
    public static string Format(int? from, int? to)
    {
        if (from is null && to is null)
        {
            return "all";
        }

        string a = from?.ToString(CultureInfo.InvariantCulture) ?? "...";
        string b = to?.ToString(CultureInfo.InvariantCulture) ?? "...";
        return from == to ? a : $"{a}-{b}";
    }

    public static (int? From, int? To) Parse(string label)
    {
        if (int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out int year))
        {
            return (year, year);
        }

        int dash = label.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0
            && int.TryParse(label.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int from)
            && int.TryParse(label.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int to))
        {
            return (from, to);
        }

        return (null, null);
    }
}
