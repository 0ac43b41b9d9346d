using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CollabMetrics.Aggregation;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// The collaboration cube (every unit count and every link weight, per year and technology and per year over all
/// technologies, in one pass) against DuckDB computing the same counts with SQL over the same data in an in-memory
/// table (loading not timed).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class CubeVsDuckDbBenchmarks
{
    private Corpus _corpus = null!;
    private DuckDbCube _duckDb = null!;

    [Params(1_000_000, 7_000_000)]
    public int Publications { get; set; }

    [GlobalSetup(Target = nameof(DuckDb))]
    public void SetupDuckDb()
    {
        _corpus = BenchmarkData.Corpus(Publications);
        _duckDb = DuckDbCube.Load(_corpus);
    }

    [GlobalSetup(Targets = [nameof(Cube), nameof(CubeYearsOnly)])]
    public void SetupCube() => _corpus = BenchmarkData.Corpus(Publications);

    [GlobalCleanup]
    public void Cleanup() => _duckDb?.Dispose();

    /// <summary>DuckDB: the SQL of <see cref="DuckDbCube.Sql"/> over the tidy tables.</summary>
    [Benchmark(Baseline = true, Description = "DuckDB SQL (in-memory tables)")]
    public long DuckDb() => _duckDb.Aggregate();

    /// <summary>The cube: years x (74 technologies + all), every count and link weight.</summary>
    [Benchmark(Description = "Cube, years x technologies")]
    public CollaborationCube Cube() => CollaborationCube.Build(_corpus);

    /// <summary>The cube without technology slices (years only).</summary>
    [Benchmark(Description = "Cube, years only")]
    public CollaborationCube CubeYearsOnly() => CollaborationCube.Build(_corpus, AggregationOptions.Default with { ByTechnology = false });
}
