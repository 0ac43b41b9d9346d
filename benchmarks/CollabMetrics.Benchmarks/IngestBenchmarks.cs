using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.IO.WebOfScience;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Reading files into a corpus (format detection, parsing, country resolution, columnar storage) for the same
/// synthetic publications written in three formats.
/// </summary>
[MemoryDiagnoser]
[ThroughputColumns]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class IngestBenchmarks : IThroughputInput
{
    private string _path = null!;

    [Params(100_000)]
    public int Publications { get; set; }

    public string InputFile(string benchmark, int publications) => benchmark switch
    {
        nameof(OpenAlexJsonLines) => OpenAlexFile(publications),
        nameof(WebOfScienceText) => WosFile(publications),
        _ => CsvFile(publications),
    };

    public static string CsvFile(int publications) =>
        BenchmarkData.File("collabmetrics.csv", publications, path => SyntheticCorpus.ToCsvFile(BenchmarkData.Options(publications), path));

    public static string OpenAlexFile(int publications) =>
        BenchmarkData.File("openalex.jsonl", publications, path => OpenAlexJsonLinesWriter.Write(SyntheticCorpus.Generate(BenchmarkData.Options(publications)), path));

    public static string WosFile(int publications) =>
        BenchmarkData.File("wos.txt", publications, path => WosTextWriter.Write(SyntheticCorpus.Generate(BenchmarkData.Options(publications)), path));

    [GlobalSetup(Target = nameof(CollabMetricsCsv))]
    public void SetupCsv() => _path = CsvFile(Publications);

    [GlobalSetup(Target = nameof(OpenAlexJsonLines))]
    public void SetupOpenAlex() => _path = OpenAlexFile(Publications);

    [GlobalSetup(Target = nameof(WebOfScienceText))]
    public void SetupWos() => _path = WosFile(Publications);

    [Benchmark(Baseline = true, Description = "CollabMetrics CSV -> corpus")]
    public Corpus CollabMetricsCsv() => Read(new CollabMetricsCsvReader(), _path);

    [Benchmark(Description = "OpenAlex JSON Lines -> corpus")]
    public Corpus OpenAlexJsonLines() => Read(new OpenAlexReader(), _path);

    [Benchmark(Description = "Web of Science plain text -> corpus")]
    public Corpus WebOfScienceText() => Read(new WebOfScienceReader(), _path);

    /// <summary>
    /// Reads a file with a given reader into a corpus. Every label is kept as a technology (OpenAlex topics, Web of
    /// Science categories), as the CSV keeps its labels.
    /// </summary>
    public static Corpus Read(PublicationReader reader, string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var options = ReadOptions.Default with { Technologies = TechnologyMapping.Identity };
        var builder = new CorpusBuilder();
        builder.AddRange(reader.Read(stream, path, options, builder.Report));
        return builder.Build();
    }
}
