using CollabMetrics.Aggregation;

namespace CollabMetrics.Impact;

/// <summary>The collaboration type of a publication, by its number m_k of distinct units.</summary>
public enum CollaborationType
{
    /// <summary>One unit (m_k = 1): a domestic publication.</summary>
    Domestic = 0,

    /// <summary>Two units (m_k = 2).</summary>
    Bilateral = 1,

    /// <summary>Three units or more (m_k &gt;= 3).</summary>
    Multilateral = 2,
}

/// <summary>The impact of a unit's publications of one collaboration type (whole counting).</summary>
/// <param name="Publications">Publications of the type with citation data (times the technology factor).</param>
/// <param name="Mncs">Their mean normalised citation score; NaN without publications.</param>
/// <param name="PpTop">Their share in the top x%; NaN without publications.</param>
public readonly record struct CollaborationTypeImpact(double Publications, double Mncs, double PpTop);

/// <summary>The impact figures of one unit in one slice (IMPACT.md). Undefined values are NaN.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Publications">P_cit: publications of the unit with a citation count (times the technology factor).</param>
/// <param name="FractionalPublications">F_cit: the sum of f(k,i) over them.</param>
/// <param name="TopPublications">P_top: the sum of their top x% flags.</param>
/// <param name="TopPublicationsFractional">P_top_frac: the sum of f(k,i) times the flag.</param>
/// <param name="PpTop">PP_top = P_top / P_cit.</param>
/// <param name="PpTopFractional">PP_top_frac = P_top_frac / F_cit.</param>
/// <param name="TopShare">The unit's share of the world's top papers: P_top_frac over the sum of P_top_frac of all units (groups excluded).</param>
/// <param name="Mncs">Mean normalised citation score, whole counting.</param>
/// <param name="MncsFractional">Mean normalised citation score weighted by f(k,i).</param>
/// <param name="HIndex">The largest h such that h publications of the unit in the slice have at least h citations.</param>
/// <param name="Domestic">Publications with one unit (m_k = 1).</param>
/// <param name="Bilateral">Publications with two units.</param>
/// <param name="Multilateral">Publications with three units or more.</param>
internal readonly record struct UnitImpact(
    Unit Unit,
    double Publications,
    double FractionalPublications,
    double TopPublications,
    double TopPublicationsFractional,
    double PpTop,
    double PpTopFractional,
    double TopShare,
    double Mncs,
    double MncsFractional,
    int HIndex,
    CollaborationTypeImpact Domestic,
    CollaborationTypeImpact Bilateral,
    CollaborationTypeImpact Multilateral);

/// <summary>The impact of the co-publications of a focus and a partner in one slice.</summary>
/// <param name="Focus">X.</param>
/// <param name="Partner">Y.</param>
/// <param name="Copublications">Co-publications of X and Y with a citation count (times the technology factor).</param>
/// <param name="Mncs">MNCS_XY: their mean normalised citation score.</param>
/// <param name="PpTop">PP_top_XY: their mean top x% flag.</param>
/// <param name="Advantage">MNCS_XY over the MNCS of X's domestic publications; NaN when X has none or their MNCS is 0.</param>
internal readonly record struct PairImpact(Unit Focus, Unit Partner, double Copublications, double Mncs, double PpTop, double Advantage);

/// <summary>The concentration of the top x% papers among units (groups excluded) in one slice.</summary>
/// <param name="Hhi">Herfindahl-Hirschman index: the sum of squared top shares; NaN without top papers.</param>
/// <param name="Leader">The unit with the largest top share (ties: more whole top papers, then code); null without top papers.</param>
/// <param name="LeaderRatio">The leader's top share over the runner-up's; NaN with one unit or a runner-up at 0.</param>
/// <param name="Top5">The sum of the five largest top shares; NaN without top papers.</param>
internal sealed record ImpactConcentration(double Hhi, Unit? Leader, double LeaderRatio, double Top5);
