namespace CollabMetrics.Graph;

/// <summary>A modularity clustering algorithm.</summary>
public enum CommunityAlgorithm
{
    /// <summary>Louvain (Blondel et al. 2008): local moving, then aggregation, repeated.</summary>
    Louvain = 0,

    /// <summary>Leiden (Traag, Waltman and van Eck 2019): fast local moving, refinement, aggregation by the refined partition.</summary>
    Leiden = 1,
}
