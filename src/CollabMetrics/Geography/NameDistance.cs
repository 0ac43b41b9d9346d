namespace CollabMetrics.Geography;

/// <summary>The edit distance used to suggest the closest names when a name is not recognised.</summary>
internal static class NameDistance
{
    /// <summary>
    /// The Levenshtein distance between <paramref name="a"/> and <paramref name="b"/> (ordinal characters), or any
    /// value above <paramref name="limit"/> when it exceeds it.
    /// </summary>
    public static int Between(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>
    /// Up to <paramref name="max"/> of <paramref name="candidates"/> closest to <paramref name="text"/>, ignoring case:
    /// within an edit distance of a third of its length, or starting with it; nearest first.
    /// </summary>
    public static IReadOnlyList<string> Closest(string text, IEnumerable<string> candidates, int max = 3)
    {
        var key = text.Trim().ToUpperInvariant();
        if (key.Length == 0)
        {
            return [];
        }

        int limit = Math.Max(1, key.Length / 3);
        var best = new List<(int Distance, string Candidate)>();
        foreach (var candidate in candidates)
        {
            var folded = candidate.ToUpperInvariant();
            int distance = Between(key, folded, limit);
            if (distance <= limit || (key.Length >= 3 && folded.StartsWith(key, StringComparison.Ordinal)))
            {
                best.Add((Math.Min(distance, limit), candidate));
            }
        }

        best.Sort((x, y) => x.Distance != y.Distance ? x.Distance.CompareTo(y.Distance) : string.CompareOrdinal(x.Candidate, y.Candidate));
        var result = new List<string>(max);
        foreach (var (_, candidate) in best)
        {
            if (!result.Contains(candidate))
            {
                result.Add(candidate);
                if (result.Count == max)
                {
                    break;
                }
            }
        }

        return result;
    }
}
