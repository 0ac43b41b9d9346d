using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>A bootstrap confidence interval of one index for one focus-partner pair in one slice.</summary>
public sealed record BootstrapRow
{
    /// <summary>The slice: its years (one, a window, or all) and technology (null for all).</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>The focus unit.</summary>
    public required Unit Focus { get; init; }

    /// <summary>The partner unit.</summary>
    public required Unit Partner { get; init; }

    /// <summary>The index.</summary>
    public CollaborationIndex Index { get; init; }

    /// <summary>The value on the corpus itself (NaN when undefined).</summary>
    public double Estimate { get; init; }

    /// <summary>The lower bound of the percentile interval (NaN when no replicate is defined).</summary>
    public double Lower { get; init; }

    /// <summary>The upper bound of the percentile interval.</summary>
    public double Upper { get; init; }

    /// <summary>The standard deviation of the defined replicate values.</summary>
    public double StandardError { get; init; }

    /// <summary>How many replicates gave a defined value.</summary>
    public int Replicates { get; init; }

    /// <summary>The slice label of output (<c>2019</c>, <c>2015-2019</c> or <c>all</c>), derived from <see cref="Slice"/>.</summary>
    public string Year => Slice.YearsLabel;
}
