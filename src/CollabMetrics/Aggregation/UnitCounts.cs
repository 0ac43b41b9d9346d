namespace CollabMetrics.Aggregation;

/// <summary>The counts of one unit in one slice (see METRICS.md). Zero everywhere for a unit absent from the slice.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="P">Whole output: publications with the unit.</param>
/// <param name="F">Author-fractional output: sum over k of the unit's author credit divided by n_k.</param>
/// <param name="E">Equal-split output: sum over k with the unit of 1/m_k.</param>
/// <param name="I">International output: publications with the unit and at least two units.</param>
/// <param name="LinkTotal">C_i: the sum over other units j of C_ij (for a group, over the units it pairs with).</param>
/// <param name="ScpCorresponding">Single-unit publications (m_k = 1) whose corresponding author (else first author with a unit) is in the unit.</param>
/// <param name="McpCorresponding">Multi-unit publications (m_k >= 2) whose corresponding author (else first author with a unit) is in the unit.</param>
public readonly record struct UnitCounts(
    Unit Unit,
    double P,
    double F,
    double E,
    double I,
    double LinkTotal,
    double ScpCorresponding,
    double McpCorresponding);
