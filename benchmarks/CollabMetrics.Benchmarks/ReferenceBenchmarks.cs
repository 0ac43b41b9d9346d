using BenchmarkDotNet.Attributes;
using CollabMetrics.Aggregation;
using CollabMetrics.Model;
using CollabMetrics.Tests.Aggregation;

namespace CollabMetrics.Benchmarks;

/// <summary>The cube against the straightforward LINQ and dictionary implementation of the same counts.</summary>
[MemoryDiagnoser]
[ShortRun(warmupCount: 0, iterationCount: 2)]
public class CubeVsReferenceBenchmarks
{
    private Corpus _corpus = null!;
    private List<Publication> _publications = null!;

    [Params(1_000_000)]
    public int Publications { get; set; }

    [GlobalSetup(Target = nameof(Reference))]
    public void SetupReference() => _publications = [.. BenchmarkData.Corpus(Publications).Publications];

    [GlobalSetup(Target = nameof(Cube))]
    public void SetupCube() => _corpus = BenchmarkData.Corpus(Publications);

    /// <summary>LINQ and dictionaries over materialized publications.</summary>
    [Benchmark(Baseline = true, Description = "LINQ/Dictionary reference")]
    public CollaborationCube Reference() => ReferenceAggregator.Build(_publications);

    [Benchmark(Description = "Cube, years x technologies")]
    public CollaborationCube Cube() => CollaborationCube.Build(_corpus);
}
