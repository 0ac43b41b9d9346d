using CollabMetrics.Aggregation;

namespace CollabMetrics.Impact;

/// <summary>
/// The impact figures of one slice (a year, a window of years or all years; one technology or all) for one top
/// percentage, computed from <see cref="ImpactStatistics"/>: each publication's flag and NCS come from the reference
/// set of its own year (and technology, and class), and the per-unit sums of the years are added.
/// </summary>
internal sealed class ImpactSlice
{
    // Per unit: fractional count, its top and NCS sums; then per collaboration type whole count, top and NCS sums.
    private const int Stride = 12;

    private readonly ImpactStatistics _statistics;
    private readonly double[] _sums;
    private readonly int[] _hIndex;
    private readonly bool[] _present;
    private readonly long[] _pairKeys;
    private readonly double[] _pairSums;

    private ImpactSlice(
        ImpactStatistics statistics, SliceKey key, TopPercent top, double[] sums, int[] hIndex, bool[] present,
        long[] pairKeys, double[] pairSums, double worldTop, double referencePublications, double weightedReferencePublications)
    {
        _statistics = statistics;
        Key = key;
        Top = top;
        _sums = sums;
        _hIndex = hIndex;
        _present = present;
        _pairKeys = pairKeys;
        _pairSums = pairSums;
        WorldTopPublications = worldTop;
        ReferencePublications = referencePublications;
        WeightedReferencePublications = weightedReferencePublications;
    }

    internal SliceKey Key { get; }

    internal TopPercent Top { get; }

    /// <summary>The sum of the top flags over the reference sets (times the technology factor): the denominator of top shares.</summary>
    internal double WorldTopPublications { get; }

    /// <summary>The publications of the slice's reference sets, each once.</summary>
    internal double ReferencePublications { get; }

    /// <summary>The publications of the slice's reference sets times their technology factor: what F_cit adds up to over the units.</summary>
    internal double WeightedReferencePublications { get; }

    /// <summary>The figures of every unit with a publication in the slice, sorted by unit.</summary>
    internal IReadOnlyList<UnitImpact> Units
    {
        get
        {
            var rows = new List<UnitImpact>();
            for (int u = 0; u < _present.Length; u++)
            {
                if (_present[u])
                {
                    rows.Add(Figures(u, _statistics.Units[u]));
                }
            }

            return rows;
        }
    }

    /// <summary>The figures of a unit; zero publications and NaN ratios when it has none in the slice.</summary>
    /// <exception cref="ArgumentException">The statistics cannot answer for the unit (see <see cref="ImpactStatistics.Require"/>).</exception>
    internal UnitImpact this[Unit unit] => Figures(_statistics.Require(unit), unit);

    /// <summary>The impact of the focus's co-publications with each partner, sorted by partner.</summary>
    /// <exception cref="ArgumentException">The statistics cannot answer for the focus.</exception>
    internal IReadOnlyList<PairImpact> PartnersOf(Unit focus)
    {
        int x = _statistics.Require(focus);
        var rows = new List<PairImpact>();
        if (x < 0)
        {
            return rows;
        }

        double domestic = Figures(x, focus).Domestic.Mncs;
        for (int p = 0; p < _pairKeys.Length; p++)
        {
            int a = ReferenceCell.PairFirst(_pairKeys[p]), b = ReferenceCell.PairSecond(_pairKeys[p]);
            if (a == x || b == x)
            {
                rows.Add(PairAt(p, focus, _statistics.Units[a == x ? b : a], domestic));
            }
        }

        rows.Sort((r, s) => r.Partner.CompareTo(s.Partner));
        return rows;
    }

    /// <summary>The impact of the co-publications of <paramref name="focus"/> and <paramref name="partner"/>; zero co-publications and NaN when they have none.</summary>
    internal PairImpact Pair(Unit focus, Unit partner)
    {
        int x = _statistics.Require(focus), y = _statistics.Require(partner);
        if (focus == partner)
        {
            throw new ArgumentException($"'{focus.Code}' is the focus itself: a pair needs two units.", nameof(partner));
        }

        double domestic = x >= 0 ? Figures(x, focus).Domestic.Mncs : double.NaN;
        int p = x < 0 || y < 0 ? -1 : Array.BinarySearch(_pairKeys, ReferenceCell.PairKey(Math.Min(x, y), Math.Max(x, y)));
        return p >= 0 ? PairAt(p, focus, partner, domestic) : new PairImpact(focus, partner, 0, double.NaN, double.NaN, double.NaN);
    }

    /// <summary>The concentration of the top papers among the units (groups excluded).</summary>
    internal ImpactConcentration Concentration()
    {
        var shares = new List<(double Share, double Top, Unit Unit)>();
        foreach (var row in Units)
        {
            if (row.Unit.Kind != UnitKind.Group)
            {
                shares.Add((row.TopShare, row.TopPublications, row.Unit));
            }
        }

        if (!(WorldTopPublications > 0) || shares.Count == 0)
        {
            return new ImpactConcentration(double.NaN, null, double.NaN, double.NaN);
        }

        shares.Sort((p, q) => q.Share.CompareTo(p.Share));
        double hhi = 0, top5 = 0;
        for (int i = 0; i < shares.Count; i++)
        {
            hhi += shares[i].Share * shares[i].Share;
            if (i < 5)
            {
                top5 += shares[i].Share;
            }
        }

        // The leader: the largest top share; ties (equal up to rounding) go to more whole top papers, then to the code.
        int leader = 0;
        for (int i = 1; i < shares.Count && Same(shares[i].Share, shares[0].Share); i++)
        {
            var (candidate, best) = (shares[i], shares[leader]);
            if (Same(candidate.Top, best.Top) ? string.CompareOrdinal(candidate.Unit.Code, best.Unit.Code) < 0 : candidate.Top > best.Top)
            {
                leader = i;
            }
        }

        double ratio = shares.Count >= 2 ? Ratio(shares[0].Share, shares[1].Share) : double.NaN;
        return new ImpactConcentration(hhi, shares[leader].Unit, ratio, top5);
    }

    internal static ImpactSlice Compute(ImpactStatistics statistics, SliceKey key, TopPercent top)
    {
        var cells = statistics.CellsOf(key);
        int units = statistics.Units.Length;
        var sums = new double[units * Stride];
        var present = new bool[units];
        var citationCounts = new List<HEntry>();
        var pairIndex = new Dictionary<long, int>();
        var pairSums = new List<double>();
        double world = 0, referencePublications = 0, weightedReferencePublications = 0;
        foreach (var cell in cells)
        {
            var values = cell.Values;
            var flags = new double[values.Length];
            var ncs = new double[values.Length];
            statistics.Scoring.Score(values, cell.Counts, top, flags, ncs);
            for (int v = 0; v < values.Length; v++)
            {
                world += cell.Weighted[v] * flags[v];
                referencePublications += cell.Counts[v];
                weightedReferencePublications += cell.Weighted[v];
            }

            var stats = cell.UnitStats;
            for (int u = 0; u < cell.Units.Length; u++)
            {
                int unit = cell.Units[u];
                present[unit] = true;
                int o = unit * Stride;
                for (int e = cell.UnitStart[u]; e < cell.UnitStart[u + 1]; e++)
                {
                    int v = cell.UnitValue[e];
                    int s = e * ReferenceCell.UnitStride;
                    double flag = flags[v], score = ncs[v];
                    double fractional = stats[s + ReferenceCell.Fractional];
                    sums[o] += fractional;
                    sums[o + 1] += fractional * flag;
                    sums[o + 2] += fractional * score;
                    for (int type = 0; type < 3; type++)
                    {
                        double w = stats[s + ReferenceCell.Domestic + type];
                        int t = o + 3 + (3 * type);
                        sums[t] += w;
                        sums[t + 1] += w * flag;
                        sums[t + 2] += w * score;
                    }

                    citationCounts.Add(new HEntry(unit, statistics.Scoring.Citations(values[v]), stats[s + ReferenceCell.Count]));
                }
            }

            for (int p = 0; p < cell.Pairs.Length; p++)
            {
                if (!pairIndex.TryGetValue(cell.Pairs[p], out int at))
                {
                    at = pairSums.Count;
                    pairIndex.Add(cell.Pairs[p], at);
                    pairSums.AddRange([0, 0, 0]);
                }

                for (int e = cell.PairStart[p]; e < cell.PairStart[p + 1]; e++)
                {
                    int v = cell.PairValue[e];
                    double w = cell.PairStats[e];
                    pairSums[at] += w;
                    pairSums[at + 1] += w * flags[v];
                    pairSums[at + 2] += w * ncs[v];
                }
            }
        }

        var pairKeys = new long[pairIndex.Count];
        var pairAt = new int[pairIndex.Count];
        int i = 0;
        foreach (var (pair, at) in pairIndex)
        {
            pairKeys[i] = pair;
            pairAt[i++] = at;
        }

        Array.Sort(pairKeys, pairAt);
        var pairValues = new double[pairKeys.Length * 3];
        for (int p = 0; p < pairKeys.Length; p++)
        {
            pairValues[3 * p] = pairSums[pairAt[p]];
            pairValues[(3 * p) + 1] = pairSums[pairAt[p] + 1];
            pairValues[(3 * p) + 2] = pairSums[pairAt[p] + 2];
        }

        return new ImpactSlice(statistics, key, top, sums, HIndices(citationCounts, units), present, pairKeys, pairValues, world, referencePublications, weightedReferencePublications);
    }

    /// <summary>h per unit: the largest h with at least h publications of at least h citations, from (unit, citations, publications) entries.</summary>
    private static int[] HIndices(List<HEntry> entries, int units)
    {
        var h = new int[units];
        entries.Sort();
        int i = 0;
        while (i < entries.Count)
        {
            int unit = entries[i].Unit;
            double atLeast = 0;
            int best = 0;
            for (; i < entries.Count && entries[i].Unit == unit; i++)
            {
                // Entries come by decreasing citations: atLeast counts the publications with at least this many.
                atLeast += entries[i].Publications;
                best = Math.Max(best, (int)Math.Min(entries[i].Citations, atLeast));
            }

            h[unit] = best;
        }

        return h;
    }

    private UnitImpact Figures(int index, Unit unit)
    {
        if (index < 0)
        {
            var none = new CollaborationTypeImpact(0, double.NaN, double.NaN);
            return new UnitImpact(unit, 0, 0, 0, 0, double.NaN, double.NaN, Ratio(0, WorldTopPublications), double.NaN, double.NaN, 0, none, none, none);
        }

        var s = _sums.AsSpan(index * Stride, Stride);
        double fractional = s[0], topFractional = s[1], ncsFractional = s[2];
        double whole = s[3] + s[6] + s[9];
        double topWhole = s[4] + s[7] + s[10];
        double ncsWhole = s[5] + s[8] + s[11];
        return new UnitImpact(
            unit,
            whole,
            fractional,
            topWhole,
            topFractional,
            Ratio(topWhole, whole),
            Ratio(topFractional, fractional),
            Ratio(topFractional, WorldTopPublications),
            Ratio(ncsWhole, whole),
            Ratio(ncsFractional, fractional),
            _hIndex[index],
            Type(s[3..6]),
            Type(s[6..9]),
            Type(s[9..12]));
    }

    private PairImpact PairAt(int p, Unit focus, Unit partner, double domesticMncs)
    {
        double w = _pairSums[3 * p];
        double mncs = Ratio(_pairSums[(3 * p) + 2], w);
        return new PairImpact(focus, partner, w, mncs, Ratio(_pairSums[(3 * p) + 1], w), Ratio(mncs, domesticMncs));
    }

    private static CollaborationTypeImpact Type(ReadOnlySpan<double> sums) =>
        new(sums[0], Ratio(sums[2], sums[0]), Ratio(sums[1], sums[0]));

    /// <summary>Whether two sums are equal up to floating-point rounding (a relative 1e-12): a tie.</summary>
    private static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>a / b, NaN when b is 0 or undefined.</summary>
    private static double Ratio(double a, double b) => b == 0 || double.IsNaN(b) ? double.NaN : a / b;

    /// <summary>One unit's publications with a given citation count, in h-index order: by unit, then citations descending.</summary>
    private readonly record struct HEntry(int Unit, int Citations, double Publications) : IComparable<HEntry>
    {
        public int CompareTo(HEntry other) =>
            Unit != other.Unit ? Unit.CompareTo(other.Unit) : other.Citations.CompareTo(Citations);
    }
}
