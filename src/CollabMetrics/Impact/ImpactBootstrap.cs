using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Impact;

/// <summary>A bootstrap interval of one impact figure of one unit in one slice.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Measure">The figure.</param>
/// <param name="Estimate">The figure on the corpus itself.</param>
/// <param name="Lower">The lower percentile bound.</param>
/// <param name="Upper">The upper percentile bound.</param>
/// <param name="StandardError">The standard deviation of the replicates.</param>
/// <param name="Replicates">The replicates in which the figure is defined.</param>
internal readonly record struct ImpactInterval(Unit Unit, ImpactMeasure Measure, double Estimate, double Lower, double Upper, double StandardError, int Replicates);

/// <summary>
/// Poisson bootstrap of PP_top, top share and MNCS, with the seeded generator of the partner bootstrap: each
/// publication of the slice's reference sets gets an independent Poisson(1) weight per replicate (the publications of
/// other units in aggregate, a sum of K Poisson(1) weights being Poisson(K)), and every threshold, mean and figure is
/// recomputed from the weighted reference distributions. Each replicate has its own random stream derived from the
/// seed, so intervals do not depend on the number of threads.
/// </summary>
internal static class ImpactBootstrap
{
    /// <summary>Mixed into the seed so that impact replicates do not reuse the partner bootstrap's streams.</summary>
    private const ulong Salt = 0x494D_5041_4354UL;

    /// <summary>Intervals of the three figures of each unit, unit by unit in the order given.</summary>
    /// <exception cref="ArgumentException">A unit cannot be answered for, the slice is not in the corpus, or has no publication with a citation count.</exception>
    internal static IReadOnlyList<ImpactInterval> Run(
        Corpus corpus, AggregationOptions options, SliceKey key, IReadOnlyList<Unit> units, TopPercent x, BootstrapOptions boot,
        byte[]? referenceClasses = null, CitationSource source = CitationSource.Counts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(boot);
        options.Validate();
        boot.Validate();
        var sample = ImpactSample.Extract(corpus, options, ImpactScoring.For(corpus, source, referenceClasses), key, units, cancellationToken);
        int n = units.Count;
        var estimate = new double[3 * n];
        sample.Figures(null, sample.BackgroundCounts, x, new ImpactSample.Scratch(sample), estimate.AsSpan(0, n), estimate.AsSpan(n, n), estimate.AsSpan(2 * n, n));

        int replicates = boot.Replicates;
        var values = new double[replicates * 3 * n];
        ulong seed = PartnerBootstrap.Mix(boot.Seed ^ PartnerBootstrap.Mix(Salt));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = boot.MaxDegreeOfParallelism ?? -1, CancellationToken = cancellationToken };
        Parallel.For(
            0,
            replicates,
            parallel,
            () => new ImpactSample.Scratch(sample),
            (r, _, scratch) =>
            {
                var random = new PartnerBootstrap.SplitMix(PartnerBootstrap.Mix(seed + (ulong)r));
                var row = values.AsSpan(r * 3 * n, 3 * n);
                sample.Replicate(ref random, x, scratch, row[..n], row.Slice(n, n), row.Slice(2 * n, n));
                return scratch;
            },
            _ => { });

        var intervals = new List<ImpactInterval>(3 * n);
        var column = new double[replicates];
        for (int u = 0; u < n; u++)
        {
            for (int m = 0; m < 3; m++)
            {
                int defined = 0;
                for (int r = 0; r < replicates; r++)
                {
                    double v = values[(r * 3 * n) + (m * n) + u];
                    if (!double.IsNaN(v))
                    {
                        column[defined++] = v;
                    }
                }

                var (lower, upper, se) = PartnerBootstrap.Interval(column.AsSpan(0, defined), boot.Confidence);
                intervals.Add(new ImpactInterval(units[u], (ImpactMeasure)m, estimate[(m * n) + u], lower, upper, se, defined));
            }
        }

        return intervals;
    }
}
