using System.Diagnostics;
using System.Globalization;
using CollabMetrics.Metrics;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Console modes that measure what a user waits for: <c>table NAME FILE</c> (DuckDB as a minimal console program:
/// one query, CSV on standard output), <c>process N ROUNDS [TABLE...]</c> (the <c>collabmetrics</c> command as a
/// process against that program as a process, alternated round by round, wall time and peak resident memory of
/// each) and <c>data N [csv|csv.gz|jsonl|jsonl.gz]</c> (writes the benchmark file of N publications and prints its path).
/// </summary>
internal static partial class ConsoleModes
{
    /// <summary>Runs a mode that takes other arguments than sizes; false when <paramref name="args"/> names none.</summary>
    private static bool TryRunProcessMode(string[] args)
    {
        switch (args[0])
        {
            case "table" when args.Length == 3:
                // What a DuckDB user runs: the query over the file, CSV on standard output, nothing else.
                using (var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16))
                {
                    DuckDbOneTable.Write(args[1], args[2], output);
                }

                return true;
            case "table":
                Console.Error.WriteLine($"table: give a table ({string.Join(", ", DuckDbOneTable.Tables.Keys)}) and a CollabMetrics CSV or OpenAlex .jsonl(.gz) file, e.g. 'table pairs corpus.csv'.");
                Environment.Exit(2);
                return true;
            case "process":
                ProcessComparison(args);
                return true;
            case "profile":
                Profile(args.Length > 1 ? ParseSize(args[0], args[1]) : 1_000_000);
                return true;
            case "parse":
                ParseSpeed(
                    args.Length > 1 ? ParseSize(args[0], args[1]) : 1_000_000,
                    args.Length > 2 ? [.. args[2..].Select(a => ParseSize(args[0], a))] : [1, Environment.ProcessorCount]);
                return true;
            case "csvchunks":
                CsvChunkParseSpeed(
                    args.Length > 1 ? ParseSize(args[0], args[1]) : 1_000_000,
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 256,
                    args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 9);
                return true;
            case "jsonparse":
                string format = args.Length > 2 && args[2] == "jsonl.gz" ? "jsonl.gz" : "jsonl";
                int skip = args.Length > 2 && args[2].StartsWith("jsonl", StringComparison.Ordinal) ? 3 : 2;
                JsonParseSpeed(
                    args.Length > 1 ? ParseSize(args[0], args[1]) : 100_000,
                    format,
                    args.Length > skip ? [.. args[skip..].Select(a => ParseSize(args[0], a))] : [1, Environment.ProcessorCount]);
                return true;
            case "gunzip" when args.Length >= 2:
                GunzipSpeed(args[1], args.Length > 2 ? ParseSize(args[0], args[2]) : 3);
                return true;
            case "data":
                int n = args.Length > 1 ? ParseSize(args[0], args[1]) : 1_000_000;
                var path = InputFile(args.Length > 2 ? args[2] : "csv", n);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {new FileInfo(path).Length / 1e6:N0} MB{(path.EndsWith(".csv", StringComparison.Ordinal) ? $", {CountLines(path) - 1:N0} rows" : string.Empty)}"));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Where the time of <c>collabmetrics pairs --by year --links full --output csv</c> goes, step by step in one
    /// process: parsing the file (publications enumerated and dropped), reading it into a corpus, aggregating, and
    /// computing and writing the table; then the same table through the library's streamed path.
    /// </summary>
    private static void Profile(int publications)
    {
        var path = IngestBenchmarks.CsvFile(publications);
        var read = IO.ReadOptions.Default with { ErrorMode = IO.ErrorMode.Lenient };
        Console.WriteLine("| Step | Time (s) | Allocated (MB) | Working set after (MB) |");
        Console.WriteLine("|---|---:|---:|---:|");
        Step("parse only (publications enumerated, not kept)", () =>
        {
            long n = 0;
            foreach (var publication in IO.PublicationReader.ReadFile(path, read))
            {
                n += publication.Authors.Count;
            }

            return n;
        });
        Corpus corpus = Corpus.Empty;
        Step("parse + build the corpus", () => corpus = Corpus.FromFile(path, read));
        Aggregation.CollaborationCube? cube = null;
        var analysis = corpus.Countries().WithOptions(Aggregation.AggregationOptions.Default with { ByTechnology = false });
        Step("aggregate: full cube without technology slices", () => cube = Aggregation.CollaborationCube.Build(corpus, analysis.Options));
        Step("aggregate: what pairs --links full needs", () => Aggregation.CubeEngine.BuildFromCorpus(
            corpus, analysis.Options, Aggregation.CubeContent.ForTable(units: false, Aggregation.CubeContent.FullLink, null, null), null, default));
        Step("pair table by year + CSV to a null stream", () =>
        {
            using var output = new StreamWriter(System.IO.Stream.Null);
            var table = analysis.Pairs().ByYear().Compute();
            table.ToCsv(output);
            return table.Count;
        });
        GC.KeepAlive(cube);

        void Step(string label, Func<object?> run)
        {
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(run());
            sw.Stop();
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {sw.Elapsed.TotalSeconds:F2} | {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:N0} | {process.WorkingSet64 / 1e6:N0} |"));
        }
    }

    private static int ParseSize(string mode, string text)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n <= 0)
        {
            Console.Error.WriteLine($"{mode}: '{text}' is not a size; give a publication count, e.g. '{mode} 1000000'.");
            Environment.Exit(2);
        }

        return n;
    }

    private static long CountLines(string path)
    {
        long lines = 0;
        using var file = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }

    /// <summary>
    /// <c>process N ROUNDS [FORMAT...] [TABLE...]</c>: for each input format (<c>csv</c>, the default; <c>csv.gz</c>, the
    /// same file gzip-compressed; <c>jsonl</c>, <c>jsonl.gz</c>: the OpenAlex JSON Lines file of the same corpus) and each table (default pairs, countries,
    /// partners, inspect), the
    /// <c>collabmetrics</c> command as a process and, for the tables DuckDB answers too, DuckDB as a process
    /// (<c>table NAME FILE</c> of this program), alternated within each round. Prints wall seconds, peak resident
    /// memory and the ratios, and the medians.
    /// </summary>
    private static void ProcessComparison(string[] args)
    {
        int publications = args.Length > 1 ? ParseSize("process", args[1]) : 1_000_000;
        int rounds = args.Length > 2 ? ParseSize("process", args[2]) : 3;
        string[] rest = args.Length > 3 ? args[3..] : [];
        string[] formats = [.. rest.Where(a => InputFormats.Contains(a, StringComparer.Ordinal))];
        string[] tables = [.. rest.Where(a => !InputFormats.Contains(a, StringComparer.Ordinal))];
        if (formats.Length == 0)
        {
            formats = ["csv"];
        }

        if (tables.Length == 0)
        {
            tables = ["pairs", "countries", "partners", "inspect"];
        }

        var cli = CliPath();
        var self = typeof(ConsoleModes).Assembly.Location;
        Console.WriteLine(CliDescription(cli));
        Console.WriteLine();
        foreach (var format in formats)
        {
            var path = InputFile(format, publications);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Input: {Path.GetFileName(path)}, {publications:N0} publications, {new FileInfo(path).Length / 1e6:N0} MB. Each command is a new process (`dotnet <dll> ...`), output to a pipe that is read and hashed."));
            Console.WriteLine();
            CompareProcesses(cli, self, path, rounds, tables);
            Console.WriteLine();
        }
    }

    /// <summary>The input formats of the <c>process</c> mode: the CollabMetrics CSV and its gzip, OpenAlex JSON Lines and its gzip.</summary>
    private static readonly string[] InputFormats = ["csv", "csv.gz", "jsonl", "jsonl.gz"];

    /// <summary>The benchmark file of <paramref name="publications"/> publications in <paramref name="format"/>, generated once.</summary>
    private static string InputFile(string format, int publications) => format switch
    {
        "jsonl" => IngestBenchmarks.OpenAlexFile(publications),
        "jsonl.gz" => OpenAlexIngestBenchmarks.GzipFile(publications),
        "csv.gz" => CsvGzipFile(publications),
        _ => IngestBenchmarks.CsvFile(publications),
    };

    /// <summary>The benchmark CSV of <paramref name="publications"/> publications gzip-compressed (the default level, gzip's -6), written next to it once.</summary>
    private static string CsvGzipFile(int publications) =>
        BenchmarkData.File("collabmetrics.csv.gz", publications, path =>
        {
            using var input = File.OpenRead(IngestBenchmarks.CsvFile(publications));
            using var output = File.Create(path);
            using var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal);
            input.CopyTo(gzip);
        });

    private static void CompareProcesses(string cli, string self, string path, int rounds, string[] tables)
    {
        Console.WriteLine("| Table | Round | collabmetrics wall (s) | collabmetrics peak (MB) | DuckDB wall (s) | DuckDB peak (MB) | wall ratio | memory ratio | same CSV |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var table in tables)
        {
            bool duck = DuckDbOneTable.Tables.ContainsKey(table);
            var ours = new List<(double Wall, double Peak, string Output)>();
            var theirs = new List<(double Wall, double Peak, string Output)>();
            for (int r = 1; r <= rounds; r++)
            {
                var a = RunProcess("dotnet", [cli, .. OneTableBenchmarks.CommandArguments(table, path, quiet: true)]);
                ours.Add(a);
                if (duck)
                {
                    var b = RunProcess("dotnet", [self, "table", table, path]);
                    theirs.Add(b);
                    // The pair tables are the same question with the same columns: their CSV must match byte for byte.
                    string same = table == "pairs" ? (a.Output == b.Output ? "yes" : "NO") : "(other columns)";
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | {r} | {a.Wall:F2} | {a.Peak:F0} | {b.Wall:F2} | {b.Peak:F0} | {a.Wall / b.Wall:F2} | {a.Peak / b.Peak:F2} | {same} |"));
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | {r} | {a.Wall:F2} | {a.Peak:F0} | | | | | |"));
                }
            }

            var (wall, peak) = Medians(ours);
            if (duck)
            {
                var (duckWall, duckPeak) = Medians(theirs);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | median | {wall:F2} | {peak:F0} | {duckWall:F2} | {duckPeak:F0} | **{wall / duckWall:F2}** | **{peak / duckPeak:F2}** | |"));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | median | {wall:F2} | {peak:F0} | | | | | |"));
            }
        }
    }

    private static (double Wall, double Peak) Medians(List<(double Wall, double Peak, string Output)> runs)
    {
        return (Median.Of(runs.Select(r => r.Wall)), Median.Of(runs.Select(r => r.Peak)));
    }

    /// <summary>
    /// Runs a process to its end, its standard output read and hashed; returns the wall time in seconds, its peak
    /// resident set in MB (VmHWM of /proc/PID/status, read every few milliseconds while it runs) and the SHA-256 of
    /// its output.
    /// </summary>
    private static (double Wall, double Peak, string Output) RunProcess(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var sw = Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {file}.");
        var drainOut = System.Security.Cryptography.SHA256.HashDataAsync(process.StandardOutput.BaseStream);
        var error = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        var status = $"/proc/{process.Id}/status";
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, ReadHighWaterMark(status));
            Thread.Sleep(5);
        }

        process.WaitForExit();
        double wall = sw.Elapsed.TotalSeconds;
        string output = Convert.ToHexString(drainOut.AsTask().GetAwaiter().GetResult());
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', arguments)} exited with {process.ExitCode}: {error.GetAwaiter().GetResult()}");
        }

        return (wall, peakKb / 1024.0, output);
    }

    private static long ReadHighWaterMark(string status)
    {
        try
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>
    /// The command-line tool to run: <c>$COLLABMETRICS_CLI</c>; else the tool published for this machine's runtime
    /// identifier into <c>artifacts/cli/RID</c> the way its package is made (framework-dependent, ReadyToRun code;
    /// <c>benchmarks/run.sh process</c> publishes it), which is what <c>dotnet tool install</c> gives a user; else the
    /// Release build output (plain IL), said so in the header.
    /// </summary>
    private static string CliPath()
    {
        if (Environment.GetEnvironmentVariable("COLLABMETRICS_CLI") is { Length: > 0 } configured)
        {
            return configured;
        }

        var repository = Path.Combine(AppContext.BaseDirectory, "../../../../..");
        var published = Path.GetFullPath(Path.Combine(repository, "artifacts/cli", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "CollabMetrics.Cli.dll"));
        if (File.Exists(published))
        {
            return published;
        }

        var path = Path.GetFullPath(Path.Combine(repository, "src/CollabMetrics.Cli/bin/Release/net10.0/CollabMetrics.Cli.dll"));
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"process: the tool is neither published at {published} nor built at {path}; run 'benchmarks/run.sh process', or 'dotnet build -c Release src/CollabMetrics.Cli', or set COLLABMETRICS_CLI.");
            Environment.Exit(2);
        }

        return path;
    }

    /// <summary>One line naming the tool that <paramref name="cli"/> is and whether its assemblies carry ReadyToRun code.</summary>
    private static string CliDescription(string cli)
    {
        string code = HasReadyToRunCode(cli) && HasReadyToRunCode(Path.Combine(Path.GetDirectoryName(cli)!, "CollabMetrics.dll"))
            ? "ReadyToRun code, as the tool package installs it"
            : "plain IL, compiled at run time; not the ReadyToRun code the tool package installs, which benchmarks/run.sh process publishes";
        return $"The tool: `dotnet {cli}` ({code}).";
    }

    /// <summary>Whether the assembly at <paramref name="path"/> is a ReadyToRun image (a managed native header in its CLI header).</summary>
    private static bool HasReadyToRunCode(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var stream = File.OpenRead(path);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
