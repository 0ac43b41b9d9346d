namespace CollabMetrics.Metrics;

/// <summary>Options of bootstrap confidence intervals. Immutable; change with <c>with</c>.</summary>
/// <example>
/// <code>
/// var options = BootstrapOptions.Default with { Replicates = 2000, Seed = 7 };
/// </code>
/// </example>
public sealed record BootstrapOptions
{
    /// <summary>1,000 replicates, 95 % intervals, seed 1, all cores.</summary>
    public static BootstrapOptions Default { get; } = new();

    /// <summary>The number of bootstrap replicates; default 1,000. At least 10.</summary>
    public int Replicates { get; init; } = 1000;

    /// <summary>The confidence level of the percentile interval, between 0 and 1 exclusive; default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>The seed: the same seed gives the same intervals whatever the number of threads; default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The maximum number of threads, or null (default) for all cores. Does not change the result.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    internal void Validate()
    {
        if (Replicates < 10)
        {
            throw new ArgumentOutOfRangeException(nameof(Replicates), Replicates, "Use at least 10 replicates (1,000 or more for 95 % intervals).");
        }

        if (!(Confidence > 0 && Confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "The confidence level is a fraction between 0 and 1, such as 0.95.");
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use null for all cores, or at least 1.");
        }
    }
}
