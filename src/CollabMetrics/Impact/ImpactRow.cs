using CollabMetrics.Aggregation;

namespace CollabMetrics.Impact;

/// <summary>
/// The citation impact of one unit (a country, an institution or a group) in one slice (docs/impact.md): its
/// publications with citation data, its top x% papers (whole and author-fractional), its share of the world's top
/// papers, its mean normalised citation score, its h-index, and the same by collaboration type. Undefined values
/// (a ratio whose denominator is zero) are NaN.
/// </summary>
/// <example>
/// <code>
/// foreach (ImpactRow row in corpus.Countries().Impact().Units("CN", "US").ByYear().Compute())
/// {
///     Console.WriteLine($"{row.Year} {row.Unit}: top 10% share {row.TopShare:P1}, MNCS {row.Mncs:F2}, h {row.HIndex}");
/// }
/// </code>
/// </example>
public sealed record ImpactRow
{
    /// <summary>The slice: its years (one, a window, or all) and technology (null for all).</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>The unit.</summary>
    public required Unit Unit { get; init; }

    /// <summary>
    /// The rank of the unit's <see cref="TopShare"/> among the units of the table in this slice (1 = largest; ties by
    /// more whole top papers, then by code); null for a group, which is not a unit of the world.
    /// </summary>
    public int? Rank { get; init; }

    /// <summary>P_cit: publications of the unit with citation data (whole counting; times the technology factor with fractional technology assignment).</summary>
    public double Publications { get; init; }

    /// <summary>F_cit: the sum of the unit's author-fractional shares f(k,i) over them.</summary>
    public double FractionalPublications { get; init; }

    /// <summary>P_top: the sum of their top x% flags (ties at the threshold share, so a fraction is possible).</summary>
    public double TopPublications { get; init; }

    /// <summary>P_top_frac: the sum of f(k,i) times the flag.</summary>
    public double TopPublicationsFractional { get; init; }

    /// <summary>PP_top = P_top / P_cit; NaN without publications.</summary>
    public double PpTop { get; init; }

    /// <summary>PP_top_frac = P_top_frac / F_cit; NaN without publications.</summary>
    public double PpTopFractional { get; init; }

    /// <summary>The unit's share of the world's top x% papers: P_top_frac over the sum of P_top_frac of every unit (groups excluded); the shares sum to 1. NaN when the slice has no top paper.</summary>
    public double TopShare { get; init; }

    /// <summary>MNCS: the mean normalised citation score of the unit's publications (whole counting); NaN without publications.</summary>
    public double Mncs { get; init; }

    /// <summary>The author-fractional MNCS: the sum of f(k,i) NCS_k over F_cit.</summary>
    public double MncsFractional { get; init; }

    /// <summary>The h-index: the largest h such that h of the unit's publications in the slice have at least h citations (raw counts).</summary>
    public int HIndex { get; init; }

    /// <summary>The unit's domestic publications (one unit).</summary>
    public CollaborationTypeImpact Domestic { get; init; }

    /// <summary>The unit's bilateral publications (two units).</summary>
    public CollaborationTypeImpact Bilateral { get; init; }

    /// <summary>The unit's multilateral publications (three units or more).</summary>
    public CollaborationTypeImpact Multilateral { get; init; }

    /// <summary>The slice label of output (<c>2019</c>, <c>2015-2019</c> or <c>all</c>), derived from <see cref="Slice"/>.</summary>
    public string Year => Slice.YearsLabel;

    /// <summary>The unit's display name, derived from <see cref="Unit"/>.</summary>
    public string Name => Unit.Label;

    /// <summary>The figures of the unit's publications of one collaboration type.</summary>
    /// <param name="type">The collaboration type.</param>
    /// <exception cref="ArgumentOutOfRangeException">The type is not defined.</exception>
    public CollaborationTypeImpact Of(CollaborationType type) => type switch
    {
        CollaborationType.Domestic => Domestic,
        CollaborationType.Bilateral => Bilateral,
        CollaborationType.Multilateral => Multilateral,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Use Domestic, Bilateral or Multilateral."),
    };

    /// <summary>The value of <paramref name="measure"/>: <see cref="PpTop"/>, <see cref="TopShare"/> or <see cref="Mncs"/>.</summary>
    /// <param name="measure">The measure.</param>
    /// <exception cref="ArgumentOutOfRangeException">The measure is not defined.</exception>
    public double Value(ImpactMeasure measure) => measure switch
    {
        ImpactMeasure.PpTop => PpTop,
        ImpactMeasure.TopShare => TopShare,
        ImpactMeasure.Mncs => Mncs,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Use PpTop, TopShare or Mncs."),
    };
}

/// <summary>The impact of the co-publications of a focus unit and one partner in one slice. Undefined values are NaN.</summary>
/// <example>
/// <code>
/// PairImpactRow? us = corpus.Countries().Impact().Focus("CN").Partners("US").Window(2020, 2024).Compute().Find(SliceKey.ForWindow(2020, 2024), "US");
/// Console.WriteLine($"CN-US papers: MNCS {us?.Mncs:F2}, {us?.Advantage:F2} times CN's domestic MNCS");
/// </code>
/// </example>
public sealed record PairImpactRow
{
    /// <summary>The slice: its years (one, a window, or all) and technology (null for all).</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>X, the focus unit.</summary>
    public required Unit Focus { get; init; }

    /// <summary>Y, the partner.</summary>
    public required Unit Partner { get; init; }

    /// <summary>Co-publications of X and Y with citation data (whole counting; times the technology factor with fractional technology assignment).</summary>
    public double Copublications { get; init; }

    /// <summary>MNCS_XY: the mean normalised citation score of the co-publications; NaN without any.</summary>
    public double Mncs { get; init; }

    /// <summary>PP_top_XY: the mean top x% flag of the co-publications; NaN without any.</summary>
    public double PpTop { get; init; }

    /// <summary>MNCS_XY over the MNCS of X's domestic publications: above 1, the partnership's papers are cited more than X's papers alone. NaN when X has no domestic publication, or their MNCS is 0.</summary>
    public double Advantage { get; init; }

    /// <summary>The slice label of output (<c>2019</c>, <c>2015-2019</c> or <c>all</c>), derived from <see cref="Slice"/>.</summary>
    public string Year => Slice.YearsLabel;
}

/// <summary>
/// How concentrated the world's top x% papers are among the units in one slice (one technology, or all): the
/// Herfindahl-Hirschman index of the top shares, the leader and its lead, and the share of the five largest.
/// Groups are not units of the world and take no part.
/// </summary>
public sealed record ImpactConcentrationRow
{
    /// <summary>The slice: its years (one, a window, or all) and technology (null for all technologies together).</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>HHI: the sum of the squared top shares (1 when one unit has every top paper); NaN when the slice has no top paper.</summary>
    public double Hhi { get; init; }

    /// <summary>The unit with the largest top share (ties: more whole top papers, then code); null when the slice has no top paper.</summary>
    public Unit? Leader { get; init; }

    /// <summary>The leader's top share over the runner-up's (1 for tied leaders); NaN with a single unit or a runner-up at 0.</summary>
    public double LeaderRatio { get; init; }

    /// <summary>The sum of the five largest top shares; NaN when the slice has no top paper.</summary>
    public double Top5 { get; init; }

    /// <summary>The slice label of output (<c>2019</c>, <c>2015-2019</c> or <c>all</c>), derived from <see cref="Slice"/>.</summary>
    public string Year => Slice.YearsLabel;
}

/// <summary>A bootstrap confidence interval of one impact measure of one unit in one slice.</summary>
public sealed record ImpactBootstrapRow
{
    /// <summary>The slice: its years (one, a window, or all) and technology (null for all).</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>The unit.</summary>
    public required Unit Unit { get; init; }

    /// <summary>The measure: PP_top, top share or MNCS.</summary>
    public ImpactMeasure Measure { get; init; }

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
