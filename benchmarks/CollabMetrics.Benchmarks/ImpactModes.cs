using System.Diagnostics;
using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Impact;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Console mode <c>impact N [rounds]</c>: the impact statistics against the cube, alternating, in wall-clock and
/// processor time (the steadier measure on a shared machine), with the size of the statistics.
/// </summary>
internal static partial class ConsoleModes
{
    private static bool TryRunImpact(string mode, int[] sizes)
    {
        if (mode != "impact")
        {
            return false;
        }

        Impact(sizes.Length > 0 ? sizes[0] : 1_000_000, sizes.Length > 1 ? sizes[1] : 3);
        return true;
    }

    /// <summary>
    /// Builds the cube and the impact statistics of the same corpus in turns (both see the same load on a shared
    /// machine), then the figures of every year and technology; prints each round, the median ratio and the size of
    /// the statistics.
    /// </summary>
    private static void Impact(int publications, int rounds)
    {
        var corpus = BenchmarkData.Corpus(publications);
        var ratios = new List<double>();
        ImpactStatistics? statistics = null;
        Console.WriteLine("| Publications | Round | Cube (s) | Cube CPU (s) | Impact statistics (s) | Impact CPU (s) | Figures of every year x technology (s) | Impact / cube (CPU) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        using var process = Process.GetCurrentProcess();
        for (int r = 1; r <= rounds; r++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(CollaborationCube.Build(corpus));
            double cube = sw.Elapsed.TotalSeconds;
            process.Refresh();
            double cubeCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
            statistics = null;
            cpu = process.TotalProcessorTime;
            sw.Restart();
            statistics = ImpactEngine.Build(corpus, AggregationOptions.Default);
            double impact = sw.Elapsed.TotalSeconds;
            process.Refresh();
            double impactCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
            sw.Restart();
            GC.KeepAlive(ImpactBenchmarks.Figures(statistics));
            double figures = sw.Elapsed.TotalSeconds;
            ratios.Add(impactCpu / cubeCpu);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {publications:N0} | {r} | {cube:F2} | {cubeCpu:F2} | {impact:F2} | {impactCpu:F2} | {figures:F2} | {impactCpu / cubeCpu:F2} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {publications:N0} | median | | | | | | {Median.Of(ratios):F2} |"));
        long values = 0, unitEntries = 0, pairEntries = 0;
        foreach (var cell in statistics!.Cells.Values)
        {
            values += cell.Values.Length;
            unitEntries += cell.UnitValue.Length;
            pairEntries += cell.PairValue.Length;
        }

        long bytes = (values * 24) + (unitEntries * (4 + (8 * ReferenceCell.UnitStride))) + (pairEntries * 12);
        Console.WriteLine();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Statistics: {statistics.Cells.Count:N0} cells, {values:N0} reference values, {unitEntries:N0} unit entries, {pairEntries:N0} pair entries, about {bytes / 1e6:F0} MB of histograms; {statistics.Diagnostics.PublicationsCounted:N0} publications in reference sets."));
    }
}
