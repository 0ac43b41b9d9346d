using BenchmarkDotNet.Attributes;
using CollabMetrics.Cli.Output;
using CollabMetrics.Metrics;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Writing the corpus in the long format (one row per publication, author and affiliation) as Parquet
/// (Parquet.Net, Snappy, row groups of 524,288 rows) against the CollabMetrics CSV writer, both to a file; and one
/// large result table (every country pair in every year) through the tabular contract, as CSV and as
/// Parquet. The sizes of the files are printed after the run.
/// </summary>
[MemoryDiagnoser]
[ShortRun(warmupCount: 0, iterationCount: 2)]
public class ParquetWriteBenchmarks
{
    private Corpus _corpus = null!;
    private PairTable _pairs = null!;
    private string _dir = null!;

    [Params(1_000_000)]
    public int Publications { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _corpus = BenchmarkData.Corpus(Publications);
        _dir = Directory.CreateTempSubdirectory("cm-parquet-bench-").FullName;
        var analysis = _corpus.Countries();
        _pairs = analysis.Pairs().ByYear().Compute();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var file in Directory.GetFiles(_dir))
        {
            Console.WriteLine($"// {Path.GetFileName(file)}: {new FileInfo(file).Length:N0} bytes");
        }

        Console.WriteLine($"// long format: {LongRows():N0} rows; pair table: {_pairs.RowCount:N0} rows x {_pairs.Columns.Count} columns");
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The long format as CollabMetrics CSV (CsvHelper): the baseline.</summary>
    [Benchmark(Baseline = true, Description = "Long format, CSV")]
    public long LongCsv()
    {
        using var file = new FileStream(Path.Combine(_dir, "long.csv"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _corpus.ToCsv(file);
        return file.Length;
    }

    /// <summary>The long format as Parquet (<c>convert --to parquet</c>).</summary>
    [Benchmark(Description = "Long format, Parquet")]
    public long LongParquet()
    {
        using var file = new FileStream(Path.Combine(_dir, "long.parquet"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        return CorpusParquet.Write(_corpus, file);
    }

    /// <summary>The pair table of every focus and year as CSV (<c>--output csv</c>).</summary>
    [Benchmark(Description = "Pair table, CSV")]
    public long TableCsv()
    {
        using var file = new StreamWriter(Path.Combine(_dir, "pairs.csv"));
        _pairs.ToCsv(file);
        return file.BaseStream.Length;
    }

    /// <summary>The pair table of every focus and year as Parquet (<c>--output parquet</c>).</summary>
    [Benchmark(Description = "Pair table, Parquet")]
    public long TableParquet()
    {
        using var file = new FileStream(Path.Combine(_dir, "pairs.parquet"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        ParquetTableWriter.Write(_pairs, file);
        return file.Length;
    }

    private long LongRows()
    {
        using var file = new FileStream(Path.Combine(_dir, "count.parquet"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        return CorpusParquet.Write(_corpus, file);
    }
}
