using System.Diagnostics;
using System.Globalization;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// <c>jsonparse N [jsonl|jsonl.gz] [THREADS...]</c>: how the OpenAlex JSON Lines reader reads the benchmark file of N
/// works, step by step in one process: the chunk splitter alone (lines cut, not parsed), the records (parsed into
/// batches, not kept) on each thread count, streamed into the pair table by year that <c>pairs</c> prints, and read
/// into a corpus (<c>Corpus.FromFile</c>) with the counts-only options and with every detail kept. Wall time and
/// processor time of each step: every step once to warm up, then $COLLABMETRICS_PARSE_ROUNDS rounds (default 1) with
/// the steps alternated, medians printed (and the least processor time). A corpus step also prints the managed heap
/// its corpus holds a publication (the settled heap with the corpus alive, less the same before the read).
/// $COLLABMETRICS_PARSE_STEPS picks steps by the start of their labels, comma-separated; $COLLABMETRICS_PARSE_INPUT
/// reads another JSON Lines file instead (N is then only a label). The <c>parser</c> steps run the work parser alone on
/// the lines of the file held in memory: the scanner (with its fallback) and the reference parser.
/// </summary>
internal static partial class ConsoleModes
{
    private static void JsonParseSpeed(int publications, string format, int[] threads)
    {
        var path = Environment.GetEnvironmentVariable("COLLABMETRICS_PARSE_INPUT") is { Length: > 0 } input ? input
            : format == "jsonl.gz" ? OpenAlexIngestBenchmarks.GzipFile(publications) : IngestBenchmarks.OpenAlexFile(publications);
        double mb = new FileInfo(path).Length / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Input: {Path.GetFileName(path)}, {publications:N0} works, {mb:N0} MB on disk, {Environment.ProcessorCount} processors."));
        Console.WriteLine();
        Console.WriteLine("| Step | Threads | Time (s), median | Processor time (s), median | Processor time (s), least | MB per processor-second, median | Records | Allocated (MB) | Collections (gen 0/1/2) | Corpus heap (bytes a publication) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        string[] only = (Environment.GetEnvironmentVariable("COLLABMETRICS_PARSE_STEPS") ?? "splitter,records,stream").Split(',');
        var steps = new List<(string Label, int Threads, Func<long> Run, int Reads)>();
        Step("splitter only (lines cut, not parsed)", 1, () =>
        {
            using var stream = Open(path);
            var splitter = new JsonLinesChunkSplitter(stream, ReadLimits.Default);
            long chunks = 0;
            while (splitter.Next() is { } chunk)
            {
                if (chunk.Buffer.Length > 0)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }

                chunks++;
            }

            return chunks;
        });
        Step("records, one-thread reader (one work at a time, no chunks)", 1, OneThreadReader);

        // What two threads cost on this machine when nothing is shared: processor time here over twice that of the
        // step above is the machine's own price of running two threads at once (caches, memory, the hypervisor).
        Step("records, one-thread reader, two reads at once on two threads (control: nothing shared)", 2, () =>
        {
            var other = Task.Factory.StartNew(OneThreadReader, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            long n = OneThreadReader();
            return n + other.GetAwaiter().GetResult();
        }, reads: 2);
        long OneThreadReader()
        {
            using var stream = Open(path);
            Stream input = path.EndsWith(".gz", StringComparison.Ordinal) ? new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress) : stream;
            var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = 1, AuthorDetailsUnused = true };
            var context = new ReadContext(path, options, new IngestReport(), stream, default);
            using var records = new PublicationCursor(OpenAlexReader.ReadWorks(input, context), path);
            long n = 0;
            while (records.MoveNext())
            {
                n++;
            }

            return n;
        }

        foreach (int t in threads)
        {
            Step("records (parsed into batches, not kept)", t, () =>
            {
                var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = t };
                using var records = PublicationReader.OpenRecords([path], options, new IngestReport(), new RecordNeeds(Institutions: false, AuthorKeys: false), default);
                long n = 0;
                while (records.MoveNext())
                {
                    n++;
                }

                return n;
            });
        }

        foreach (int t in threads)
        {
            Step("streamed: pairs by year, full links (PublicationFiles)", t, () =>
                PublicationFiles.Open([path], ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = t })
                    .Countries().Pairs().ByYear().Compute().Count);
        }

        // The work parser alone on the lines of the file held in memory (read in the warm-up run): the scanner with
        // the reference parser as its fallback (the count is the works the scanner read itself), and the reference
        // parser alone. Every detail kept, as Corpus.FromFile reads.
        byte[]? lines = null;
        Step("parser, scanner (works read by the scanner; the others by the reference)", 1, () => ParseLines(fast: true));
        Step("parser, reference (Utf8JsonReader)", 1, () => ParseLines(fast: false));
        long ParseLines(bool fast)
        {
            lines ??= File.ReadAllBytes(path);
            var context = new ReadContext(path, ReadOptions.Default, new IngestReport(), null, default);
            var resolution = new AddressResolution(Geography.CountryResolver.Default, context);
            var parser = new OpenAlexWorkParser(null, ReadLimits.Default, resolution) { FastPath = fast };
            var batch = new RecordBatch();
            long scanned = 0, line = 0;
            var data = lines.AsSpan();
            while (!data.IsEmpty)
            {
                int end = data.IndexOf((byte)'\n');
                var work = (end < 0 ? data : data[..end]).Trim(" \t\r"u8);
                data = end < 0 ? default : data[(end + 1)..];
                line++;
                if (work.IsEmpty)
                {
                    continue;
                }

                if (batch.Count == 4096)
                {
                    batch.Clear();
                }

                parser.ParseInto(batch, work, line, line);
                if (parser.ReadByScanner)
                {
                    scanned++;
                }
            }

            return fast ? scanned : line;
        }

        // A corpus's heap is measured in the warm-up run, outside the timed rounds (it takes full collections).
        var heaps = new Dictionary<string, double>(StringComparer.Ordinal);
        bool warmingUp = true;
        foreach (int t in threads)
        {
            CorpusStep("corpus, counts only (ids and DOIs kept; the command line's read)", t, CorpusOptions.Default with { KeepAuthorIds = false, KeepRecordDetails = false });
            CorpusStep("corpus, every detail (author ids, names, addresses, positions)", t, CorpusOptions.Default);
        }

        void CorpusStep(string label, int t, CorpusOptions corpusOptions) => Step(label, t, () =>
        {
            long before = warmingUp ? SettledHeap() : 0;
            var corpus = Corpus.FromFile(path, ReadOptions.Default with { MaxDegreeOfParallelism = t }, corpusOptions);
            if (warmingUp)
            {
                heaps[label] = (SettledHeap() - before) / (double)corpus.Count;
            }

            GC.KeepAlive(corpus);
            return corpus.Count;
        });

        // Every step once to warm up, then the rounds, the steps alternated within each round.
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("COLLABMETRICS_PARSE_ROUNDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int r) && r > 0 ? r : 1;
        foreach (var step in steps)
        {
            step.Run();
        }

        warmingUp = false;

        var walls = steps.Select(_ => new List<double>()).ToArray();
        var cpus = steps.Select(_ => new List<double>()).ToArray();
        var allocations = new long[steps.Count];
        var collections = new string[steps.Count];
        var counts = new long[steps.Count];
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < steps.Count; i++)
            {
                GC.Collect();
                long allocated = GC.GetTotalAllocatedBytes(precise: true);
                int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                counts[i] = steps[i].Run();
                sw.Stop();
                cpus[i].Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                walls[i].Add(sw.Elapsed.TotalSeconds);
                allocations[i] = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                collections[i] = string.Create(CultureInfo.InvariantCulture, $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}");
            }
        }

        for (int i = 0; i < steps.Count; i++)
        {
            double wall = Median.Of(walls[i]);
            double seconds = Median.Of(cpus[i]);
            string heap = heaps.TryGetValue(steps[i].Label, out double bytes) ? bytes.ToString("F0", CultureInfo.InvariantCulture) : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {steps[i].Label} | {steps[i].Threads} | {wall:F2} | {seconds:F2} | {cpus[i].Min():F2} | {steps[i].Reads * mb / seconds:F0} | {counts[i]:N0} | {allocations[i] / 1e6:N0} | {collections[i]} | {heap} |"));
        }

        // reads: how many times the step reads the file (its MB per processor-second counts every read).
        void Step(string label, int t, Func<long> run, int reads = 1)
        {
            if (only.Any(o => label.StartsWith(o, StringComparison.Ordinal)))
            {
                steps.Add((label, t, run, reads));
            }
        }

        static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }
}
