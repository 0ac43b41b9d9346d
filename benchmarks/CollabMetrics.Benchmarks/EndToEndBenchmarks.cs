using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CollabMetrics.Aggregation;
using CollabMetrics.IO;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// From a CollabMetrics CSV file to every unit count and link weight per year and technology: DuckDB
/// (<c>read_csv</c> into tidy tables, then the SQL of <see cref="DuckDbCube.Sql"/>) against CollabMetrics (read the
/// file into a corpus, build the cube; or stream the file straight into the cube).
/// </summary>
[MemoryDiagnoser]
[ThroughputColumns]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class EndToEndBenchmarks : IThroughputInput
{
    private string _path = null!;

    [Params(1_000_000)]
    public int Publications { get; set; }

    public string InputFile(string benchmark, int publications) => IngestBenchmarks.CsvFile(publications);

    [GlobalSetup]
    public void Setup() => _path = IngestBenchmarks.CsvFile(Publications);

    [Benchmark(Baseline = true, Description = "DuckDB: read_csv + SQL")]
    public long DuckDb()
    {
        using var db = DuckDbCube.Open();
        return db.AggregateCsv(_path);
    }

    [Benchmark(Description = "CollabMetrics: CSV -> corpus -> cube")]
    public CollaborationCube CorpusThenCube() => CollaborationCube.Build(Corpus.FromFile(_path));

    [Benchmark(Description = "CollabMetrics: CSV streamed -> cube")]
    public CollaborationCube StreamedCube() => CollaborationCube.Build(PublicationReader.ReadFile(_path));
}
