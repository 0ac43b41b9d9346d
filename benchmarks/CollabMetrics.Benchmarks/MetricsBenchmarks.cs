using BenchmarkDotNet.Attributes;
using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Benchmarks;

/// <summary>Indices, rankings and the bootstrap from an analysis whose cube is built (in the setup).</summary>
[MemoryDiagnoser]
[ShortRun(warmupCount: 0, iterationCount: 2)]
public class MetricsBenchmarks
{
    private CollaborationAnalysis _analysis = null!;
    private string[] _foci = null!;

    [Params(1_000_000)]
    public int Publications { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _analysis = BenchmarkData.Corpus(Publications).Countries();
        var cube = _analysis.Cube;
        _foci = [.. cube.Units.Where(u => u.Kind == UnitKind.Country).Select(u => u.Code)];
    }

    /// <summary>Partners of every focus country ranked by PartnerShare in every year (about 200 foci x 20 years).</summary>
    [Benchmark(Baseline = true, Description = "Rank partners, every focus x year, 1 index")]
    public int RankEveryFocus()
    {
        int rows = 0;
        foreach (var focus in _foci)
        {
            rows += _analysis.Focus(focus).Partners().ByYear().Rank(CollaborationIndex.PartnerShare).Count;
        }

        return rows;
    }

    /// <summary>Every partner index for every focus country and year.</summary>
    [Benchmark(Description = "All indices, every focus x year")]
    public int AllIndicesEveryFocus()
    {
        int rows = 0;
        foreach (var focus in _foci)
        {
            var partners = _analysis.Focus(focus).Partners().ByYear();
            foreach (var index in CollaborationIndices.All)
            {
                rows += partners.Rank(index).Count;
            }
        }

        return rows;
    }

    /// <summary>Bootstrap (1,000 replicates) of PartnerShare for CN's partners in every year.</summary>
    [Benchmark(Description = "Bootstrap 1,000 replicates, CN x year")]
    public int BootstrapChina() =>
        _analysis.Focus("CN").Partners().ByYear().Bootstrap(CollaborationIndex.PartnerShare, BootstrapOptions.Default with { Replicates = 1000 }).Count;
}
