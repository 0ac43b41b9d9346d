using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// The entry point of graph exports: one factory per file format, each returning a writer with
/// <c>ToFile</c>, <c>ToStream</c> and their async twins. Which tool reads which format is in docs/graph.md.
/// </summary>
/// <example>
/// <code>
/// CommunityPartition communities = CommunityDetection.Leiden(graph);
/// var options = GraphExportOptions.Default with
/// {
///     Attributes = [NodeColumn.Partition("community", communities), NodeColumn.Vector("pagerank", Centrality.PageRank(graph))],
/// };
/// GraphExport.Gexf(graph, options).ToFile("countries.gexf");
/// GraphExport.VosviewerMap(graph, options).ToFile("map.txt");
/// GraphExport.VosviewerNetwork(graph).ToFile("network.txt");
/// </code>
/// </example>
public static class GraphExport
{
    /// <summary>GraphML (Gephi, Cytoscape, yEd, igraph, networkx).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    /// <returns>The writer.</returns>
    public static GraphMLWriter GraphML(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(graph, options);

    /// <summary>Static GEXF 1.3 (Gephi).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    /// <returns>The writer.</returns>
    public static GexfWriter Gexf(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(graph, options);

    /// <summary>Dynamic GEXF 1.3 (Gephi timeline): per-year spells, node weights and link weights.</summary>
    /// <param name="series">The yearly graphs.</param>
    /// <param name="options">Options; attribute values follow <see cref="CoauthorshipGraphSeries.NodeIds"/>. Default when null.</param>
    /// <returns>The writer.</returns>
    public static GexfWriter DynamicGexf(CoauthorshipGraphSeries series, GraphExportOptions? options = null) => new(series, options);

    /// <summary>Pajek network (.net).</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>The writer.</returns>
    public static PajekNetworkWriter PajekNetwork(CoauthorshipGraph graph) => new(graph, null);

    /// <summary>Pajek partition (.clu) or vector (.vec) of one node column.</summary>
    /// <param name="column">A partition (communities) or a vector (centralities).</param>
    /// <returns>The writer.</returns>
    public static PajekColumnWriter PajekColumn(NodeColumn column) => new(column);

    /// <summary>VOSviewer map file (items with clusters, weights and scores).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    /// <returns>The writer.</returns>
    public static VosviewerMapWriter VosviewerMap(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(graph, options);

    /// <summary>VOSviewer network file (links).</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>The writer.</returns>
    public static VosviewerNetworkWriter VosviewerNetwork(CoauthorshipGraph graph) => new(graph);

    /// <summary>VOSviewer JSON (items and links in one file).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    /// <returns>The writer.</returns>
    public static VosviewerJsonWriter VosviewerJson(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(graph, options);

    /// <summary>GML.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    /// <returns>The writer.</returns>
    public static GmlWriter Gml(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(graph, options);

    /// <summary>CSV node table.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    /// <returns>The writer.</returns>
    public static NodeTableCsvWriter NodeTableCsv(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(graph, options);

    /// <summary>CSV link table.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>The writer.</returns>
    public static LinkTableCsvWriter LinkTableCsv(CoauthorshipGraph graph) => new(graph);

    /// <summary>JSON node and link tables (node-link format).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    /// <returns>The writer.</returns>
    public static GraphJsonWriter Json(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(graph, options);
}
