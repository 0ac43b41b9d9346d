using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// <c>csvchunks N [MB] [ROUNDS]</c>: the CollabMetrics CSV chunk parser alone, on one thread, over the first MB
/// megabytes (default 256) of the benchmark file of N publications cut into chunks and held in memory: no file read,
/// no other thread, nothing replayed. Each round parses every chunk into a reused record batch; the fastest round's
/// processor time is printed (the least disturbed by other work on a shared machine), with the median.
/// </summary>
internal static partial class ConsoleModes
{
    private static void CsvChunkParseSpeed(int publications, int megabytes, int rounds)
    {
        var path = IngestBenchmarks.CsvFile(publications);
        var limits = ReadLimits.Default;
        var chunks = new List<CsvChunk>();
        CsvLayout layout;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            var splitter = new CsvChunkSplitter(stream, limits);
            splitter.ReadHeader(out var header, out int headerLength, out _);
            var cursor = new CsvRowCursor();
            cursor.Reset(header, 0, headerLength);
            cursor.NextRow();
            var names = new string[cursor.FieldCount];
            var valid = new bool[cursor.FieldCount];
            for (int i = 0; i < names.Length; i++)
            {
                valid[i] = Utf8.IsValid(cursor.Value(i));
                names[i] = Encoding.UTF8.GetString(cursor.Value(i));
            }

            var match = CsvColumns.MatchHeader(names, valid);
            layout = new CsvLayout(match.Index, names.Length);
            splitter.SetColumns(match.Index[CsvLayout.PublicationId], match.Index[CsvLayout.Year]);
            long bytes = 0;
            while (bytes < megabytes * 1_000_000L && splitter.Next() is { } chunk)
            {
                // The chunks are kept: a chunk that ends the file is not cut, so the last one kept ends a publication.
                chunks.Add(chunk);
                bytes += chunk.Length;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Input: {Path.GetFileName(path)}, the first {bytes / 1e6:N0} MB in {chunks.Count:N0} chunks, {rounds} rounds, one thread."));
        }

        var parser = new CsvChunkParser(layout, limits, wantsRaw: false, new RecordNeeds(Institutions: false, AuthorKeys: false), CsvGrouping.Contiguous, new CsvContiguityCheck(null).Hash);
        var batch = new RecordBatch();
        var log = new ReadEventLog();
        double mb = chunks.Sum(c => (long)c.Length) / 1e6;
        var times = new List<double>();
        long records = 0;
        for (int round = 0; round < rounds + 2; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            records = 0;
            foreach (var chunk in chunks)
            {
                parser.Parse(chunk, batch, log);
                records += batch.Count;
            }

            double seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            if (round >= 2)
            {
                times.Add(seconds);
            }
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| chunk parser, counts-only needs | fastest {times[0]:F3} s ({mb / times[0]:N0} MB/s) | median {times[times.Count / 2]:F3} s | {records:N0} publications |"));
    }
}
