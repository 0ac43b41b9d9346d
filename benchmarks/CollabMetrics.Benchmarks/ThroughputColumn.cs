using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CollabMetrics.Benchmarks;

/// <summary>A benchmark whose input is a file of known size and publication count, for the throughput columns.</summary>
public interface IThroughputInput
{
    /// <summary>The input file of <paramref name="benchmark"/> for <paramref name="publications"/> publications.</summary>
    string InputFile(string benchmark, int publications);
}

/// <summary>MB per second or publications per second, from the mean time and the input of each benchmark.</summary>
public sealed class ThroughputColumn(bool megabytes) : IColumn
{
    public string Id => megabytes ? "MBps" : "PubsPerSecond";

    public string ColumnName => megabytes ? "MB/s" : "Publications/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => megabytes ? 0 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => megabytes ? "Input megabytes (10^6 bytes) read per second" : "Publications read per second";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics
            || Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not IThroughputInput input)
        {
            return "-";
        }

        int publications = Convert.ToInt32(benchmarkCase.Parameters["Publications"], System.Globalization.CultureInfo.InvariantCulture);
        double seconds = statistics.Mean / 1e9;
        if (!megabytes)
        {
            return (publications / seconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        var file = input.InputFile(benchmarkCase.Descriptor.WorkloadMethod.Name, publications);
        return File.Exists(file) ? (new FileInfo(file).Length / 1e6 / seconds).ToString("N1", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }
}

/// <summary>Adds both throughput columns to a benchmark class.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ThroughputColumnsAttribute : Attribute, BenchmarkDotNet.Configs.IConfigSource
{
    public BenchmarkDotNet.Configs.IConfig Config { get; } =
        BenchmarkDotNet.Configs.ManualConfig.CreateEmpty().AddColumn(new ThroughputColumn(megabytes: true), new ThroughputColumn(megabytes: false));
}
