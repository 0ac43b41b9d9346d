using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using CollabMetrics.Aggregation;
using CollabMetrics.Cli.Commands;
using CollabMetrics.IO;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// <c>shards N K</c>: the country cube of N synthetic publications (streamed, as <c>cube build</c> reads files) built
/// once, against K shard cubes built one after another and merged; with the size of the cube as JSON, as a
/// <c>.cube</c> file (gzip-compressed JSON) and the time to load it. One long run, printed as markdown.
/// </summary>
internal static partial class ConsoleModes
{
    private static void Shards(int publications, int shards)
    {
        var data = BenchmarkData.Options(publications) with { AuthorIds = false, Dois = false };
        var options = AggregationOptions.Default with { ByTechnology = false };

        var sw = Stopwatch.StartNew();
        var whole = CollaborationCube.Build(SyntheticCorpus.Generate(data), options);
        double oneBuild = sw.Elapsed.TotalSeconds;

        var parts = new CollaborationCube[shards];
        double shardSum = 0, shardMax = 0;
        long start = 0;
        for (int k = 0; k < shards; k++)
        {
            long count = (publications * (long)(k + 1) / shards) - start;
            sw.Restart();
            parts[k] = CollaborationCube.Build(SyntheticCorpus.GenerateRange(data, start, count), options);
            double seconds = sw.Elapsed.TotalSeconds;
            shardSum += seconds;
            shardMax = Math.Max(shardMax, seconds);
            start += count;
        }

        var directory = Directory.CreateTempSubdirectory("cm-shards-").FullName;
        try
        {
            var files = new string[shards];
            var build = new CubeBuild([], true, ReadLimits.Default, []);
            for (int k = 0; k < shards; k++)
            {
                files[k] = Path.Combine(directory, $"shard-{k}.cube");
                new CubeFile(parts[k], build).Save(files[k]);
            }

            // The merge as 'cube merge' does it: load every shard file, add, save.
            sw.Restart();
            var loaded = files.Select(f => CubeFile.Load(f, f).Cube).ToArray();
            var merged = CollaborationCube.Merge(loaded);
            var mergedPath = Path.Combine(directory, "merged.cube");
            new CubeFile(merged, build).Save(mergedPath);
            double merge = sw.Elapsed.TotalSeconds;

            var jsonPath = Path.Combine(directory, "whole.json");
            whole.ToJsonFile(jsonPath);
            var cubePath = Path.Combine(directory, "whole.cube");
            sw.Restart();
            new CubeFile(whole, build).Save(cubePath);
            double save = sw.Elapsed.TotalSeconds;
            sw.Restart();
            _ = CollaborationCube.FromJsonFile(jsonPath);
            double loadJson = sw.Elapsed.TotalSeconds;
            sw.Restart();
            _ = CubeFile.Load(cubePath, cubePath);
            double loadCube = sw.Elapsed.TotalSeconds;
            long brotli;
            using (var target = new MemoryStream())
            {
                using (var compressor = new BrotliStream(target, CompressionLevel.Optimal, leaveOpen: true))
                using (var json = File.OpenRead(jsonPath))
                {
                    json.CopyTo(compressor);
                }

                brotli = target.Length;
            }

            var all = whole.All();
            long unitRows = 0, pairRows = 0;
            foreach (var (_, cell) in whole.Cells)
            {
                unitRows += cell.UnitIndex.Length;
                pairRows += cell.PairKeys.Length;
            }

            Console.WriteLine("| Publications | Shards | One build (s) | Shard builds, one after another (s) | Slowest shard (s) | Load + merge + save (s) | Years | Units | Pairs (all years) | Unit rows (all cells) | Pair rows (all cells) | JSON (MB) | .cube, gzip (MB) | JSON + Brotli (MB) | Save .cube (s) | Load JSON (s) | Load .cube (s) |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {publications:N0} | {shards} | {oneBuild:F1} | {shardSum:F1} | {shardMax:F1} | {merge:F2} | {whole.Years.Count} | {all.UnitCount} | {all.PairCount:N0} | {unitRows:N0} | {pairRows:N0} | {new FileInfo(jsonPath).Length / 1e6:F2} | {new FileInfo(cubePath).Length / 1e6:F2} | {brotli / 1e6:F2} | {save:F2} | {loadJson:F2} | {loadCube:F2} |"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
