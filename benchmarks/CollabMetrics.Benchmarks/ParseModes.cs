using System.Diagnostics;
using System.Globalization;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// <c>parse N [THREADS...]</c>: how fast the CollabMetrics CSV reader reads the benchmark file of N publications, step
/// by step in one process: the splitter alone (quotes followed, chunks cut), the reader into record batches on 1 and
/// more threads, into a corpus, and streamed into the country counts of one table. Each step twice; the second run
/// is printed.
/// </summary>
internal static partial class ConsoleModes
{
    private static void ParseSpeed(int publications, int[] threads)
    {
        var path = IngestBenchmarks.CsvFile(publications);
        double mb = new FileInfo(path).Length / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Input: {Path.GetFileName(path)}, {publications:N0} publications, {mb:N0} MB, {Environment.ProcessorCount} processors."));
        Console.WriteLine();
        Console.WriteLine("| Step | Threads | Time (s) | MB/s | Processor time (s) | MB/s of processor time | Publications | Allocated (MB) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        string[] only = (Environment.GetEnvironmentVariable("COLLABMETRICS_PARSE_STEPS") ?? "splitter,records,corpus,stream").Split(',');
        Step("splitter only (chunks cut, not parsed)", 1, () =>
        {
            using var stream = Open(path);
            var splitter = new CsvChunkSplitter(stream, ReadLimits.Default);
            splitter.ReadHeader(out _, out _, out _);
            long chunks = 0;
            while (splitter.Next() is { } chunk)
            {
                splitter.Pool.Return(chunk.Buffer);
                chunks++;
            }

            return chunks;
        });
        foreach (int t in threads)
        {
            Step("records (parsed into batches, not kept)", t, () =>
            {
                using var stream = Open(path);
                var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = t };
                var context = new ReadContext(path, options, new IngestReport(), stream, default);
                using var cursor = new CsvRecordCursor(stream, context, CsvGrouping.Contiguous, new RecordNeeds(Institutions: true, AuthorKeys: false));
                long n = 0;
                while (cursor.MoveNext())
                {
                    n++;
                }

                return n;
            });
        }

        foreach (int t in threads)
        {
            Step("corpus (Corpus.FromFile, default options)", t, () =>
                Corpus.FromFile(path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = t }).Count);
        }

        foreach (int t in threads)
        {
            Step("corpus, ids and DOIs kept (no author keys, names, addresses, positions)", t, () =>
                Corpus.FromFile(path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = t }, new CorpusOptions { KeepAuthorIds = false, KeepRecordDetails = false }).Count);
        }

        foreach (int t in threads)
        {
            Step("streamed: pairs by year, full links (PublicationFiles)", t, () =>
                PublicationFiles.Open([path], ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = t })
                    .Countries().Pairs().ByYear().Compute().Count);
        }

        void Step(string label, int t, Func<long> run)
        {
            if (!only.Any(o => label.StartsWith(o, StringComparison.Ordinal)))
            {
                return;
            }

            run();
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            long n = run();
            sw.Stop();
            double seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {t} | {sw.Elapsed.TotalSeconds:F2} | {mb / sw.Elapsed.TotalSeconds:N0} | {seconds:F2} | {mb / seconds:N0} | {n:N0} | {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:N0} |"));
        }

        static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }
}
