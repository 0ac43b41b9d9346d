namespace CollabMetrics.Benchmarks;

/// <summary>The median the console modes print.</summary>
internal static class Median
{
    /// <summary>The middle value of <paramref name="values"/>, or the mean of the two middle values when their count is even.</summary>
    internal static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("There is no value to take the median of.", nameof(values));
        }

        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
