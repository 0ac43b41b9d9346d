using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// The per-publication contributions of one slice to the counts behind a focus's partner indices: publications
/// with the focus or a partner one by one, the others in aggregate by their (technology factor, international,
/// links) values. Weighted sums of these give the counts of a bootstrap replicate.
/// </summary>
internal sealed class SliceSample
{
    private readonly int _relevant;
    private readonly int _partners;
    private readonly double[] _phi;
    private readonly double[] _international;
    private readonly double[] _links;
    private readonly int[] _unitStart;
    private readonly int[] _unitIndex;
    private readonly double[] _unitLinks;
    private readonly int[] _pairStart;
    private readonly int[] _pairIndex;
    private readonly double[] _pairScore;
    private readonly double[] _backgroundCount;
    private readonly double[] _backgroundPhi;
    private readonly double[] _backgroundInternational;
    private readonly double[] _backgroundLinks;

    private SliceSample(int relevant, Builder b)
    {
        _relevant = relevant;
        _partners = relevant - 1;
        _phi = [.. b.Phi];
        _international = [.. b.International];
        _links = [.. b.Links];
        _unitStart = [.. b.UnitStart];
        _unitIndex = [.. b.UnitIndex];
        _unitLinks = [.. b.UnitLinks];
        _pairStart = [.. b.PairStart];
        _pairIndex = [.. b.PairIndex];
        _pairScore = [.. b.PairScore];
        int groups = b.Background.Count;
        _backgroundCount = new double[groups];
        _backgroundPhi = new double[groups];
        _backgroundInternational = new double[groups];
        _backgroundLinks = new double[groups];
        int g = 0;
        foreach (var (key, count) in b.Background.OrderBy(kv => kv.Key))
        {
            (_backgroundPhi[g], _backgroundInternational[g], _backgroundLinks[g]) = key;
            _backgroundCount[g++] = count;
        }
    }

    /// <summary>Publications with the focus or a partner.</summary>
    public int Count => _phi.Length;

    /// <summary>Publications without them (in aggregate).</summary>
    public double BackgroundCount => _backgroundCount.Sum();

    public static SliceSample Extract(
        Corpus corpus, AggregationOptions options, PartnerBootstrap.UnitMap map, PartnerBootstrap.Relevant[] relevant,
        SliceKey key, CancellationToken cancellationToken)
    {
        var storage = corpus.Storage;
        var selection = corpus.Selection;
        int technology = -1;
        if (key.Technology is not null)
        {
            technology = Array.IndexOf(storage.TechnologyNames, key.Technology);
            if (technology < 0)
            {
                throw new ArgumentException($"The corpus has no technology '{key.Technology}'.", nameof(key));
            }
        }

        bool fractional = options.Technologies == TechnologyAssignment.Fractional;
        var b = new Builder();
        var units = new List<int>();
        var credit = new List<double>();
        var present = new bool[relevant.Length];
        var links = new double[relevant.Length];
        var credits = new double[relevant.Length];
        var members = new int[relevant.Length];
        int count = corpus.Count;
        for (int i = 0; i < count; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int k = selection?[i] ?? i;
            int year = storage.Years[k];
            if (year == 0 || (key.FromYear is { } from && year < from) || (key.ToYear is { } to && year > to))
            {
                continue;
            }

            double phi = 1;
            if (technology >= 0)
            {
                int start = storage.TechStart[k], end = storage.TechStart[k + 1];
                bool has = false;
                for (int t = start; t < end; t++)
                {
                    has |= storage.TechIds[t] == technology;
                }

                if (!has)
                {
                    continue;
                }

                phi = fractional ? 1.0 / (end - start) : 1.0;
            }

            int n = ReadUnits(storage, map, k, units, credit);
            if (n == 0)
            {
                continue;
            }

            int m = units.Count;
            double international = m >= 2 ? 1 : 0;
            double pairLinks = m * (m - 1) / 2.0;
            bool any = false;
            for (int r = 0; r < relevant.Length; r++)
            {
                var rel = relevant[r];
                present[r] = false;
                links[r] = 0;
                credits[r] = 0;
                members[r] = 0;
                if (rel.Group >= 0)
                {
                    for (int u = 0; u < m; u++)
                    {
                        if (map.IsMember(rel.Group, units[u]))
                        {
                            members[r]++;
                            credits[r] += credit[u];
                        }
                    }

                    if (members[r] > 0)
                    {
                        present[r] = true;
                        for (int u = 0; u < m; u++)
                        {
                            if (members[r] - (map.IsMember(rel.Group, units[u]) ? 1 : 0) > 0)
                            {
                                links[r]++;
                            }
                        }
                    }
                }
                else if (rel.Id >= 0)
                {
                    int at = units.IndexOf(rel.Id);
                    if (at >= 0)
                    {
                        present[r] = true;
                        links[r] = m - 1;
                        credits[r] = credit[at];
                    }
                }

                any |= present[r];
            }

            if (!any)
            {
                var bg = (phi, international, pairLinks);
                b.Background[bg] = b.Background.GetValueOrDefault(bg) + 1;
                continue;
            }

            b.Phi.Add(phi);
            b.International.Add(international);
            b.Links.Add(pairLinks);
            for (int r = 0; r < relevant.Length; r++)
            {
                if (present[r])
                {
                    b.UnitIndex.Add(r);
                    b.UnitLinks.Add(links[r]);
                }
            }

            b.UnitStart.Add(b.UnitIndex.Count);
            if (present[0])
            {
                for (int p = 1; p < relevant.Length; p++)
                {
                    if (!present[p])
                    {
                        continue;
                    }

                    double score;
                    if (relevant[0].Group < 0 && relevant[p].Group < 0)
                    {
                        score = credits[0] + credits[p];
                    }
                    else if (relevant[p].Group >= 0)
                    {
                        bool focusIsMember = map.IsMember(relevant[p].Group, relevant[0].Id);
                        if (members[p] - (focusIsMember ? 1 : 0) == 0)
                        {
                            continue;
                        }

                        score = credits[0] + credits[p] - (focusIsMember ? credits[0] : 0);
                    }
                    else
                    {
                        bool partnerIsMember = map.IsMember(relevant[0].Group, relevant[p].Id);
                        if (members[0] - (partnerIsMember ? 1 : 0) == 0)
                        {
                            continue;
                        }

                        score = credits[p] + credits[0] - (partnerIsMember ? credits[p] : 0);
                    }

                    b.PairIndex.Add(p - 1);
                    b.PairScore.Add(score / n);
                }
            }

            b.PairStart.Add(b.PairIndex.Count);
        }

        return new SliceSample(relevant.Length, b);
    }

    /// <summary>The index for each partner with every publication weighted once (the estimate on the corpus).</summary>
    public double[] Values(CollaborationIndex index, double[]? weights) => Compute(index, weights, _backgroundCount);

    /// <summary>The index for each partner in one replicate: Poisson(1) weights drawn into <paramref name="weights"/>.</summary>
    public double[] Replicate(CollaborationIndex index, ref PartnerBootstrap.SplitMix random, double[] weights)
    {
        random.FillPoissonOne(weights);

        var background = new double[_backgroundCount.Length];
        for (int g = 0; g < background.Length; g++)
        {
            background[g] = random.Poisson(_backgroundCount[g]);
        }

        return Compute(index, weights, background);
    }

    /// <summary>The counts of each partner under the given weights (null = 1 each), for tests.</summary>
    internal CollaborationCounts[] Counts(double[]? weights, double[] background)
    {
        double n = 0, nInt = 0, t = 0;
        for (int g = 0; g < background.Length; g++)
        {
            double w = background[g] * _backgroundPhi[g];
            n += w;
            nInt += w * _backgroundInternational[g];
            t += w * _backgroundLinks[g];
        }

        var p = new double[_relevant];
        var i = new double[_relevant];
        var c = new double[_relevant];
        var cxy = new double[_partners];
        var score = new double[_partners];
        int unit = 0, pair = 0;
        for (int k = 0; k < _phi.Length; k++)
        {
            double w = (weights?[k] ?? 1) * _phi[k];
            int unitEnd = _unitStart[k], pairEnd = _pairStart[k];
            if (w == 0)
            {
                unit = unitEnd;
                pair = pairEnd;
                continue;
            }

            n += w;
            double wi = w * _international[k];
            nInt += wi;
            t += w * _links[k];
            for (; unit < unitEnd; unit++)
            {
                int r = _unitIndex[unit];
                p[r] += w;
                i[r] += wi;
                c[r] += w * _unitLinks[unit];
            }

            for (; pair < pairEnd; pair++)
            {
                int q = _pairIndex[pair];
                cxy[q] += w;
                score[q] += w * _pairScore[pair];
            }
        }

        var counts = new CollaborationCounts[_partners];
        for (int q = 0; q < _partners; q++)
        {
            counts[q] = new CollaborationCounts(cxy[q], p[0], p[q + 1], i[0], i[q + 1], c[0], c[q + 1], t, n, nInt, score[q]);
        }

        return counts;
    }

    internal double[] BackgroundCounts => _backgroundCount;

    private double[] Compute(CollaborationIndex index, double[]? weights, double[] background)
    {
        var counts = Counts(weights, background);
        var values = new double[counts.Length];
        for (int q = 0; q < counts.Length; q++)
        {
            values[q] = counts[q].Value(index);
        }

        return values;
    }

    /// <summary>Reads the distinct units of publication k and their author credit; returns n_k (authors counted).</summary>
    private static int ReadUnits(CorpusStorage storage, PartnerBootstrap.UnitMap map, int k, List<int> units, List<double> credit)
    {
        units.Clear();
        credit.Clear();
        var entries = storage.Entries;
        int end = storage.EntryStart[k + 1];
        int e = storage.EntryStart[k];
        int n = 0;
        while (e < end)
        {
            int start = e++;
            while (e < end && (entries[e] & CorpusStorage.AuthorStartFlag) == 0)
            {
                e++;
            }

            int resolved = 0;
            for (int x = start; x < e; x++)
            {
                if (map.UnitOf(entries[x]) > 0)
                {
                    resolved++;
                }
            }

            if (resolved == 0)
            {
                if (!map.UnknownAsUnit)
                {
                    continue;
                }

                Add(units, credit, 0, 1.0);
            }
            else
            {
                double w = 1.0 / resolved;
                for (int x = start; x < e; x++)
                {
                    int u = map.UnitOf(entries[x]);
                    if (u > 0)
                    {
                        Add(units, credit, u, w);
                    }
                }
            }

            n++;
        }

        return n;
    }

    private static void Add(List<int> units, List<double> credit, int unit, double w)
    {
        int at = units.IndexOf(unit);
        if (at < 0)
        {
            units.Add(unit);
            credit.Add(w);
        }
        else
        {
            credit[at] += w;
        }
    }

    private sealed class Builder
    {
        public List<double> Phi { get; } = [];

        public List<double> International { get; } = [];

        public List<double> Links { get; } = [];

        public List<int> UnitStart { get; } = [];

        public List<int> UnitIndex { get; } = [];

        public List<double> UnitLinks { get; } = [];

        public List<int> PairStart { get; } = [];

        public List<int> PairIndex { get; } = [];

        public List<double> PairScore { get; } = [];

        public Dictionary<(double Phi, double International, double Links), int> Background { get; } = [];
    }
}
