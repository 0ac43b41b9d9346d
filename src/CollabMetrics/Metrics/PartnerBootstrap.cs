using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// Poisson bootstrap of a partner index: each publication of a slice gets an independent Poisson(1) weight per
/// replicate, which approximates resampling the slice's publications with replacement. The per-publication
/// contributions of the focus and its partners are computed once; publications without any of them only add to
/// N, N_int and T and are drawn in aggregate (a sum of K Poisson(1) weights is Poisson(K)). Each replicate has its own
/// random stream derived from the seed, so results do not depend on the number of threads.
/// </summary>
internal static class PartnerBootstrap
{
    public static BootstrapTable Run(
        Corpus corpus, AggregationOptions options, IReadOnlyList<SliceKey> keys, Unit focus, Unit[] partners,
        CollaborationIndex index, BootstrapOptions boot, ResultContext context, CancellationToken cancellationToken)
    {
        var units = new UnitMap(corpus.Storage, options);
        var relevant = new Relevant[partners.Length + 1];
        relevant[0] = units.Describe(focus);
        for (int p = 0; p < partners.Length; p++)
        {
            relevant[p + 1] = units.Describe(partners[p]);
            if (relevant[0].Group >= 0 && relevant[p + 1].Group >= 0)
            {
                throw new NotSupportedException($"The bootstrap does not pair two groups ('{focus.Code}' and '{partners[p].Code}'): use a country as focus or partner.");
            }
        }

        var rows = new List<BootstrapRow>(keys.Count * partners.Length);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = boot.MaxDegreeOfParallelism ?? -1,
            CancellationToken = cancellationToken,
        };
        for (int s = 0; s < keys.Count; s++)
        {
            var key = keys[s];
            var sample = SliceSample.Extract(corpus, options, units, relevant, key, cancellationToken);
            var estimates = sample.Values(index, null);
            int replicates = boot.Replicates;
            var values = new double[replicates * partners.Length];
            ulong sliceSeed = Mix(boot.Seed ^ Mix((ulong)s + 0x9E3779B97F4A7C15UL));
            Parallel.For(
                0,
                replicates,
                parallel,
                () => new double[sample.Count],
                (r, _, weights) =>
                {
                    var random = new SplitMix(Mix(sliceSeed + (ulong)r));
                    var result = sample.Replicate(index, ref random, weights);
                    Array.Copy(result, 0, values, r * partners.Length, partners.Length);
                    return weights;
                },
                _ => { });

            var column = new double[replicates];
            for (int p = 0; p < partners.Length; p++)
            {
                int defined = 0;
                for (int r = 0; r < replicates; r++)
                {
                    double v = values[(r * partners.Length) + p];
                    if (!double.IsNaN(v))
                    {
                        column[defined++] = v;
                    }
                }

                var (lower, upper, se) = Interval(column.AsSpan(0, defined), boot.Confidence);
                rows.Add(new BootstrapRow { Slice = key, Focus = focus, Partner = partners[p], Index = index, Estimate = estimates[p], Lower = lower, Upper = upper, StandardError = se, Replicates = defined });
            }
        }

        return new BootstrapTable([.. rows], context, boot);
    }

    /// <summary>Percentile interval (linear interpolation between order statistics) and standard deviation.</summary>
    internal static (double Lower, double Upper, double StandardError) Interval(Span<double> values, double confidence)
    {
        if (values.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        values.Sort();
        double alpha = (1 - confidence) / 2;
        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        double se = values.Length > 1 ? Math.Sqrt(squares / (values.Length - 1)) : double.NaN;
        return (Quantile(values, alpha), Quantile(values, 1 - alpha), se);
    }

    private static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>floor(2^32 P(X &lt;= k)) for X ~ Poisson(1), k = 0.., ending with uint.MaxValue + 1 (as long) beyond reach.</summary>
    private static readonly long[] PoissonOneThresholds = BuildPoissonOneThresholds();

    private static long[] BuildPoissonOneThresholds()
    {
        var thresholds = new List<long>();
        double p = Math.Exp(-1), cdf = p;
        for (int k = 0; cdf < 1 - 1e-15 && k < 20; k++)
        {
            thresholds.Add((long)Math.Floor(cdf * 4294967296.0));
            p /= k + 1;
            cdf += p;
        }

        thresholds.Add(4294967296L);
        return [.. thresholds];
    }

    /// <summary>A relevant unit: a real unit id (country id after the territory policy, or institution index + 1; 0 = unknown), or a group.</summary>
    internal readonly record struct Relevant(int Id, int Group);

    /// <summary>SplitMix64: a small, fast generator with a 64-bit state; one per replicate.</summary>
    internal struct SplitMix(ulong state)
    {
        private ulong _state = state;

        public double NextDouble()
        {
            _state += 0x9E3779B97F4A7C15UL;
            return (Mix(_state) >> 11) * (1.0 / (1UL << 53));
        }

        /// <summary>A Poisson(1) variate by inversion.</summary>
        public int PoissonOne() => PoissonOneFrom((uint)NextBits());

        /// <summary>Fills <paramref name="weights"/> with Poisson(1) variates, two per 64 random bits.</summary>
        public void FillPoissonOne(Span<double> weights)
        {
            int k = 0;
            for (; k + 1 < weights.Length; k += 2)
            {
                ulong bits = NextBits();
                weights[k] = PoissonOneFrom((uint)bits);
                weights[k + 1] = PoissonOneFrom((uint)(bits >> 32));
            }

            if (k < weights.Length)
            {
                weights[k] = PoissonOne();
            }
        }

        private ulong NextBits()
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Mix(_state);
        }

        private static int PoissonOneFrom(uint u)
        {
            var thresholds = PoissonOneThresholds;
            int k = 0;
            while (u >= thresholds[k])
            {
                k++;
            }

            return k;
        }

        /// <summary>A Poisson(lambda) variate: multiplication method below 30, PTRS (Hörmann 1993) above.</summary>
        public long Poisson(double lambda)
        {
            if (lambda <= 0)
            {
                return 0;
            }

            if (lambda < 30)
            {
                double limit = Math.Exp(-lambda);
                double product = NextDouble();
                long k = 0;
                while (product > limit)
                {
                    k++;
                    product *= NextDouble();
                }

                return k;
            }

            double slam = Math.Sqrt(lambda);
            double loglam = Math.Log(lambda);
            double b = 0.931 + (2.53 * slam);
            double a = -0.059 + (0.02483 * b);
            double invAlpha = 1.1239 + (1.1328 / (b - 3.4));
            double vr = 0.9277 - (3.6224 / (b - 2));
            while (true)
            {
                double u = NextDouble() - 0.5;
                double v = NextDouble();
                double us = 0.5 - Math.Abs(u);
                long k = (long)Math.Floor((((2 * a / us) + b) * u) + lambda + 0.43);
                if (us >= 0.07 && v <= vr)
                {
                    return k;
                }

                if (k < 0 || (us < 0.013 && v > us))
                {
                    continue;
                }

                if (Math.Log(v) + Math.Log(invAlpha) - Math.Log((a / (us * us)) + b) <= -lambda + (k * loglam) - LogFactorial(k))
                {
                    return k;
                }
            }
        }

        private static double LogFactorial(long k)
        {
            if (k < 2)
            {
                return 0;
            }

            if (k < 64)
            {
                double sum = 0;
                for (int i = 2; i <= k; i++)
                {
                    sum += Math.Log(i);
                }

                return sum;
            }

            double x = k;
            return (x * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI * x)) + (1 / (12 * x)) - (1 / (360 * x * x * x));
        }
    }

    /// <summary>Describes relevant units by the engine's unit ids (see <see cref="UnitLayout"/>).</summary>
    internal sealed class UnitMap
    {
        private readonly CorpusStorage _storage;
        private readonly string[] _groupNames;

        public UnitMap(CorpusStorage storage, AggregationOptions options)
        {
            _storage = storage;
            Institutions = options.Level == UnitLevel.Institution;
            UnknownAsUnit = options.UnknownAuthors == UnknownAuthorPolicy.AsUnknownUnit;
            _groupNames = new string[options.Groups.Count];
            for (int g = 0; g < options.Groups.Count; g++)
            {
                _groupNames[g] = options.Groups[g].Name;
            }
        }

        public bool Institutions { get; }

        public bool UnknownAsUnit { get; }

        /// <summary>The size of the engine's unit id space for this corpus and level.</summary>
        public int UnitCapacity => Institutions ? _storage.Institutions.Length + 1 : UnitLayout.CountryLevelCapacity;

        public Relevant Describe(Unit unit)
        {
            switch (unit.Kind)
            {
                case UnitKind.Group:
                    int g = Array.IndexOf(_groupNames, unit.Code);
                    if (g < 0)
                    {
                        throw new ArgumentException($"'{unit.Code}' is not a group of the analysis: add it with WithGroup.", nameof(unit));
                    }

                    return new Relevant(-1, g);
                case UnitKind.Unknown:
                    return new Relevant(UnknownAsUnit ? 0 : -1, -1);
                case UnitKind.Country:
                    return new Relevant(Institutions ? -1 : unit.Country.Id, -1);
                case UnitKind.Institution:
                    var institutions = _storage.Institutions;
                    for (int i = 0; i < institutions.Length; i++)
                    {
                        if (string.Equals(institutions[i].Key, unit.Code, StringComparison.Ordinal))
                        {
                            return new Relevant(i + 1, -1);
                        }
                    }

                    return new Relevant(-1, -1);
                default:
                    throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown unit kind.");
            }
        }
    }
}
