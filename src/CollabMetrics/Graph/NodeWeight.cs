namespace CollabMetrics.Graph;

/// <summary>A node weight carried by a <see cref="CoauthorshipGraph"/> (see METRICS.md, counts).</summary>
public enum NodeWeight
{
    /// <summary>P: whole output, the number of publications of the unit.</summary>
    Whole = 0,

    /// <summary>F: author-fractional output.</summary>
    Fractional = 1,

    /// <summary>I: international output, publications with at least two units.</summary>
    International = 2,
}
