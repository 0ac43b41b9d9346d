using System.Diagnostics;
using System.Globalization;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Single long runs that BenchmarkDotNet is not suited to, printed as markdown: <c>memory N...</c> (bytes per
/// publication of the corpus), <c>duckdb N</c> (a quick look at the DuckDB side).
/// </summary>
internal static partial class ConsoleModes
{
    private static readonly string[] s_modes = ["memory", "ingestcheck", "duckdb", "stream", "cubememory", "compare", "verify", "impact"];

    public static bool TryRun(string[] args)
    {
        if (!s_modes.Contains(args[0]))
        {
            return false;
        }

        var sizes = new int[args.Length - 1];
        for (int i = 1; i < args.Length; i++)
        {
            if (!int.TryParse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i - 1]) || sizes[i - 1] <= 0)
            {
                Console.Error.WriteLine($"{args[0]}: '{args[i]}' is not a size; the console modes take publication counts, e.g. '{args[0]} 1000000'.");
                Environment.Exit(2);
            }
        }

        switch (args[0])
        {
            case "memory":
                Memory(sizes.Length > 0 ? sizes : [1_000_000, 7_000_000]);
                return true;
            case "ingestcheck":
                IngestCheck(sizes.Length > 0 ? sizes[0] : 20_000);
                return true;
            case "duckdb":
                DuckDb(sizes.Length > 0 ? sizes[0] : 100_000);
                return true;
            default:
                return TryRunCube(args[0], sizes) || TryRunImpact(args[0], sizes);
        }
    }

    /// <summary>Bytes per publication of the corpus: columnar storage, and measured by the GC with and without the id and DOI strings.</summary>
    private static void Memory(int[] sizes)
    {
        Console.WriteLine("| Publications | Corpus options | Affiliations/pub | StorageBytes/pub | GC-measured bytes/pub | Build time (s) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (int n in sizes)
        {
            foreach (var (label, options) in new[]
            {
                ("countries, institutions, years, technologies (no author ids, no DOIs)", new CorpusOptions { KeepAuthorIds = false, KeepDois = false }),
                ("defaults (author ids and DOIs kept)", CorpusOptions.Default),
            })
            {
                Console.WriteLine(MeasureCorpus(n, label, options));
            }
        }
    }

    /// <summary>Reads each generated input file back and checks that every publication keeps its countries.</summary>
    private static void IngestCheck(int publications)
    {
        var expected = SyntheticCorpus.Generate(BenchmarkData.Options(publications)).Select(p => string.Join(",", p.Countries)).ToList();
        foreach (var (format, reader, path) in new (string, IO.PublicationReader, string)[]
        {
            ("CollabMetrics CSV", new IO.Csv.CollabMetricsCsvReader(), IngestBenchmarks.CsvFile(publications)),
            ("OpenAlex JSON Lines", new IO.OpenAlex.OpenAlexReader(), IngestBenchmarks.OpenAlexFile(publications)),
            ("Web of Science", new IO.WebOfScience.WebOfScienceReader(), IngestBenchmarks.WosFile(publications)),
        })
        {
            var sw = Stopwatch.StartNew();
            var corpus = IngestBenchmarks.Read(reader, path);
            sw.Stop();
            int same = 0;
            int i = 0;
            foreach (var record in corpus.Records)
            {
                same += string.Join(",", record.Countries) == expected[i++] ? 1 : 0;
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{format}: {new FileInfo(path).Length / 1e6:F1} MB, {corpus.Count} publications in {sw.Elapsed.TotalSeconds:F1} s, {same} with the generated countries, {corpus.Technologies.Count} technologies, unresolved affiliations {corpus.Report.UnresolvedAffiliations.Sum(u => u.Count)}, skipped {corpus.Report.SkippedTotal}"));
        }
    }

    /// <summary>Builds one corpus and measures it; not inlined, so that the corpus is unreachable once it returns.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string MeasureCorpus(int n, string label, CorpusOptions options)
    {
        long before = SettledHeap();
        var sw = Stopwatch.StartNew();
        var corpus = SyntheticCorpus.BuildCorpus(BenchmarkData.Options(n), options);
        sw.Stop();
        long after = SettledHeap();
        double entries = corpus.Storage.Entries.Length / (double)n;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"| {n:N0} | {label} | {entries:F2} | {corpus.StorageBytes / (double)n:F1} | {(after - before) / (double)n:F1} | {sw.Elapsed.TotalSeconds:F1} |");
        GC.KeepAlive(corpus);
        return line;
    }

    private static long SettledHeap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void DuckDb(int publications)
    {
        var sw = Stopwatch.StartNew();
        var corpus = BenchmarkData.Corpus(publications);
        Console.WriteLine($"corpus {publications}: {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        using var db = DuckDbCube.Load(corpus);
        Console.WriteLine($"load: {sw.ElapsedMilliseconds} ms, {db.Scalar("SELECT count(*) FROM authorship")} authorship rows");
        for (int i = 0; i < 3; i++)
        {
            sw.Restart();
            long rows = db.Aggregate();
            Console.WriteLine($"aggregate: {sw.ElapsedMilliseconds} ms, {rows} rows");
        }
    }
}
