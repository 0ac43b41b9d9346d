using CollabMetrics.Export;
using CollabMetrics.Graph;

namespace CollabMetrics.Tests.Export;

/// <summary>A small country graph with awkward labels, a NaN weight and two attribute columns.</summary>
internal static class ExportGraphs
{
    public static CoauthorshipGraph Countries()
    {
        // METRICS.md test vector: P, F, I and the Full link weights C_ij; JP's F left unknown (NaN) on purpose.
        var builder = new CoauthorshipGraphBuilder(GraphLevel.Country, "Full");
        builder.AddNode("CN", "China", whole: 9, fractional: 59 / 12.0, international: 7);
        builder.AddNode("US", "United States, \"USA\" & <territories>", whole: 6, fractional: 11 / 4.0, international: 5);
        builder.AddNode("PK", "Pakistan", whole: 4, fractional: 2, international: 4);
        builder.AddNode("JP", "日本 / Côte", whole: 3, international: 3);
        builder.AddNode("XK", "Kosovo\tno links", whole: 1, fractional: 1, international: 0);
        builder.AddLink("CN", "US", 4);
        builder.AddLink("CN", "PK", 4);
        builder.AddLink("CN", "JP", 2);
        builder.AddLink("JP", "US", 2);
        builder.AddLink("PK", "US", 2);
        return builder.Build();
    }

    public static GraphExportOptions WithColumns(CoauthorshipGraph graph) => GraphExportOptions.Default with
    {
        Attributes =
        [
            new NodeColumn("community", [0, 0, 1, 1, 2], IsPartition: true),
            NodeColumn.Vector("pagerank", [0.3, 0.25, 0.2, 1e-7, double.NaN]),
        ],
        Description = "test graph",
    };

    /// <summary>Every link (source id, target id, weight) of a graph, source &lt; target by id order of the graph.</summary>
    public static IEnumerable<(string, string, double)> LinkSet(CoauthorshipGraph graph) =>
        graph.Links.Select(l => Ordered(graph.Ids[l.Source], graph.Ids[l.Target], l.Weight));

    public static (string, string, double) Ordered(string a, string b, double w) =>
        string.CompareOrdinal(a, b) < 0 ? (a, b, w) : (b, a, w);
}
