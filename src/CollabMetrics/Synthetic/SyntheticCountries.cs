using CollabMetrics.Geography;

namespace CollabMetrics.Synthetic;

/// <summary>The country output profile of the synthetic corpus: a ranked head with its own growth rates and a heavy tail.</summary>
internal static class SyntheticCountries
{
    /// <summary>Output weight at the middle of 2005-2024 (CN = 1) and yearly growth (log scale) of the largest producers.</summary>
    private static readonly (string Code, double Weight, double Growth)[] s_head =
    [
        ("CN", 1.00, 0.08), ("US", 0.75, -0.01), ("IN", 0.28, 0.07), ("GB", 0.22, -0.01), ("DE", 0.21, -0.01),
        ("JP", 0.17, -0.03), ("KR", 0.14, 0.02), ("IT", 0.14, 0.00), ("FR", 0.13, -0.02), ("CA", 0.12, 0.00),
        ("ES", 0.11, 0.00), ("AU", 0.11, 0.02), ("IR", 0.09, 0.07), ("BR", 0.09, 0.03), ("RU", 0.08, 0.03),
        ("TW", 0.07, -0.01), ("TR", 0.07, 0.04), ("NL", 0.06, 0.00), ("PL", 0.06, 0.03), ("CH", 0.05, 0.00),
        ("SE", 0.045, 0.00), ("SA", 0.04, 0.12), ("PK", 0.035, 0.10), ("EG", 0.035, 0.07), ("SG", 0.035, 0.02),
        ("MY", 0.035, 0.04), ("BE", 0.035, 0.00), ("DK", 0.03, 0.01), ("PT", 0.03, 0.02), ("AT", 0.028, 0.00),
        ("IL", 0.026, 0.00), ("HK", 0.026, 0.02), ("CZ", 0.025, 0.01), ("MX", 0.025, 0.02), ("NO", 0.022, 0.01),
        ("FI", 0.02, 0.00), ("ZA", 0.02, 0.03), ("GR", 0.02, 0.00), ("IE", 0.016, 0.01), ("TH", 0.014, 0.03),
        ("VN", 0.012, 0.10), ("ID", 0.012, 0.10), ("NZ", 0.012, 0.00), ("RO", 0.012, 0.01), ("CL", 0.01, 0.03),
        ("AR", 0.01, 0.01), ("HU", 0.01, 0.00), ("BD", 0.008, 0.10), ("NG", 0.008, 0.07), ("AE", 0.008, 0.09),
        ("TN", 0.008, 0.03), ("UA", 0.008, 0.00), ("MA", 0.007, 0.06), ("DZ", 0.007, 0.06), ("CO", 0.007, 0.05),
        ("IQ", 0.006, 0.14), ("QA", 0.006, 0.08), ("SK", 0.006, 0.00), ("SI", 0.006, 0.00), ("JO", 0.005, 0.05),
        ("ET", 0.004, 0.08), ("KE", 0.004, 0.05),
    ];

    /// <summary>Territories without research output of their own, never used.</summary>
    private static readonly HashSet<string> s_excluded = new(StringComparer.Ordinal)
    {
        "AQ", "BV", "HM", "UM", "TF", "IO", "GS", "PN", "TK", "NU", "NF", "CX", "CC", "SJ", "WF", "PM", "BL", "MF",
        "SX", "BQ", "AX", "FK", "MS", "AI", "VG", "TC", "VA", "SH", "EH", "YT", "AS", "MP", "VI", "GG", "JE", "IM",
        "CK", "TV", "NR", "MH", "PW", "GI", "BM", "KY", "GU", "RE", "GP", "MQ", "GF",
    };

    /// <summary>Decay of the tail of the output distribution beyond the head.</summary>
    private const double TailExponent = 1.3;

    /// <summary>Yearly growth of tail countries.</summary>
    private const double TailGrowth = 0.04;

    /// <summary>The <paramref name="count"/> countries used, largest first, with their mid-period weight and growth.</summary>
    internal static (Country Country, double Weight, double Growth)[] Profile(int count)
    {
        var result = new List<(Country, double, double)>(count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, weight, growth) in s_head)
        {
            if (result.Count == count)
            {
                return [.. result];
            }

            result.Add((Country.FromKnownCode(code), weight, growth));
            used.Add(code);
        }

        double last = s_head[^1].Weight;
        int head = s_head.Length;
        foreach (var country in Country.All)
        {
            if (result.Count == count)
            {
                break;
            }

            if (used.Contains(country.Code) || s_excluded.Contains(country.Code))
            {
                continue;
            }

            int r = result.Count - head + 1;
            result.Add((country, last * Math.Pow((double)head / (head + r), TailExponent), TailGrowth));
        }

        return [.. result];
    }

    /// <summary>How many countries <see cref="Profile"/> can return.</summary>
    internal static int Available
    {
        get
        {
            int n = 0;
            foreach (var country in Country.All)
            {
                if (!s_excluded.Contains(country.Code))
                {
                    n++;
                }
            }

            return n;
        }
    }
}
