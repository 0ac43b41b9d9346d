using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Impact;

/// <summary>
/// The publications of one slice's reference sets as a bootstrap of impact figures needs them: those of the units
/// asked about one by one (value, technology factor, and each unit's f(k,i)), the others in aggregate by (value,
/// technology factor). Weighted sums of these give the reference distributions, the thresholds and the figures of a
/// replicate.
/// </summary>
internal sealed class ImpactSample
{
    private readonly long[] _values;
    private readonly int[] _setStart;
    private readonly int[] _value;
    private readonly double[] _phi;
    private readonly int[] _unitStart;
    private readonly int[] _unit;
    private readonly double[] _credit;
    private readonly int[] _backgroundValue;
    private readonly double[] _backgroundPhi;

    private readonly ImpactScoring _scoring;

    private ImpactSample(
        ImpactScoring scoring, int units, long[] values, int[] setStart, int[] value, double[] phi, int[] unitStart, int[] unit, double[] credit,
        int[] backgroundValue, double[] backgroundPhi, double[] backgroundCount)
    {
        _scoring = scoring;
        UnitCount = units;
        _values = values;
        _setStart = setStart;
        _value = value;
        _phi = phi;
        _unitStart = unitStart;
        _unit = unit;
        _credit = credit;
        _backgroundValue = backgroundValue;
        _backgroundPhi = backgroundPhi;
        BackgroundCounts = backgroundCount;
    }

    /// <summary>The units asked about.</summary>
    internal int UnitCount { get; }

    /// <summary>Publications with one of the units, held one by one.</summary>
    internal int Count => _value.Length;

    /// <summary>Publications of the other units, per (value, technology factor) group.</summary>
    internal double[] BackgroundCounts { get; }

    /// <summary>Reads the slice's publications with a year, a unit and a citation count from the corpus, once.</summary>
    /// <exception cref="ArgumentException">A unit cannot be answered for, or the technology is not in the corpus.</exception>
    internal static ImpactSample Extract(
        Corpus corpus, AggregationOptions options, ImpactScoring scoring, SliceKey key, IReadOnlyList<Unit> units, CancellationToken cancellationToken)
    {
        var storage = corpus.Storage;
        var layout = new UnitLayout(options);
        int unitCapacity = layout.IsCountryLevel ? UnitLayout.CountryLevelCapacity : storage.Institutions.Length + 1;
        var wanted = new Dictionary<int, int>();
        for (int u = 0; u < units.Count; u++)
        {
            if (!wanted.TryAdd(ImpactUnits.EngineId(units[u], options, storage), u))
            {
                throw new ArgumentException($"'{units[u].Code}' is asked for twice.", nameof(units));
            }
        }

        int technology = -1;
        if (key.Technology is not null)
        {
            technology = Array.IndexOf(storage.TechnologyNames, key.Technology);
            if (technology < 0 || !options.ByTechnology)
            {
                throw new ArgumentException($"The corpus has no technology '{key.Technology}' (or the options say ByTechnology = false).", nameof(key));
            }
        }

        if (key.FromYear is null != key.ToYear is null || key.ToYear < key.FromYear)
        {
            throw new ArgumentException($"'{key.YearsLabel}' is not a window of years: give both years, the first not after the last, or neither.", nameof(key));
        }

        bool fractional = options.Technologies == TechnologyAssignment.Fractional;
        var source = new ImpactSource(corpus, layout, scoring);
        var kernel = new PublicationKernel(layout, unitCapacity);
        var sets = new Dictionary<(int Year, int Class), int>();
        var setValues = new List<SortedSet<long>>();
        var rawSet = new List<int>();
        var rawValue = new List<long>();
        var phi = new List<double>();
        var unitStart = new List<int> { 0 };
        var unit = new List<int>();
        var credit = new List<double>();
        var background = new Dictionary<(int Set, long Value, double Phi), long>();
        var years = storage.Years;
        var selection = corpus.Selection;
        for (int i = 0; i < corpus.Count; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int k = selection?[i] ?? i;
            int year = years[k];
            if (year == 0 || year < key.FromYear || year > key.ToYear || !scoring.TryValue(k, out long value))
            {
                continue;
            }

            if (source.Read(kernel, k, out int techCount) == 0)
            {
                continue;
            }

            double weight = 1;
            if (technology >= 0)
            {
                if (Array.IndexOf(kernel.Technologies, technology, 0, techCount) < 0)
                {
                    continue;
                }

                weight = fractional ? 1.0 / techCount : 1.0;
            }

            int referenceClass = ReferenceCell.ClassOf(value);
            if (!sets.TryGetValue((year, referenceClass), out int set))
            {
                set = sets.Count;
                sets.Add((year, referenceClass), set);
                setValues.Add([]);
            }

            setValues[set].Add(value);
            kernel.Contribute();
            int before = unit.Count;
            for (int j = 0; j < kernel.UnitContributionCount; j++)
            {
                if (wanted.TryGetValue(kernel.ContributedUnit(j), out int u))
                {
                    unit.Add(u);
                    credit.Add(kernel.UnitValues(j)[1]);
                }
            }

            if (unit.Count == before)
            {
                background[(set, value, weight)] = background.GetValueOrDefault((set, value, weight)) + 1;
                continue;
            }

            unitStart.Add(unit.Count);
            rawSet.Add(set);
            rawValue.Add(value);
            phi.Add(weight);
        }

        if (sets.Count == 0)
        {
            throw new ArgumentException($"No publication of the slice {key} has a year, a unit and {ImpactStatistics.Describe(scoring.Source)}: there is no reference set to resample.", nameof(key));
        }

        // Each set's values, sorted, in one array; then each publication's and group's position in it.
        var setStart = new int[sets.Count + 1];
        var values = new List<long>();
        var positions = new Dictionary<(int Set, long Value), int>();
        for (int s = 0; s < sets.Count; s++)
        {
            setStart[s] = values.Count;
            foreach (long v in setValues[s])
            {
                positions.Add((s, v), values.Count);
                values.Add(v);
            }
        }

        setStart[sets.Count] = values.Count;
        var valueOf = new int[rawValue.Count];
        for (int p = 0; p < valueOf.Length; p++)
        {
            valueOf[p] = positions[(rawSet[p], rawValue[p])];
        }

        var groups = background.OrderBy(g => g.Key.Set).ThenBy(g => g.Key.Value).ThenBy(g => g.Key.Phi).ToList();
        return new ImpactSample(
            scoring,
            units.Count, [.. values], setStart, valueOf, [.. phi], [.. unitStart], [.. unit], [.. credit],
            [.. groups.Select(g => positions[(g.Key.Set, g.Key.Value)])], [.. groups.Select(g => g.Key.Phi)], [.. groups.Select(g => (double)g.Value)]);
    }

    /// <summary>
    /// PP_top, top share and MNCS of each unit with the publications weighted by <paramref name="weights"/> (null: 1
    /// each) and the background groups counted <paramref name="background"/> times; the thresholds and the means of
    /// the reference sets follow the weights.
    /// </summary>
    internal void Figures(double[]? weights, double[] background, TopPercent x, Scratch scratch, Span<double> ppTop, Span<double> topShare, Span<double> mncs)
    {
        var counts = scratch.Counts;
        var weighted = scratch.Weighted;
        Array.Clear(counts);
        Array.Clear(weighted);
        for (int k = 0; k < _value.Length; k++)
        {
            double w = weights?[k] ?? 1;
            counts[_value[k]] += w;
            weighted[_value[k]] += w * _phi[k];
        }

        for (int g = 0; g < _backgroundValue.Length; g++)
        {
            counts[_backgroundValue[g]] += background[g];
            weighted[_backgroundValue[g]] += background[g] * _backgroundPhi[g];
        }

        var top = scratch.Top;
        var ncs = scratch.Ncs;
        for (int s = 0; s + 1 < _setStart.Length; s++)
        {
            int from = _setStart[s], length = _setStart[s + 1] - from;
            _scoring.Score(_values.AsSpan(from, length), counts.AsSpan(from, length), x, top.AsSpan(from, length), ncs.AsSpan(from, length));
        }

        double world = 0;
        for (int v = 0; v < _values.Length; v++)
        {
            world += weighted[v] * top[v];
        }

        var sums = scratch.Sums;
        Array.Clear(sums);
        for (int k = 0; k < _value.Length; k++)
        {
            double w = (weights?[k] ?? 1) * _phi[k];
            if (w == 0)
            {
                continue;
            }

            int v = _value[k];
            for (int e = _unitStart[k]; e < _unitStart[k + 1]; e++)
            {
                int o = _unit[e] * 4;
                sums[o] += w;
                sums[o + 1] += w * top[v];
                sums[o + 2] += w * ncs[v];
                sums[o + 3] += w * _credit[e] * top[v];
            }
        }

        for (int u = 0; u < UnitCount; u++)
        {
            int o = u * 4;
            ppTop[u] = sums[o] > 0 ? sums[o + 1] / sums[o] : double.NaN;
            mncs[u] = sums[o] > 0 ? sums[o + 2] / sums[o] : double.NaN;
            topShare[u] = world > 0 ? sums[o + 3] / world : double.NaN;
        }
    }

    /// <summary>The figures of one replicate: Poisson(1) weights for the publications held one by one, Poisson(K) counts for each background group of K.</summary>
    internal void Replicate(ref PartnerBootstrap.SplitMix random, TopPercent x, Scratch scratch, Span<double> ppTop, Span<double> topShare, Span<double> mncs)
    {
        random.FillPoissonOne(scratch.Weights);
        var background = scratch.Background;
        for (int g = 0; g < background.Length; g++)
        {
            background[g] = random.Poisson(BackgroundCounts[g]);
        }

        Figures(scratch.Weights, background, x, scratch, ppTop, topShare, mncs);
    }

    /// <summary>Per-thread buffers of <see cref="Figures"/> and <see cref="Replicate"/>.</summary>
    internal sealed class Scratch(ImpactSample sample)
    {
        internal double[] Weights { get; } = new double[sample.Count];

        internal double[] Background { get; } = new double[sample.BackgroundCounts.Length];

        internal double[] Counts { get; } = new double[sample._values.Length];

        internal double[] Weighted { get; } = new double[sample._values.Length];

        internal double[] Top { get; } = new double[sample._values.Length];

        internal double[] Ncs { get; } = new double[sample._values.Length];

        internal double[] Sums { get; } = new double[sample.UnitCount * 4];
    }
}
