using BenchmarkDotNet.Attributes;
using CollabMetrics.Cli;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// One table from a CollabMetrics CSV file, as a user asks for it: DuckDB (<c>read_csv</c> and one query, rows
/// written as CSV; <see cref="DuckDbOneTable"/>) against the <c>collabmetrics</c> command run in-process with the
/// same question (<c>pairs --by year --links full --output csv</c>, <c>countries --by year --output csv</c>), its
/// CSV written to a null stream. The whole-process comparison is the <c>process</c> console mode.
/// </summary>
[MemoryDiagnoser]
[ThroughputColumns]
[ShortRun(warmupCount: 0, iterationCount: 3)]
public class OneTableBenchmarks : IThroughputInput
{
    private string _path = null!;

    [Params(1_000_000)]
    public int Publications { get; set; }

    [Params("pairs", "countries")]
    public string Table { get; set; } = "pairs";

    public string InputFile(string benchmark, int publications) => IngestBenchmarks.CsvFile(publications);

    [GlobalSetup]
    public void Setup() => _path = IngestBenchmarks.CsvFile(Publications);

    [Benchmark(Baseline = true, Description = "DuckDB: read_csv + one query -> CSV")]
    public long DuckDb()
    {
        using var output = new StreamWriter(Stream.Null);
        return DuckDbOneTable.Write(Table, _path, output);
    }

    [Benchmark(Description = "collabmetrics command (in-process) -> CSV")]
    public int Command() => RunCommand(Table, _path);

    /// <summary>Runs the command that answers <paramref name="table"/> on <paramref name="path"/>, its output discarded.</summary>
    public static int RunCommand(string table, string path)
    {
        using var output = new StreamWriter(Stream.Null);
        int code = CliApp.Run(CommandArguments(table, path, quiet: true), output, TextWriter.Null);
        return code == 0 ? code : throw new InvalidOperationException($"collabmetrics {table} exited with {code}.");
    }

    /// <summary>The command line of the <c>collabmetrics</c> command that answers <paramref name="table"/>.</summary>
    public static string[] CommandArguments(string table, string path, bool quiet)
    {
        string[] command = table switch
        {
            "pairs" => ["pairs", "--input", path, "--by", "year", "--links", "full", "--output", "csv"],
            "countries" => ["countries", "--input", path, "--by", "year", "--output", "csv"],
            "partners" => ["partners", "--input", path, "--focus", "CN", "--by", "year", "--output", "csv"],
            "inspect" => ["inspect", "--input", path],
            _ => throw new ArgumentException($"No command for '{table}': use pairs, countries, partners or inspect.", nameof(table)),
        };
        return quiet ? [.. command, "--quiet"] : command;
    }
}
