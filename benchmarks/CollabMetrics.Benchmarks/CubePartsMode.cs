using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using CollabMetrics.Aggregation;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Console mode <c>institutionparts N</c>: what the institution-level cube of N publications is made of. The cube is
/// built with every technology cell at once, then its cells are counted by kind (all technologies, each technology):
/// unit and pair rows, the values that keep an exact sum beside their double, and the heap they hold; then the cube
/// that computes its technology cells on first use is built, and every technology computed one after the other
/// (what a save of the cube costs).
/// </summary>
internal static partial class ConsoleModes
{
    private static void InstitutionParts(int publications)
    {
        var corpus = SyntheticCorpus.BuildCorpus(BenchmarkData.Options(publications), new CorpusOptions { KeepAuthorIds = false, KeepDois = false });
        var options = AggregationOptions.Default with { Level = UnitLevel.Institution };
        long corpusHeap = SettledHeap();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{publications:N0} publications, corpus heap {corpusHeap / 1e6:F0} MB"));

        EagerParts(corpus, options, corpusHeap);
        SettledHeap();

        var sw = Stopwatch.StartNew();
        var onDemand = CollaborationCube.Build(corpus, options);
        double firstSeconds = sw.Elapsed.TotalSeconds;
        long firstHeap = SettledHeap() - corpusHeap;
        sw.Restart();
        foreach (var technology in onDemand.Technologies)
        {
            GC.KeepAlive(onDemand.Year(onDemand.Years[^1], technology).PairCount);
        }

        double allSeconds = sw.Elapsed.TotalSeconds;
        long allHeap = SettledHeap() - corpusHeap;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"On demand: build {firstSeconds:F1} s, cube heap {firstHeap / 1e6:F0} MB; every technology computed afterwards {allSeconds:F1} s ({allSeconds / onDemand.Technologies.Count * 1000:F0} ms a technology), cube heap then {allHeap / 1e6:F0} MB."));
        GC.KeepAlive(onDemand);
        GC.KeepAlive(corpus);
    }

    /// <summary>
    /// The cube with every technology cell at once, counted by kind; in a method of its own so that nothing of it
    /// stays reachable from the caller's frame when the on-demand cube is measured.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EagerParts(Corpus corpus, AggregationOptions options, long corpusHeap)
    {
        var sw = Stopwatch.StartNew();
        var eager = CubeEngine.BuildFromCorpus(corpus, options, CubeContent.Full, null, default, technologiesOnDemand: false);
        double eagerSeconds = sw.Elapsed.TotalSeconds;
        long eagerHeap = SettledHeap() - corpusHeap;
        long[] cells = new long[2], units = new long[2], pairs = new long[2], exactUnits = new long[2], exactPairs = new long[2];
        var pairsByYear = new Dictionary<int, long>();
        foreach (var (key, cell) in eager.Cells)
        {
            int kind = key.Technology == CollaborationCube.AllTechnologies ? 0 : 1;
            cells[kind]++;
            units[kind] += cell.UnitIndex.Length;
            pairs[kind] += cell.PairKeys.Length;
            exactUnits[kind] += cell.Units.ExactCount;
            exactPairs[kind] += cell.Pairs.ExactCount;
            pairsByYear[key.Year] = pairsByYear.GetValueOrDefault(key.Year) + cell.PairKeys.Length;
        }

        Console.WriteLine();
        Console.WriteLine("| Cells | Count | Unit rows | Pair rows | Unit values with an exact sum | Pair values with an exact sum | Bytes (rows x row size + exact values) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        string[] names = ["all technologies", "technology"];
        for (int kind = 0; kind < 2; kind++)
        {
            // A unit row: 4 (index) + 7 x 8 (doubles); a pair row: 8 (key) + 5 x 8; an exact value: 4 (position) + 8 (what its double lacks).
            long bytes = (units[kind] * (4 + (7 * 8))) + (pairs[kind] * (8 + (5 * 8))) + ((exactUnits[kind] + exactPairs[kind]) * 12);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {names[kind]} | {cells[kind]:N0} | {units[kind]:N0} | {pairs[kind]:N0} | {exactUnits[kind]:N0} | {exactPairs[kind]:N0} | {bytes / 1e6:F0} MB |"));
        }

        long largestYear = 0;
        foreach (var count in pairsByYear.Values)
        {
            largestYear = Math.Max(largestYear, count);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Eager build: {eagerSeconds:F1} s, cube heap {eagerHeap / 1e6:F0} MB; largest year {largestYear:N0} pair rows over all its slots (accumulated as 8-byte keys, 5 x 12-byte sums and 8 to 16 bytes of buckets: {largestYear * 84 / 1e6:F0} MB before growth slack)."));
        GC.KeepAlive(eager);
    }
}
