namespace CollabMetrics.Cli.Commands;

/// <summary>The closest known names to a name the user typed, for "did you mean" messages.</summary>
internal static class Suggestions
{
    /// <summary>
    /// Up to <paramref name="max"/> of <paramref name="candidates"/> within an edit distance of a third of the
    /// typed name's length (ignoring case), or containing it; nearest first.
    /// </summary>
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> candidates, int max = 3)
    {
        var key = typed.Trim().ToUpperInvariant();
        if (key.Length == 0)
        {
            return [];
        }

        int limit = Math.Max(1, key.Length / 3);
        return
        [
            .. candidates
                .Select(c => (Candidate: c, Distance: Distance(key, c.ToUpperInvariant())))
                .Where(x => x.Distance <= limit || (key.Length >= 3 && x.Candidate.Contains(typed.Trim(), StringComparison.OrdinalIgnoreCase)))
                .OrderBy(x => x.Distance)
                .ThenBy(x => x.Candidate, StringComparer.Ordinal)
                .Select(x => x.Candidate)
                .Distinct(StringComparer.Ordinal)
                .Take(max),
        ];
    }

    /// <summary>The Levenshtein distance between two strings.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
