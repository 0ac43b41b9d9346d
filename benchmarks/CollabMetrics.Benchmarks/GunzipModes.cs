using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// <c>gunzip FILE.gz [ROUNDS]</c>: where the time of reading a .gz input goes before any parsing, step by step in one
/// process: the framework's <see cref="GZipStream"/> alone into a discarded buffer (64 KB and 1 MB reads), the same
/// with the CRC-32 of every byte (<see cref="Crc32"/>), the library's checked gzip stream, and the JSON Lines chunk
/// splitter fed as a read fed it: from blocks decompressed ahead on a thread of their own (copied into the chunks and
/// handed over), and decompressed on the splitter's thread straight into its chunk buffers. Wall time and processor
/// time of each step: every step once to warm up, then ROUNDS rounds (default 3) with the steps alternated, medians.
/// </summary>
internal static partial class ConsoleModes
{
    private static void GunzipSpeed(string path, int rounds)
    {
        long decompressed = 0;
        var steps = new List<(string Label, Func<long> Run)>
        {
            ("GZipStream alone, 64 KB reads", () => Drain(new GZipStream(Open(path), CompressionMode.Decompress), 1 << 16, crc: false)),
            ("GZipStream alone, 1 MB reads", () => Drain(new GZipStream(Open(path), CompressionMode.Decompress), 1 << 20, crc: false)),
            ("GZipStream + Crc32 of every byte, 64 KB reads", () => Drain(new GZipStream(Open(path), CompressionMode.Decompress), 1 << 16, crc: true)),
            ("checked gzip stream, 64 KB reads", () => Drain(new CheckedGZipStream(Open(path)), 1 << 16, crc: false)),
            ("splitter fed from blocks decompressed ahead (a thread of its own, copied)", () => Split(new ReadAheadStream(new CheckedGZipStream(Open(path)), ahead: true))),
            ("splitter decompressing into its chunk buffers (one thread, no copy)", () => Split(new ReadAheadStream(new CheckedGZipStream(Open(path)), ahead: false))),
        };

        foreach (var step in steps)
        {
            decompressed = step.Run();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Input: {Path.GetFileName(path)}, {new FileInfo(path).Length / 1e6:N0} MB on disk, {decompressed / 1e6:N0} MB decompressed, {Environment.ProcessorCount} processors, {rounds} rounds."));
        Console.WriteLine();
        Console.WriteLine("| Step | Time (s), median | Processor time (s), median | Processor time (s), least | MB/s decompressed, per processor-second |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var walls = steps.Select(_ => new List<double>()).ToArray();
        var cpus = steps.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < steps.Count; i++)
            {
                GC.Collect();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                steps[i].Run();
                sw.Stop();
                cpus[i].Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                walls[i].Add(sw.Elapsed.TotalSeconds);
            }
        }

        for (int i = 0; i < steps.Count; i++)
        {
            double seconds = Median.Of(cpus[i]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {steps[i].Label} | {Median.Of(walls[i]):F2} | {seconds:F2} | {cpus[i].Min():F2} | {decompressed / 1e6 / seconds:F0} |"));
        }

        static long Drain(Stream stream, int size, bool crc)
        {
            using (stream)
            {
                var buffer = new byte[size];
                var hash = new Crc32();
                long total = 0;
                int n;
                while ((n = stream.Read(buffer, 0, size)) > 0)
                {
                    if (crc)
                    {
                        hash.Append(buffer.AsSpan(0, n));
                    }

                    total += n;
                }

                GC.KeepAlive(hash.GetCurrentHashAsUInt32());
                return total;
            }
        }

        static long Split(Stream stream)
        {
            using (stream)
            {
                var splitter = new JsonLinesChunkSplitter(stream, ReadLimits.Default);
                long total = 0;
                while (splitter.Next() is { } chunk)
                {
                    total += chunk.Length;
                    if (chunk.Buffer.Length > 0)
                    {
                        System.Buffers.ArrayPool<byte>.Shared.Return(chunk.Buffer);
                    }
                }

                return total;
            }
        }

        static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }
}
