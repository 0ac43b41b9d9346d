using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using CollabMetrics.IO;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// One OpenAlex JSON Lines file, plain and gzip-compressed, read as the command-line tool reads it for a table
/// (<c>Corpus.FromFile</c> with counts-only corpus options: no author ids, names or addresses kept), with one thread
/// (<c>MaxDegreeOfParallelism = 1</c>: decompression and parsing on one core) and two (a plain file parsed in chunks on
/// a thread beside the caller's; a .gz file decompressed on a thread of its own ahead of the caller's parsing). MB/s is
/// over the file on disk, so the .gz rows count compressed bytes. Two more rows read the plain file on one thread into
/// a corpus that keeps more: every detail (the default corpus options: author ids, names, raw affiliation strings as
/// addresses, positions) and ids and DOIs without names and addresses (<c>KeepRecordDetails = false</c>).
/// </summary>
[MemoryDiagnoser]
[ThroughputColumns]
[ShortRun(warmupCount: 1, iterationCount: 3)]
public class OpenAlexIngestBenchmarks : IThroughputInput
{
    private static readonly CorpusOptions CountsOnly = CorpusOptions.Default with { KeepAuthorIds = false, KeepRecordDetails = false };
    private static readonly CorpusOptions IdsOnly = CorpusOptions.Default with { KeepRecordDetails = false };

    private string _plain = null!;
    private string _gzip = null!;

    [Params(100_000)]
    public int Publications { get; set; }

    public string InputFile(string benchmark, int publications) =>
        benchmark.Contains("Gz", StringComparison.Ordinal) ? GzipFile(publications) : IngestBenchmarks.OpenAlexFile(publications);

    /// <summary>The benchmark's OpenAlex JSON Lines file, gzip-compressed (default level).</summary>
    public static string GzipFile(int publications) =>
        BenchmarkData.File("openalex.jsonl.gz", publications, path =>
        {
            using var input = File.OpenRead(IngestBenchmarks.OpenAlexFile(publications));
            using var output = File.Create(path);
            using var gzip = new GZipStream(output, CompressionLevel.Optimal);
            input.CopyTo(gzip);
        });

    [GlobalSetup]
    public void Setup()
    {
        _plain = IngestBenchmarks.OpenAlexFile(Publications);
        _gzip = GzipFile(Publications);
    }

    [Benchmark(Baseline = true, Description = ".jsonl, 1 thread")]
    public int JsonLines1() => Read(_plain, 1);

    [Benchmark(Description = ".jsonl, 2 threads")]
    public int JsonLines2() => Read(_plain, 2);

    [Benchmark(Description = ".jsonl.gz, 1 thread")]
    public int JsonLinesGz1() => Read(_gzip, 1);

    [Benchmark(Description = ".jsonl.gz, 2 threads")]
    public int JsonLinesGz2() => Read(_gzip, 2);

    [Benchmark(Description = ".jsonl, 1 thread, every detail")]
    public int JsonLinesDetails1() => Read(_plain, 1, CorpusOptions.Default);

    [Benchmark(Description = ".jsonl, 1 thread, ids and DOIs")]
    public int JsonLinesIds1() => Read(_plain, 1, IdsOnly);

    private static int Read(string path, int threads, CorpusOptions? options = null) =>
        Corpus.FromFile(path, ReadOptions.Default with { MaxDegreeOfParallelism = threads }, options ?? CountsOnly).Count;
}
