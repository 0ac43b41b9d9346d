namespace CollabMetrics.Graph;

/// <summary>What the nodes of a <see cref="CoauthorshipGraph"/> stand for.</summary>
public enum GraphLevel
{
    /// <summary>Nodes are countries (ISO 3166-1 alpha-2 codes as ids).</summary>
    Country = 0,

    /// <summary>Nodes are institutions (institution keys as ids).</summary>
    Institution = 1,

    /// <summary>Nodes are authors (author keys as ids).</summary>
    Author = 2,

    /// <summary>Nodes are anything else (a graph built from node and link lists).</summary>
    Other = 3,
}
