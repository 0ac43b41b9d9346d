using System.Globalization;

namespace CollabMetrics;

/// <summary>
/// Progress of a long computation, reported through <see cref="IProgress{T}"/>: which phase is running and how far
/// it is, in the phase's own unit. Reading reports <c>read</c> in bytes of the current file (with its
/// <see cref="File"/> and the <see cref="Records"/> read from it); aggregation reports <c>aggregate</c> in
/// publications; centrality measures report their name (<c>betweenness</c>, <c>closeness</c>, ...) in source nodes or
/// iterations; community detection reports <c>louvain</c> or <c>leiden</c> in levels.
/// </summary>
/// <example>
/// <code>
/// var progress = new Progress&lt;WorkProgress&gt;(p => Console.Error.Write($"\r{p}"));
/// PartnerTable table = corpus.Countries().WithProgress(progress).Focus("CN").Partners().ByYear().Compute();
/// </code>
/// </example>
public readonly record struct WorkProgress
{
    /// <summary>The phase, such as <c>aggregate</c>, <c>betweenness</c> or <c>leiden</c>.</summary>
    public required string Phase { get; init; }

    /// <summary>How much of the phase is done, in <see cref="Unit"/>.</summary>
    public long Completed { get; init; }

    /// <summary>How much the phase has to do, in <see cref="Unit"/>, or null when it is not known in advance (iterations that stop on convergence).</summary>
    public long? Total { get; init; }

    /// <summary>What is counted: <c>bytes</c>, <c>publications</c>, <c>nodes</c>, <c>iterations</c> or <c>levels</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>
    /// The file the phase works on, or null when there is none. Phase <c>read</c> names the file being read (null
    /// for a stream without a name); <see cref="Completed"/> and <see cref="Total"/> are then its bytes read and its
    /// length (compressed bytes for a .gz file; total null when the length is unknown).
    /// </summary>
    public string? File { get; init; }

    /// <summary>Records read so far from <see cref="File"/> (phase <c>read</c>), or null in phases that do not read records.</summary>
    public long? Records { get; init; }

    /// <summary><see cref="Completed"/> / <see cref="Total"/>, or NaN when the total is unknown or zero.</summary>
    public double Fraction => Total is > 0 and var total ? (double)Completed / total : double.NaN;

    /// <summary>"aggregate: 250,000 of 1,000,000 publications", or "read: 1,048,576 of 4,194,304 bytes, 12,000 records (works.jsonl)".</summary>
    public override string ToString()
    {
        var text = Total is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"{Phase}: {Completed:N0} of {total:N0} {Unit}")
            : string.Create(CultureInfo.InvariantCulture, $"{Phase}: {Completed:N0} {Unit}");
        if (Records is { } records)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {records:N0} records");
        }

        return File is null ? text : $"{text} ({Path.GetFileName(File)})";
    }
}

/// <summary>Turns a running count into <see cref="WorkProgress"/> reports of one phase.</summary>
internal sealed class PhaseProgress(IProgress<WorkProgress> target, string phase, string unit, long? total) : IProgress<long>
{
    public void Report(long value) => target.Report(new WorkProgress { Phase = phase, Unit = unit, Completed = value, Total = total });

    /// <summary>An adapter, or null when there is no target.</summary>
    public static PhaseProgress? For(IProgress<WorkProgress>? target, string phase, string unit, long? total) =>
        target is null ? null : new PhaseProgress(target, phase, unit, total);
}
