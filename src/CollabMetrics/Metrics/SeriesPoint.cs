namespace CollabMetrics.Metrics;

/// <summary>One value of a <see cref="TimeSeries"/>.</summary>
/// <param name="Year">The slice label: a year, a window (<c>2015-2019</c>) or <c>all</c>.</param>
/// <param name="FromYear">The first year of the slice, or null for all years.</param>
/// <param name="ToYear">The last year of the slice, or null for all years.</param>
/// <param name="Value">The value; <see cref="double.NaN"/> when undefined.</param>
public readonly record struct SeriesPoint(string Year, int? FromYear, int? ToYear, double Value);

/// <summary>The change of a series value against the value some years earlier.</summary>
/// <param name="Year">The later slice.</param>
/// <param name="EarlierYear">The earlier slice (the same slice shifted back by the number of years).</param>
/// <param name="Value">The later value.</param>
/// <param name="EarlierValue">The earlier value.</param>
public sealed record SeriesChange(string Year, string EarlierYear, double Value, double EarlierValue)
{
    /// <summary>Value - EarlierValue (NaN when either is undefined).</summary>
    public double Difference => Value - EarlierValue;

    /// <summary>Value / EarlierValue (NaN when the earlier value is 0 or undefined).</summary>
    public double Ratio => IndexFormulas.Ratio(Value, EarlierValue);
}

/// <summary>A change of a partner's rank between two consecutive slices.</summary>
/// <param name="Year">The slice.</param>
/// <param name="PreviousYear">The previous slice.</param>
/// <param name="Partner">The partner's code.</param>
/// <param name="Rank">The rank in <paramref name="Year"/>.</param>
/// <param name="PreviousRank">The rank in <paramref name="PreviousYear"/>, or null when the partner was not ranked there.</param>
public sealed record RankChange(string Year, string PreviousYear, string Partner, int Rank, int? PreviousRank)
{
    /// <summary>Places gained: PreviousRank - Rank (positive = moved up); null when there was no previous rank.</summary>
    public int? Change => PreviousRank - Rank;
}

/// <summary>
/// A partner overtaking another: ranked below it in <see cref="PreviousYear"/> and above it in <see cref="Year"/>
/// ("Pakistan overtook Japan in 2019").
/// </summary>
/// <param name="Year">The first slice where <paramref name="Overtaker"/> ranks above <paramref name="Overtaken"/>.</param>
/// <param name="PreviousYear">The previous slice, where it ranked below.</param>
/// <param name="Focus">The focus unit.</param>
/// <param name="Overtaker">The partner that moved above.</param>
/// <param name="Overtaken">The partner that fell below.</param>
/// <param name="RankedBy">The ranking index.</param>
/// <param name="OvertakerRank">The overtaker's rank in <paramref name="Year"/>.</param>
/// <param name="OvertakenRank">The overtaken partner's rank in <paramref name="Year"/>.</param>
/// <param name="OvertakerValue">The overtaker's index value in <paramref name="Year"/>.</param>
/// <param name="OvertakenValue">The overtaken partner's index value in <paramref name="Year"/>.</param>
public sealed record Crossover(
    string Year,
    string PreviousYear,
    string Focus,
    string Overtaker,
    string Overtaken,
    CollaborationIndex RankedBy,
    int OvertakerRank,
    int OvertakenRank,
    double OvertakerValue,
    double OvertakenValue);
