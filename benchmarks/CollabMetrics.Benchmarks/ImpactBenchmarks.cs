using BenchmarkDotNet.Attributes;
using CollabMetrics.Aggregation;
using CollabMetrics.Impact;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// The impact statistics (exact citation histograms per year x technology of every reference set, unit and pair of
/// countries, in one pass) against the collaboration cube built from the same corpus in the same run: the cube is the
/// pass every analysis already makes, so the ratio says what citation impact costs on top of it. The third case adds
/// the figures of every year and technology (top 10% flags, MNCS, h-index, collaboration types, concentration).
/// </summary>
[MemoryDiagnoser]
[ShortRun(warmupCount: 0, iterationCount: 2)]
public class ImpactBenchmarks
{
    private Corpus _corpus = null!;

    [Params(1_000_000, 7_000_000)]
    public int Publications { get; set; }

    [GlobalSetup]
    public void Setup() => _corpus = BenchmarkData.Corpus(Publications);

    /// <summary>The collaboration cube: years x (74 technologies + all), every count and link weight.</summary>
    [Benchmark(Baseline = true, Description = "Cube, years x technologies")]
    public CollaborationCube Cube() => CollaborationCube.Build(_corpus);

    /// <summary>The impact statistics: years x (74 technologies + all).</summary>
    [Benchmark(Description = "Impact statistics, years x technologies")]
    public int Statistics() => ImpactEngine.Build(_corpus, AggregationOptions.Default).Cells.Count;

    /// <summary>The statistics, then the top 10% figures and concentration of every year for every technology and for all.</summary>
    [Benchmark(Description = "Impact statistics + figures of every year x technology")]
    public double StatisticsAndFigures() => Figures(ImpactEngine.Build(_corpus, AggregationOptions.Default));

    /// <summary>Computes every yearly slice; returns a checksum so that nothing is optimized away.</summary>
    internal static double Figures(ImpactStatistics statistics)
    {
        double checksum = 0;
        string?[] technologies = [null, .. statistics.Technologies];
        foreach (var technology in technologies)
        {
            foreach (int year in statistics.Years)
            {
                var slice = statistics.Slice(SliceKey.ForYear(year, technology), TopPercent.Ten);
                foreach (var unit in slice.Units)
                {
                    checksum += unit.TopShare + unit.HIndex;
                }

                checksum += slice.Concentration().Hhi;
            }
        }

        return checksum;
    }
}
