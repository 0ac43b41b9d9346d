using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Console mode <c>kernel N ROUNDS [TABLE]</c>: the aggregation of one table alone, as a parse worker of a streamed
/// country-level read does it. N synthetic publications are written once into record batches of about a CSV chunk's
/// size (<see cref="SyntheticBatches"/>, outside the clock); then, round after round, each table's content (what
/// <c>pairs --by year --links full</c>, <c>partners --focus CN --by year</c> and <c>countries --by year</c> read) is
/// aggregated from those batches on one thread by one worker of <see cref="CubeEngine.StreamBuilder.OnWorkers"/>,
/// and the cube finished. Prints the median and the fastest round of each step in processor time of the thread, and a checksum of the cube (the same
/// from any build that computes the same numbers). TABLE (1 to 3) runs only that table.
/// </summary>
internal static partial class ConsoleModes
{
    private const int KernelBatchPublications = 1_000;

    private static void Kernel(int publications, int rounds, int only)
    {
        var generator = new SyntheticBatches(BenchmarkData.Options(publications));
        var batches = new List<(RecordBatch Batch, ReadEventLog Log)>();
        while (true)
        {
            var batch = new RecordBatch();
            int count = generator.Fill(batch, KernelBatchPublications);
            if (count == 0)
            {
                break;
            }

            var log = new ReadEventLog();
            for (int k = 0; k < count; k++)
            {
                log.Add(new ReadEvent(ReadEventKind.Publication, k + 1, k + 1, k));
            }

            batches.Add((batch, log));
        }

        var options = AggregationOptions.Default with { ByTechnology = false };
        var china = Unit.FromCountry(Country.Parse("CN"));
        (string Name, CubeContent Content)[] tables =
        [
            ("pairs --links full", CubeContent.ForTable(units: false, CubeContent.FullLink, null, null)),
            ("partners --focus CN", CubeContent.ForTable(units: true, CubeContent.FullLink | CubeContent.NatureIndexScore, china, null, unitValues: CubeContent.UnitP | CubeContent.UnitI | CubeContent.UnitLinks)),
            ("countries", CubeContent.ForTable(units: true, 0, null, null, unitValues: CubeContent.AllUnitValues & ~CubeContent.UnitLinks)),
        ];

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{publications:N0} publications in {batches.Count:N0} batches, {rounds} rounds, one thread"));
        Console.WriteLine();
        Console.WriteLine("| Table | Aggregate, median (thread ms) | Aggregate, fastest (thread ms) | Finish, median (thread ms) | Finish, fastest (thread ms) | Checksum |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        for (int t = 0; t < tables.Length; t++)
        {
            if (only > 0 && t != only - 1)
            {
                continue;
            }

            var (name, content) = tables[t];
            var aggregate = new List<double>();
            var finish = new List<double>();
            string checksum = string.Empty;
            for (int r = 0; r < rounds; r++)
            {
                var builder = new CubeEngine.StreamBuilder(options, content, null, CubeEngine.FileStreamChunkSize);
                var sink = builder.OnWorkers(DocumentFilter.Default, () => null);
                var worker = sink.NewWorker();
                double start = ThreadMilliseconds();
                foreach (var (batch, log) in batches)
                {
                    worker.Take(batch, log);
                }

                double aggregated = ThreadMilliseconds();
                aggregate.Add(aggregated - start);
                var cube = builder.Finish();
                finish.Add(ThreadMilliseconds() - aggregated);
                checksum = Checksum(cube);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median.Of(aggregate):F0} | {aggregate.Min():F0} | {Median.Of(finish):F1} | {finish.Min():F1} | {checksum} |"));
        }
    }

    /// <summary>The processor time of the calling thread (Linux; on a machine shared with other work it moves less than the wall time).</summary>
    private static double ThreadMilliseconds()
    {
        if (ClockGetTime(3, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>A hash of every cell's units, pairs and exact values (NaN for values not computed), in cell order.</summary>
    private static string Checksum(CollaborationCube cube)
    {
        var hash = new System.IO.Hashing.XxHash3();
        var bytes = new byte[16];
        foreach (var (key, cell) in cube.SortedCellsOnce())
        {
            Add(key.Year);
            Add(key.Technology);
            foreach (int unit in cell.UnitIndex)
            {
                Add(unit);
            }

            foreach (long pair in cell.PairKeys)
            {
                Add(pair);
            }

            Add(cell.ExactN);
            Add(cell.ExactNInternational);
            Add(cell.ExactLinks);
            var units = new ExactValues.Cursor(cell.Units);
            for (int i = 0; i < cell.UnitIndex.Length * SliceData.UnitStride; i++)
            {
                Add(units.Exact(i));
            }

            var pairs = new ExactValues.Cursor(cell.Pairs);
            for (int i = 0; i < cell.PairKeys.Length * SliceData.PairStride; i++)
            {
                Add(pairs.Exact(i));
            }
        }

        return Convert.ToHexString(hash.GetCurrentHash());

        void Add(Fixed128 value)
        {
            // Integers (years, unit indices, pair keys) and fixed-point values alike, 16 bytes each (little-endian).
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, value.Low);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), value.High);
            hash.Append(bytes);
        }
    }
}
