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

        // The engine's own per-publication rules: the same decoding of entries into units, the same credits and
        // the same contributions to units, groups and pairs.
        var layout = new UnitLayout(options);
        var kernel = new PublicationKernel(layout, map.UnitCapacity);
        bool fractional = options.Technologies == TechnologyAssignment.Fractional;
        var b = new Builder();
        var present = new bool[relevant.Length];
        var links = new double[relevant.Length];
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
                var technologies = storage.TechnologiesOf(k);
                if (technologies.IndexOf((ushort)technology) < 0)
                {
                    continue;
                }

                phi = fractional ? 1.0 / technologies.Length : 1.0;
            }

            int entries = kernel.Load(storage, k, out _);
            if (kernel.Resolve(entries) == 0)
            {
                continue;
            }

            kernel.Contribute();
            int m = kernel.UnitCount;
            double international = m >= 2 ? 1 : 0;
            double pairLinks = m * (m - 1) / 2.0;
            bool any = false;
            for (int r = 0; r < relevant.Length; r++)
            {
                int c = kernel.FindUnitContribution(UnitId(relevant[r]), relevant[r].Group >= 0);
                present[r] = c >= 0;
                links[r] = c >= 0 ? kernel.UnitValues(c)[4] : 0;
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

                    // A unit-group pair is stored under (unit, group).
                    int c = relevant[p].Group >= 0
                        ? kernel.FindPairContribution(UnitId(relevant[0]), UnitId(relevant[p]), group: true)
                        : kernel.FindPairContribution(UnitId(relevant[p]), UnitId(relevant[0]), relevant[0].Group >= 0);
                    if (c < 0)
                    {
                        continue;
                    }

                    b.PairIndex.Add(p - 1);
                    b.PairScore.Add(kernel.PairValues(c)[4]);
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

    /// <summary>The engine's id of a relevant unit: its unit id, or the group's id; -1 when the analysis cannot have it.</summary>
    private static int UnitId(PartnerBootstrap.Relevant relevant) =>
        relevant.Group >= 0 ? UnitLayout.GroupBase + relevant.Group : relevant.Id;

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
