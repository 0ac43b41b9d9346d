using System.Diagnostics;
using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Console modes around the collaboration cube: <c>stream N [EXPECTED]</c>, <c>streamkeys N [EXPECTED]</c>, <c>streampairs N [EXPECTED]</c>, <c>cubememory N...</c>, <c>verify N</c>,
/// <c>compare N ROUNDS</c> (the full cube against DuckDB's SQL over loaded tables) and <c>comparetable N ROUNDS</c>
/// (one table from the CSV file, end to end); <c>kernel N ROUNDS</c> is in <c>KernelMode.cs</c>.
/// </summary>
internal static partial class ConsoleModes
{
    private static bool TryRunCube(string mode, int[] sizes)
    {
        switch (mode)
        {
            case "stream":
            case "streamkeys":
            case "streampairs":
                Stream(sizes.Length > 0 ? sizes[0] : 50_000_000, sizes.Length > 1 ? sizes[1] : -1, objects: mode == "streamkeys", pairsByYear: mode == "streampairs");
                return true;
            case "cubememory":
                CubeMemory(sizes.Length > 0 ? sizes : [1_000_000, 7_000_000]);
                return true;
            case "compare":
                Compare(sizes.Length > 0 ? sizes[0] : 1_000_000, sizes.Length > 1 ? sizes[1] : 3);
                return true;
            case "institutions":
                Institutions(sizes.Length > 0 ? sizes[0] : 1_200_000, sizes.Length > 1 ? sizes[1] : 0);
                return true;
            case "institutionparts":
                InstitutionParts(sizes.Length > 0 ? sizes[0] : 1_200_000);
                return true;
            case "comparetable":
                CompareOneTable(sizes.Length > 0 ? sizes[0] : 1_000_000, sizes.Length > 1 ? sizes[1] : 3);
                return true;
            case "shards":
                Shards(sizes.Length > 0 ? sizes[0] : 1_000_000, sizes.Length > 1 ? sizes[1] : 4);
                return true;
            case "verify":
                Verify(sizes.Length > 0 ? sizes[0] : 200_000);
                return true;
            case "kernel":
                Kernel(sizes.Length > 0 ? sizes[0] : 1_000_000, sizes.Length > 1 ? sizes[1] : 5, sizes.Length > 2 ? sizes[2] : 0);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Streams <paramref name="publications"/> synthetic publications WITH publication ids and DOIs through the path a
    /// streamed read of files takes: written straight into a reused record batch as a reader writes them (id and DOI
    /// hashed, no object per publication: <see cref="SyntheticBatches"/>), then the duplicate check
    /// (<see cref="StreamDeduplicator"/>, both sets, sized from <paramref name="expected"/> as a read sizes them from its
    /// input estimate; -1: the publication count, 0: none) and the streamed cube builder (the full cube, its batches of
    /// <see cref="CubeEngine.FileStreamChunkSize"/> publications aggregated on a second thread, as a read's). Nothing is materialized but the duplicate check's sets and the cube. With
    /// <paramref name="objects"/> (console mode <c>streamkeys</c>), the publications come as objects from
    /// <see cref="SyntheticCorpus.Generate(SyntheticCorpusOptions?)"/> and are written into the batch one by one, as
    /// before. With <paramref name="pairsByYear"/> (console mode <c>streampairs</c>), the builder computes only what
    /// <c>collabmetrics pairs --by year --links full</c> reads (the co-publications of every pair, no technology's
    /// units or pairs) instead of the full cube.
    /// </summary>
    private static void Stream(int publications, long expected, bool objects, bool pairsByYear = false)
    {
        var options = BenchmarkData.Options(publications);
        expected = expected < 0 ? publications : expected;
        var report = new IO.IngestReport();
        var sw = Stopwatch.StartNew();
        long allocatedBefore = GC.GetTotalAllocatedBytes();
        var deduplicator = new StreamDeduplicator(new CorpusOptions(), report, expected);
        long setBytesPeak = 0;
        long heapPeak = 0;
        var content = pairsByYear ? CubeContent.ForTable(units: false, CubeContent.FullLink, null, null) : CubeContent.Full;
        // Batches of the size a read of files hands over (PublicationFiles).
        var builder = new CubeEngine.StreamBuilder(AggregationOptions.Default, content, null, CubeEngine.FileStreamChunkSize);
        var batch = new IO.RecordBatch();
        long done = 0;
        if (objects)
        {
            foreach (var publication in SyntheticCorpus.Generate(options))
            {
                batch.Add(publication);
                if (batch.Count == BatchSize)
                {
                    Pass();
                    batch.Clear();
                }
            }

            Pass();
        }
        else
        {
            var generator = new SyntheticBatches(options);
            while (generator.Fill(batch, BatchSize) > 0)
            {
                Pass();
            }
        }

        // As a read of files does, the duplicate check is released before the cube is finished (its sets are not needed
        // for it, and sets this large are collected at once): only its count is kept.
        long accepted = deduplicator.Accepted;
        long streamedWorkingSet = Environment.WorkingSet;
        deduplicator.Release();
        long releasedWorkingSet = Environment.WorkingSet;
        var cube = builder.Finish();
        sw.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long finishedWorkingSet = process.WorkingSet64;
        var all = cube.All();
        Console.WriteLine("| Publications (streamed, with ids and DOIs) | Generated as | Cube | Estimate given | Time (s) | Publications/s | Peak working set (MB) | Working set at the end of the stream (MB) | the same, duplicate check released (MB) | Working set with the cube finished (MB) | Managed heap, peak sampled every 1,024 publications (MB) | Duplicate check's sets (MB) | the same, bytes a publication | Allocated (GB) | Gen2 collections | Accepted | N | Units | Pairs (all years) |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {publications:N0} | {(objects ? "objects" : "record batches")} | {(pairsByYear ? "pairs by year, full links" : "full")} | {(expected > 0 ? expected.ToString("N0", CultureInfo.InvariantCulture) : "none")} | {sw.Elapsed.TotalSeconds:F0} | {publications / sw.Elapsed.TotalSeconds:N0} | {process.PeakWorkingSet64 / 1e6:F0} | {streamedWorkingSet / 1e6:F0} | {releasedWorkingSet / 1e6:F0} | {finishedWorkingSet / 1e6:F0} | {heapPeak / 1e6:F0} | {setBytesPeak / 1e6:F0} | {setBytesPeak / (double)publications:F1} | {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1e9:F1} | {GC.CollectionCount(2)} | {accepted:N0} | {all.N:N0} | {all.UnitCount} | {all.PairCount:N0} |"));

        void Pass()
        {
            for (int k = 0; k < batch.Count; k++)
            {
                if (!deduplicator.Accept(batch, k, out bool excluded))
                {
                    throw new InvalidOperationException($"Publication {done + k} was taken for a duplicate.");
                }

                if (!excluded)
                {
                    builder.AddRecord(batch, k);
                }
            }

            done += batch.Count;
            setBytesPeak = Math.Max(setBytesPeak, deduplicator.Bytes);
            heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
            if (done % 5_000_000 < BatchSize)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{done:N0} publications, {sw.Elapsed.TotalSeconds:F0} s, working set {Environment.WorkingSet / 1e6:F0} MB, sets {deduplicator.Bytes / 1e6:F0} MB"));
            }
        }
    }

    private const int BatchSize = 1024;

    /// <summary>Peak memory of building the cube from a corpus, over the memory the corpus already holds.</summary>
    private static void CubeMemory(int[] sizes)
    {
        Console.WriteLine("| Publications | Corpus heap (MB) | Working set before (MB) | Peak working set during build (MB) | Peak increase (MB) | Allocated by the build (MB) | Build time (s) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int n in sizes)
        {
            var corpus = SyntheticCorpus.BuildCorpus(BenchmarkData.Options(n), new CorpusOptions { KeepAuthorIds = false, KeepDois = false, KeepRecordDetails = false });
            long heap = SettledHeap();
            bool reset = ResetPeakWorkingSet();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            long before = process.WorkingSet64;
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            var cube = CollaborationCube.Build(corpus);
            sw.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            process.Refresh();
            long peak = process.PeakWorkingSet64;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {n:N0} | {heap / 1e6:F0} | {before / 1e6:F0} | {(reset ? (peak / 1e6).ToString("F0", CultureInfo.InvariantCulture) : "n/a")} | {(reset ? ((peak - before) / 1e6).ToString("F0", CultureInfo.InvariantCulture) : "n/a")} | {allocated / 1e6:F0} | {sw.Elapsed.TotalSeconds:F1} |"));
            GC.KeepAlive(cube);
            GC.KeepAlive(corpus);
            corpus = null;
            cube = null;
            SettledHeap();
        }
    }

    /// <summary>
    /// The institution-level cube against the country-level one over the same corpus (about 4,000 institutions):
    /// build time, peak resident memory of the process, managed bytes allocated, cells. Each case runs in a process of
    /// its own (<c>institutions N CASE</c>), so that one case's heap does not count in the next one's peak.
    /// </summary>
    private static void Institutions(int publications, int only)
    {
        (string Label, Func<Corpus, string, object> Build)[] cases =
        [
            ("country level, full cube", (c, _) => CollaborationCube.Build(c)),
            ("institution level, full cube", (c, _) => CollaborationCube.Build(c, AggregationOptions.Default with { Level = UnitLevel.Institution })),
            ("institution level, full cube saved as JSON (to a null stream)", (c, _) => SavedInstitutionCube(c)),
            ("institution level, two full cubes merged", (c, _) => CollaborationCube.Merge(CollaborationCube.Build(c, AggregationOptions.Default with { Level = UnitLevel.Institution }), CollaborationCube.Build(c, AggregationOptions.Default with { Level = UnitLevel.Institution }))),
            ("institution level, full cube without technology slices", (c, _) => CollaborationCube.Build(c, AggregationOptions.Default with { Level = UnitLevel.Institution, ByTechnology = false })),
            ("institution level, one institution's partners by year (query)", (c, i) => c.ByInstitution().Focus(i).Partners().ByYear().Compute()),
            ("institution level, every pair by year, full links (query)", (c, _) => c.ByInstitution().Pairs().ByYear().Compute()),
            ("institution level, units by year (query)", (c, _) => c.ByInstitution().Units().ByYear().Compute()),
        ];
        if (only == 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{publications:N0} publications (about 4,000 institutions), each case in a new process; the corpus is built before the clock starts."));
            Console.WriteLine();
            Console.WriteLine("| Build | Time (s) | Peak working set of the process (MB) | Corpus heap (MB) | Allocated (MB) | Units | Pairs (all years, all technologies) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            for (int i = 1; i <= cases.Length; i++)
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var argument in new[] { typeof(ConsoleModes).Assembly.Location, "institutions", publications.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture) })
                {
                    start.ArgumentList.Add(argument);
                }

                using var child = Process.Start(start)!;
                Console.Write(child.StandardOutput.ReadToEnd());
                child.WaitForExit();
            }

            return;
        }

        var corpus = SyntheticCorpus.BuildCorpus(BenchmarkData.Options(publications), new CorpusOptions { KeepAuthorIds = false, KeepDois = false });
        long heap = SettledHeap();
        string institution = corpus.Institutions[0].Key;
        var (label, build) = cases[only - 1];
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        var result = build(corpus, institution);
        sw.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long peak = process.PeakWorkingSet64;
        var all = result is CollaborationCube cube ? cube.All() : null;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {label} | {sw.Elapsed.TotalSeconds:F1} | {peak / 1e6:F0} | {heap / 1e6:F0} | {allocated / 1e6:F0} | {all?.UnitCount:N0} | {all?.PairCount:N0} |"));
        GC.KeepAlive(result);
    }

    /// <summary>Builds the institution-level cube and writes it as JSON to a null stream (every technology slice is computed on the way).</summary>
    private static CollaborationCube SavedInstitutionCube(Corpus corpus)
    {
        var cube = CollaborationCube.Build(corpus, AggregationOptions.Default with { Level = UnitLevel.Institution });
        cube.ToJson(System.IO.Stream.Null);
        return cube;
    }

    /// <summary>Resets the kernel's peak resident set size of this process (Linux: /proc/self/clear_refs).</summary>
    private static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Cube against DuckDB, alternating the two in each round so that both see the same load on a shared machine;
    /// prints each round and the median ratio.
    /// </summary>
    private static void Compare(int publications, int rounds)
    {
        var corpus = BenchmarkData.Corpus(publications);
        using var db = DuckDbCube.Load(corpus);
        var ratios = new List<double>();
        Console.WriteLine("| Publications | Round | Cube (s) | DuckDB SQL (s) | Cube / DuckDB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        for (int r = 1; r <= rounds; r++)
        {
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(CollaborationCube.Build(corpus));
            double cube = sw.Elapsed.TotalSeconds;
            sw.Restart();
            db.Aggregate();
            double duck = sw.Elapsed.TotalSeconds;
            ratios.Add(cube / duck);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {publications:N0} | {r} | {cube:F2} | {duck:F2} | {cube / duck:F3} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {publications:N0} | median | | | {Median.Of(ratios):F3} |"));
    }

    /// <summary>
    /// One table from the benchmark CSV file, alternated round by round: the <c>collabmetrics pairs</c> and
    /// <c>countries</c> commands in-process against DuckDB's <c>read_csv</c> and one query (<see cref="DuckDbOneTable"/>),
    /// both writing their CSV to a null stream. Prints each round and the median ratio per table.
    /// </summary>
    private static void CompareOneTable(int publications, int rounds)
    {
        var path = IngestBenchmarks.CsvFile(publications);
        Console.WriteLine("| Table | Publications | Round | collabmetrics (s) | DuckDB read_csv + query (s) | collabmetrics / DuckDB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var table in DuckDbOneTable.Tables.Keys)
        {
            var ratios = new List<double>();
            for (int r = 1; r <= rounds; r++)
            {
                var sw = Stopwatch.StartNew();
                OneTableBenchmarks.RunCommand(table, path);
                double ours = sw.Elapsed.TotalSeconds;
                sw.Restart();
                using (var output = new StreamWriter(System.IO.Stream.Null))
                {
                    DuckDbOneTable.Write(table, path, output);
                }

                double duck = sw.Elapsed.TotalSeconds;
                ratios.Add(ours / duck);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | {publications:N0} | {r} | {ours:F2} | {duck:F2} | {ours / duck:F3} |"));
            }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | {publications:N0} | median | | | {Median.Of(ratios):F3} |"));
        }
    }

    /// <summary>Compares the cube with DuckDB's SQL on every slice: year x technology and year x all technologies.</summary>
    private static void Verify(int publications)
    {
        var corpus = BenchmarkData.Corpus(publications);
        var cube = CollaborationCube.Build(corpus);
        using var db = DuckDbCube.Load(corpus);
        db.Aggregate();
        var technologies = corpus.Technologies;
        double worst = 0;
        long rows = 0, missing = 0;
        using (var command = db.Connection.CreateCommand())
        {
            command.CommandText = "SELECT year, tech, country, p, f, e, i FROM unit_counts";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                int year = reader.GetInt16(0);
                var slice = cube.Year(year, reader.IsDBNull(1) ? null : technologies[reader.GetInt16(1)]);
                var unit = (Unit)Geography.Country.Parse(reader.GetString(2));
                if (!slice.Contains(unit))
                {
                    missing++;
                    continue;
                }

                var u = slice[unit];
                worst = Math.Max(worst, Diff(u.P, reader.GetInt64(3), u.F, reader.GetDouble(4), u.E, reader.GetDouble(5), u.I, reader.GetInt64(6)));
                rows++;
            }
        }

        using (var command = db.Connection.CreateCommand())
        {
            command.CommandText = "SELECT year, tech, ca, cb, c, cs, au, ar, ni FROM pair_counts";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                int year = reader.GetInt16(0);
                var slice = cube.Year(year, reader.IsDBNull(1) ? null : technologies[reader.GetInt16(1)]);
                var pair = slice.Pair(Geography.Country.Parse(reader.GetString(2)), Geography.Country.Parse(reader.GetString(3)));
                if (pair.Copublications == 0)
                {
                    missing++;
                    continue;
                }

                worst = Math.Max(worst, Diff(pair.Copublications, reader.GetInt64(4), pair.CountrySet, reader.GetDouble(5), pair.Author, reader.GetDouble(6), pair.AuthorRefined, reader.GetDouble(7)));
                worst = Math.Max(worst, Math.Abs(pair.NatureIndexScore - reader.GetDouble(8)) / Math.Max(1, Math.Abs(pair.NatureIndexScore)));
                rows++;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verify {publications:N0}: {rows:N0} DuckDB rows compared with the cube, {missing} missing from the cube, largest relative difference {worst:E2}"));
    }

    private static double Diff(double a1, double b1, double a2, double b2, double a3, double b3, double a4, double b4)
    {
        static double Rel(double a, double b) => Math.Abs(a - b) / Math.Max(1, Math.Abs(b));
        return Math.Max(Math.Max(Rel(a1, b1), Rel(a2, b2)), Math.Max(Rel(a3, b3), Rel(a4, b4)));
    }
}
