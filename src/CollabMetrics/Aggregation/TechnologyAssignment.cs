namespace CollabMetrics.Aggregation;

/// <summary>How a publication labelled with several technologies counts in each technology slice.</summary>
/// <remarks>The all-technologies slice always counts each publication once, whatever the assignment.</remarks>
public enum TechnologyAssignment
{
    /// <summary>The default: a publication with three labels counts fully (1) in each of the three technology slices.</summary>
    Whole = 0,

    /// <summary>A publication with three labels counts 1/3 in each of the three technology slices.</summary>
    Fractional = 1,
}
