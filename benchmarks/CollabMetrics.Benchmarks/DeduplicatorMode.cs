using System.Diagnostics;
using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Console mode <c>dedup N ROUNDS [EXPECTED]</c>: the streamed duplicate check (<see cref="StreamDeduplicator"/>, ids and
/// DOIs) alone, as the caller's thread of a streamed read runs it. N synthetic publications are written into record
/// batches of a chunk's size once (<see cref="SyntheticBatches"/>, ids and DOIs hashed as a reader hashes them); each
/// round then makes a new check, sized from EXPECTED (default N; a read of the 1M benchmark CSV estimates 930,615), and
/// passes every publication through it. Prints the processor time of each round and their median.
/// </summary>
internal static partial class ConsoleModes
{
    private static void Deduplicate(int publications, int rounds, long expected)
    {
        var options = BenchmarkData.Options(publications);
        var generator = new SyntheticBatches(options);
        var batches = new List<IO.RecordBatch>();
        while (true)
        {
            var batch = new IO.RecordBatch();
            if (generator.Fill(batch, BatchSize) == 0)
            {
                break;
            }

            batches.Add(batch);
        }

        var times = new double[rounds];
        for (int round = 0; round < rounds; round++)
        {
            GC.Collect();
            var report = new IO.IngestReport();
            var thread = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var deduplicator = new StreamDeduplicator(new CorpusOptions(), report, expected);
            foreach (var batch in batches)
            {
                for (int k = 0; k < batch.Count; k++)
                {
                    if (!deduplicator.Accept(batch, k, out _))
                    {
                        throw new InvalidOperationException("A synthetic publication was taken for a duplicate.");
                    }
                }
            }

            deduplicator.Release();
            sw.Stop();
            times[round] = (Process.GetCurrentProcess().TotalProcessorTime - thread).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: {times[round] * 1e9 / publications:F1} ns of processor time a publication ({sw.Elapsed.TotalMilliseconds:F0} ms wall), accepted {report.Accepted:N0}"));
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: {times[rounds / 2] * 1e9 / publications:F1} ns a publication ({publications:N0} publications, estimate {expected:N0}, {rounds} rounds)"));
    }
}
