namespace CollabMetrics.Graph;

/// <summary>An undirected link of a <see cref="CoauthorshipGraph"/>, with <see cref="Source"/> &lt; <see cref="Target"/>.</summary>
/// <param name="Source">The smaller node id.</param>
/// <param name="Target">The larger node id.</param>
/// <param name="Weight">The link weight (by the counting method the graph was built with).</param>
public readonly record struct GraphLink(int Source, int Target, double Weight);
