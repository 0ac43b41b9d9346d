namespace CollabMetrics.Impact;

/// <summary>
/// The per-value scores of a cell's reference sets: the top x% flag with shared ties (CWTS) and the normalised
/// citation score, one number each per distinct value of <see cref="ReferenceCell.Values"/>.
/// </summary>
/// <remarks>
/// For a reference set R with counts c_k: F(c) = |{k: c_k &lt;= c}| / |R|; tau is the smallest c_k with
/// F(c_k) &gt;= 1 - x and theta = (F(tau) - (1 - x)) / p(tau). A value above tau scores 1, tau scores theta, below 0,
/// so the flags of R sum to x |R|. The comparison F(c_k) &gt;= 1 - x is made on exact decimals. NCS = c / mean of R,
/// or 1 when the mean is 0.
/// </remarks>
internal static class ReferenceScores
{
    /// <summary>Fills <paramref name="top"/> and <paramref name="ncs"/> (one entry per value of the cell).</summary>
    internal static void Compute(ReferenceCell cell, TopPercent x, Span<double> top, Span<double> ncs) =>
        Compute(cell.Values, cell.Counts, x, top, ncs);

    /// <summary>
    /// Fills <paramref name="top"/> and <paramref name="ncs"/> for the reference sets of sorted distinct
    /// <paramref name="values"/> with whole <paramref name="counts"/> (a value with count 0 is allowed, and a set with
    /// no publication flags nothing).
    /// </summary>
    internal static void Compute(ReadOnlySpan<long> values, ReadOnlySpan<double> counts, TopPercent x, Span<double> top, Span<double> ncs)
    {
        int s = 0;
        while (s < values.Length)
        {
            // One reference set: the values of one class.
            int referenceClass = ReferenceCell.ClassOf(values[s]);
            int e = s;
            long size = 0;
            Int128 citations = 0;
            while (e < values.Length && ReferenceCell.ClassOf(values[e]) == referenceClass)
            {
                long n = (long)counts[e];
                size += n;
                citations += (Int128)n * ReferenceCell.CitationsOf(values[e]);
                e++;
            }

            decimal below = x.Below(size);
            long cumulative = 0;
            int tau = -1;
            for (int v = s; v < e; v++)
            {
                long n = (long)counts[v];
                cumulative += n;
                if (tau < 0 && n > 0 && cumulative >= below)
                {
                    tau = v;
                    top[v] = (double)((cumulative - below) / n);
                }
                else
                {
                    top[v] = tau < 0 ? 0.0 : 1.0;
                }
            }

            double mean = (double)citations / size;
            for (int v = s; v < e; v++)
            {
                ncs[v] = citations == 0 ? 1.0 : ReferenceCell.CitationsOf(values[v]) / mean;
            }

            s = e;
        }
    }
}
