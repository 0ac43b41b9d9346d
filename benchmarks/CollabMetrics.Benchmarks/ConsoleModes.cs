using System.Diagnostics;
using System.Globalization;
using CollabMetrics.Model;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Single long runs that BenchmarkDotNet is not suited to, printed as markdown: <c>memory N...</c> (bytes per
/// publication of the corpus, each case in a fresh process), <c>duckdb N</c> (a quick look at the DuckDB side), and
/// the modes of <c>CubeModes.cs</c> and <c>ProcessModes.cs</c>.
/// </summary>
internal static partial class ConsoleModes
{
    private static readonly string[] s_modes = ["memory", "memory-one", "ingestcheck", "duckdb", "stream", "streamkeys", "streampairs", "cubememory", "compare", "comparetable", "institutions", "institutionparts", "verify", "impact", "shards", "dedup", "kernel"];

    public static bool TryRun(string[] args)
    {
        if (TryRunProcessMode(args))
        {
            return true;
        }

        if (!s_modes.Contains(args[0]))
        {
            return false;
        }

        if (args[0] == "memory-one" && args.Length == 3 && int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int size))
        {
            MemoryOne(size, args[2]);
            return true;
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
            case "dedup":
                Deduplicate(sizes.Length > 0 ? sizes[0] : 1_000_000, sizes.Length > 1 ? sizes[1] : 7, sizes.Length > 2 ? sizes[2] : (sizes.Length > 0 ? sizes[0] : 1_000_000));
                return true;
            default:
                return TryRunCube(args[0], sizes) || TryRunImpact(args[0], sizes);
        }
    }

    /// <summary>What a memory row keeps, and how the corpus is built.</summary>
    private static readonly (string Name, string Label, bool Builder, CorpusOptions Options)[] s_memoryCases =
    [
        ("ids-dois", "ids and DOIs (no author keys, names, addresses, positions)", false,
            new CorpusOptions { KeepAuthorIds = false, KeepRecordDetails = false }),
        ("ids-dois-keys", "ids, DOIs and author keys", false,
            new CorpusOptions { KeepRecordDetails = false }),
        ("ids", "ids only (no DOIs, author keys, names, addresses, positions)", false,
            new CorpusOptions { KeepAuthorIds = false, KeepDois = false, KeepRecordDetails = false }),
        ("builder-ids-dois", "ids and DOIs, through CorpusBuilder", true,
            new CorpusOptions { KeepAuthorIds = false, KeepRecordDetails = false }),
        ("builder-all", "everything: ids, DOIs, author keys, names, addresses, positions, through CorpusBuilder", true,
            CorpusOptions.Default),
    ];

    /// <summary>
    /// The whole managed heap of a corpus per publication, each case measured in a fresh process (so that no earlier
    /// corpus is left in the baseline): columnar storage as <see cref="Corpus.StorageBytes"/> counts it, and the growth
    /// of the heap while the corpus is alive.
    /// </summary>
    private static void Memory(int[] sizes)
    {
        Console.WriteLine("| Publications | Built by | Corpus keeps | Affiliations/pub | StorageBytes/pub | GC-measured bytes/pub | Build time (s) |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|");
        foreach (int n in sizes)
        {
            foreach (var c in s_memoryCases)
            {
                Console.WriteLine(RunChild("memory-one", n.ToString(CultureInfo.InvariantCulture), c.Name));
            }
        }
    }

    /// <summary>One row of <see cref="Memory"/>, in this process.</summary>
    private static void MemoryOne(int n, string name)
    {
        var c = s_memoryCases.Single(m => m.Name == name);
        long before = SettledHeap();
        var sw = Stopwatch.StartNew();
        var corpus = c.Builder
            ? Corpus.Build(WithNamesAndAddresses(SyntheticCorpus.Generate(BenchmarkData.Options(n))), c.Options)
            : SyntheticCorpus.BuildCorpus(BenchmarkData.Options(n), c.Options);
        sw.Stop();
        long after = SettledHeap();
        double entries = corpus.Storage.EntryTotal / (double)n;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {n:N0} | {(c.Builder ? "CorpusBuilder" : "SyntheticCorpus.BuildCorpus")} | {c.Label} | {entries:F2} | {corpus.StorageBytes / (double)n:F1} | {(after - before) / (double)n:F1} | {sw.Elapsed.TotalSeconds:F1} |"));
        GC.KeepAlive(corpus);
    }

    /// <summary>
    /// The synthetic publications with what real exports carry besides: an author name per author id (Web of Science
    /// style, "Surname123, A. B."), an address per affiliation ("Institution, City 12, Country"), and a position.
    /// </summary>
    private static IEnumerable<Publication> WithNamesAndAddresses(IEnumerable<Publication> publications)
    {
        long record = 0;
        foreach (var p in publications)
        {
            record++;
            var authors = new Author[p.Authors.Count];
            for (int u = 0; u < authors.Length; u++)
            {
                var a = p.Authors[u];
                var affiliations = new Affiliation[a.Affiliations.Count];
                for (int f = 0; f < affiliations.Length; f++)
                {
                    var x = a.Affiliations[f];
                    affiliations[f] = x with { Address = $"{x.InstitutionName}, City {x.InstitutionId?.Length ?? 0}, {x.Country.Name}" };
                }

                authors[u] = a with { Name = a.Id is { } id ? $"Surname{id[5..]}, {(char)('A' + (id.Length % 26))}. B." : null, Affiliations = affiliations };
            }

            yield return p with { Authors = authors, Position = new SourcePosition("synthetic.txt", record * 12, record) };
        }
    }

    /// <summary>Runs this program with <paramref name="args"/> in a new process and returns what it printed.</summary>
    private static string RunChild(params string[] args)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var self = Environment.GetCommandLineArgs()[0];
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath ?? string.Empty) == "dotnet")
        {
            start.FileName = Environment.ProcessPath!;
            start.ArgumentList.Add(self);
        }
        else
        {
            start.FileName = Environment.ProcessPath ?? self;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().TrimEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : $"| failed: {string.Join(' ', args)} (exit code {process.ExitCode}) |";
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

    private static long SettledHeap()
    {
        // Large arrays freed while a corpus was built leave no gap counted in the figure.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
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
