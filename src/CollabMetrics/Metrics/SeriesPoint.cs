using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>One value of a <see cref="TimeSeries"/>.</summary>
public sealed record SeriesPoint
{
    /// <summary>The slice: its years (one or a window) and technology (null for all).</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>The value; <see cref="double.NaN"/> when undefined.</summary>
    public double Value { get; init; }

    /// <summary>The slice label of output (<c>2019</c>, <c>2015-2019</c> or <c>all</c>), derived from <see cref="Slice"/>.</summary>
    public string Year => Slice.YearsLabel;
}

/// <summary>The change of a series value against the value some years earlier.</summary>
public sealed record SeriesChange
{
    /// <summary>The later slice.</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>The earlier slice (the same slice shifted back by the number of years).</summary>
    public required SliceKey EarlierSlice { get; init; }

    /// <summary>The later value.</summary>
    public double Value { get; init; }

    /// <summary>The earlier value.</summary>
    public double EarlierValue { get; init; }

    /// <summary>Value - EarlierValue (NaN when either is undefined).</summary>
    public double Difference => Value - EarlierValue;

    /// <summary>Value / EarlierValue (NaN when the earlier value is 0 or undefined).</summary>
    public double Ratio => IndexFormulas.Ratio(Value, EarlierValue);
}

/// <summary>A change of a partner's rank between two consecutive slices.</summary>
public sealed record RankChange
{
    /// <summary>The slice.</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>The previous slice.</summary>
    public required SliceKey PreviousSlice { get; init; }

    /// <summary>The partner.</summary>
    public required Unit Partner { get; init; }

    /// <summary>The rank in <see cref="Slice"/>.</summary>
    public int Rank { get; init; }

    /// <summary>The rank in <see cref="PreviousSlice"/>, or null when the partner was not ranked there.</summary>
    public int? PreviousRank { get; init; }

    /// <summary>Places gained: PreviousRank - Rank (positive = moved up); null when there was no previous rank.</summary>
    public int? Change => PreviousRank - Rank;
}

/// <summary>
/// A partner overtaking another: ranked below it in <see cref="PreviousSlice"/> and above it in <see cref="Slice"/>
/// ("Pakistan overtook Japan in 2019").
/// </summary>
public sealed record Crossover
{
    /// <summary>The first slice where <see cref="Overtaker"/> ranks above <see cref="Overtaken"/>.</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>The previous slice, where it ranked below.</summary>
    public required SliceKey PreviousSlice { get; init; }

    /// <summary>The focus unit.</summary>
    public required Unit Focus { get; init; }

    /// <summary>The partner that moved above.</summary>
    public required Unit Overtaker { get; init; }

    /// <summary>The partner that fell below.</summary>
    public required Unit Overtaken { get; init; }

    /// <summary>The ranking index.</summary>
    public CollaborationIndex RankedBy { get; init; }

    /// <summary>The overtaker's rank in <see cref="Slice"/>.</summary>
    public int OvertakerRank { get; init; }

    /// <summary>The overtaken partner's rank in <see cref="Slice"/>; null when it has no co-publications there (see <see cref="PartnerRow.Rank"/>).</summary>
    public int? OvertakenRank { get; init; }

    /// <summary>The overtaker's index value in <see cref="Slice"/>.</summary>
    public double OvertakerValue { get; init; }

    /// <summary>The overtaken partner's index value in <see cref="Slice"/>.</summary>
    public double OvertakenValue { get; init; }

    /// <summary>The slice label (<c>2019</c>), derived from <see cref="Slice"/>.</summary>
    public string Year => Slice.YearsLabel;
}
