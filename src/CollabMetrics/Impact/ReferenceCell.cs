namespace CollabMetrics.Impact;

/// <summary>
/// The citation statistics of one (year, technology) cell, immutable: the exact citation distribution of its
/// reference set(s), and the same distribution restricted to each unit and to each pair of units. Every figure of
/// IMPACT.md for the cell is a function of these histograms, and histograms of disjoint parts of a corpus add up,
/// so statistics merge exactly.
/// </summary>
/// <remarks>
/// A value is a citation count with its reference-set class (<c>class &lt;&lt; 32 | citations</c>); publications of
/// different classes (document types) form different reference sets within the cell. Without classes every value has
/// class 0 and the cell is one reference set.
/// </remarks>
internal sealed class ReferenceCell
{
    /// <summary>Values per unit histogram entry.</summary>
    internal const int UnitStride = 5;

    /// <summary>Publications (each once, whatever the technology factor): the counts behind the h-index.</summary>
    internal const int Count = 0;

    /// <summary>Sum of phi f(k,i): author-fractional publications.</summary>
    internal const int Fractional = 1;

    /// <summary>Sum of phi over publications with m_k = 1; <see cref="Bilateral"/> m_k = 2, <see cref="Multilateral"/> m_k &gt;= 3. Their sum is the whole count.</summary>
    internal const int Domestic = 2;

    internal const int Bilateral = 3;

    internal const int Multilateral = 4;

    /// <summary>Values per pair histogram entry: the sum of phi over co-publications.</summary>
    internal const int PairStride = 1;

    internal static readonly ReferenceCell Empty = new([], [], [], [], [0], [], [], [], [0], [], []);

    internal ReferenceCell(
        long[] values, double[] counts, double[] weighted,
        int[] units, int[] unitStart, int[] unitValue, double[] unitStats,
        long[] pairs, int[] pairStart, int[] pairValue, double[] pairStats)
    {
        Values = values;
        Counts = counts;
        Weighted = weighted;
        Units = units;
        UnitStart = unitStart;
        UnitValue = unitValue;
        UnitStats = unitStats;
        Pairs = pairs;
        PairStart = pairStart;
        PairValue = pairValue;
        PairStats = pairStats;
    }

    /// <summary>The distinct values of the reference set(s), ascending (by class, then citations).</summary>
    internal long[] Values { get; }

    /// <summary>Per value, the publications of the reference set with it: |R| adds these up.</summary>
    internal double[] Counts { get; }

    /// <summary>Per value, the publications times their technology factor (equal to <see cref="Counts"/> unless technologies are fractional).</summary>
    internal double[] Weighted { get; }

    /// <summary>Unit indices (into the statistics' units), ascending.</summary>
    internal int[] Units { get; }

    /// <summary>Unit u's entries are <c>UnitStart[u] .. UnitStart[u + 1] - 1</c>.</summary>
    internal int[] UnitStart { get; }

    /// <summary>Per unit entry, the position of its value in <see cref="Values"/>, ascending within the unit.</summary>
    internal int[] UnitValue { get; }

    /// <summary><see cref="UnitStride"/> numbers per unit entry.</summary>
    internal double[] UnitStats { get; }

    /// <summary>Pairs of unit indices, <c>(long)a &lt;&lt; 32 | b</c> with a &lt; b, ascending.</summary>
    internal long[] Pairs { get; }

    internal int[] PairStart { get; }

    internal int[] PairValue { get; }

    internal double[] PairStats { get; }

    internal static long ValueOf(int referenceClass, int citations) => ((long)referenceClass << 32) | (uint)citations;

    internal static int CitationsOf(long value) => (int)(value & 0xFFFF_FFFF);

    internal static int ClassOf(long value) => (int)(value >> 32);

    internal static long PairKey(int a, int b) => ((long)a << 32) | (uint)b;

    internal static int PairFirst(long key) => (int)(key >> 32);

    internal static int PairSecond(long key) => (int)(key & 0xFFFF_FFFF);

    internal int FindUnit(int index) => Array.BinarySearch(Units, index);

    /// <summary>The same cell with unit indices renumbered by a monotone map (old index to new index).</summary>
    internal ReferenceCell Remap(int[] map)
    {
        var units = new int[Units.Length];
        for (int i = 0; i < units.Length; i++)
        {
            units[i] = map[Units[i]];
        }

        var pairs = new long[Pairs.Length];
        for (int i = 0; i < pairs.Length; i++)
        {
            pairs[i] = PairKey(map[PairFirst(Pairs[i])], map[PairSecond(Pairs[i])]);
        }

        return new ReferenceCell(Values, Counts, Weighted, units, UnitStart, UnitValue, UnitStats, pairs, PairStart, PairValue, PairStats);
    }

    /// <summary>The sum of two cells over the same unit indices: histograms add value by value (x's numbers first in each addition).</summary>
    internal static ReferenceCell Add(ReferenceCell x, ReferenceCell y)
    {
        if (ReferenceEquals(x, Empty))
        {
            return y;
        }

        if (ReferenceEquals(y, Empty))
        {
            return x;
        }

        // The union of the values, and where each side's values went.
        var values = new long[x.Values.Length + y.Values.Length];
        var counts = new double[values.Length];
        var weighted = new double[values.Length];
        var xAt = new int[x.Values.Length];
        var yAt = new int[y.Values.Length];
        int i = 0, j = 0, n = 0;
        while (i < x.Values.Length || j < y.Values.Length)
        {
            long xv = i < x.Values.Length ? x.Values[i] : long.MaxValue;
            long yv = j < y.Values.Length ? y.Values[j] : long.MaxValue;
            if (xv <= yv)
            {
                values[n] = xv;
                counts[n] = x.Counts[i];
                weighted[n] = x.Weighted[i];
                xAt[i++] = n;
                if (yv == xv)
                {
                    counts[n] += y.Counts[j];
                    weighted[n] += y.Weighted[j];
                    yAt[j++] = n;
                }
            }
            else
            {
                values[n] = yv;
                counts[n] = y.Counts[j];
                weighted[n] = y.Weighted[j];
                yAt[j++] = n;
            }

            n++;
        }

        Array.Resize(ref values, n);
        Array.Resize(ref counts, n);
        Array.Resize(ref weighted, n);

        var unitKeys = MergeSegments(
            Widen(x.Units), x.UnitStart, x.UnitValue, x.UnitStats, xAt,
            Widen(y.Units), y.UnitStart, y.UnitValue, y.UnitStats, yAt,
            UnitStride, out var unitStart, out var unitValue, out var unitStats);
        var units = new int[unitKeys.Length];
        for (int u = 0; u < units.Length; u++)
        {
            units[u] = (int)unitKeys[u];
        }

        var pairs = MergeSegments(
            x.Pairs, x.PairStart, x.PairValue, x.PairStats, xAt,
            y.Pairs, y.PairStart, y.PairValue, y.PairStats, yAt,
            PairStride, out var pairStart, out var pairValue, out var pairStats);
        return new ReferenceCell(values, counts, weighted, units, unitStart, unitValue, unitStats, pairs, pairStart, pairValue, pairStats);
    }

    private static long[] Widen(int[] keys)
    {
        var wide = new long[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            wide[i] = keys[i];
        }

        return wide;
    }

    /// <summary>Merges two sorted lists of keyed histograms whose value positions are mapped by <paramref name="xAt"/> and <paramref name="yAt"/>.</summary>
    private static long[] MergeSegments(
        long[] xKeys, int[] xStart, int[] xValue, double[] xStats, int[] xAt,
        long[] yKeys, int[] yStart, int[] yValue, double[] yStats, int[] yAt,
        int stride, out int[] start, out int[] value, out double[] stats)
    {
        var keys = new long[xKeys.Length + yKeys.Length];
        start = new int[keys.Length + 1];
        value = new int[xValue.Length + yValue.Length];
        stats = new double[value.Length * stride];
        int i = 0, j = 0, k = 0, e = 0;
        while (i < xKeys.Length || j < yKeys.Length)
        {
            long xk = i < xKeys.Length ? xKeys[i] : long.MaxValue;
            long yk = j < yKeys.Length ? yKeys[j] : long.MaxValue;
            keys[k] = Math.Min(xk, yk);
            start[k] = e;
            int xe = xk <= yk ? xStart[i] : 0, xEnd = xk <= yk ? xStart[i + 1] : 0;
            int ye = yk <= xk ? yStart[j] : 0, yEnd = yk <= xk ? yStart[j + 1] : 0;
            while (xe < xEnd || ye < yEnd)
            {
                int xp = xe < xEnd ? xAt[xValue[xe]] : int.MaxValue;
                int yp = ye < yEnd ? yAt[yValue[ye]] : int.MaxValue;
                value[e] = Math.Min(xp, yp);
                int o = e * stride;
                if (xp <= yp)
                {
                    Array.Copy(xStats, xe * stride, stats, o, stride);
                    xe++;
                }

                if (yp <= xp)
                {
                    if (yp == xp)
                    {
                        for (int s = 0; s < stride; s++)
                        {
                            stats[o + s] += yStats[(ye * stride) + s];
                        }
                    }
                    else
                    {
                        Array.Copy(yStats, ye * stride, stats, o, stride);
                    }

                    ye++;
                }

                e++;
            }

            if (xk <= yk)
            {
                i++;
            }

            if (yk <= xk)
            {
                j++;
            }

            k++;
        }

        start[k] = e;
        Array.Resize(ref keys, k);
        Array.Resize(ref start, k + 1);
        Array.Resize(ref value, e);
        Array.Resize(ref stats, e * stride);
        return keys;
    }
}
