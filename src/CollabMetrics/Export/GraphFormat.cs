using System.Diagnostics.CodeAnalysis;

namespace CollabMetrics.Export;

/// <summary>A graph file format that <see cref="GraphWriter"/> writes. Which tool reads which is in docs/graph.md.</summary>
public enum GraphFormat
{
    /// <summary>GraphML (Gephi, Cytoscape, yEd, igraph, networkx); <c>.graphml</c>.</summary>
    GraphML = 0,

    /// <summary>GEXF 1.3 (Gephi), static or dynamic; <c>.gexf</c>.</summary>
    Gexf = 1,

    /// <summary>GML; <c>.gml</c>.</summary>
    Gml = 2,

    /// <summary>Pajek network; <c>.net</c>.</summary>
    Pajek = 3,

    /// <summary>Pajek partition of one node column (communities); <c>.clu</c>.</summary>
    PajekPartition = 4,

    /// <summary>Pajek vector of one node column (centralities); <c>.vec</c>.</summary>
    PajekVector = 5,

    /// <summary>VOSviewer JSON (items and links in one file); <c>.json</c>.</summary>
    VosviewerJson = 6,

    /// <summary>VOSviewer map file (items); <c>.txt</c>.</summary>
    VosviewerMap = 7,

    /// <summary>VOSviewer network file (links); <c>.txt</c>.</summary>
    VosviewerNetwork = 8,

    /// <summary>Node-link JSON (d3, networkx); <c>.json</c>.</summary>
    Json = 9,

    /// <summary>CSV link table (source, target, weight); <c>.csv</c>.</summary>
    LinkTableCsv = 10,

    /// <summary>CSV node table; <c>.csv</c>.</summary>
    NodeTableCsv = 11,
}

/// <summary>
/// The names and file extensions of <see cref="GraphFormat"/> values, as the command line spells them:
/// <c>graphml</c>, <c>gexf</c>, <c>gml</c>, <c>pajek</c>, <c>pajek-partition</c>, <c>pajek-vector</c>,
/// <c>vosviewer</c>, <c>vosviewer-map</c>, <c>vosviewer-network</c>, <c>json</c>, <c>csv</c> (links) and
/// <c>csv-nodes</c>.
/// </summary>
/// <example>
/// <code>
/// GraphFormat format = GraphFormats.Parse("gexf");
/// bool known = GraphFormats.TryFromPath("network.net", out GraphFormat pajek);   // true, Pajek
/// </code>
/// </example>
public static class GraphFormats
{
    private static readonly EnumNameTable<GraphFormat> s_names = new(
        "graph format",
        (GraphFormat.GraphML, "graphml"),
        (GraphFormat.Gexf, "gexf"),
        (GraphFormat.Gml, "gml"),
        (GraphFormat.Pajek, "pajek"),
        (GraphFormat.PajekPartition, "pajek-partition"),
        (GraphFormat.PajekVector, "pajek-vector"),
        (GraphFormat.VosviewerJson, "vosviewer"),
        (GraphFormat.VosviewerMap, "vosviewer-map"),
        (GraphFormat.VosviewerNetwork, "vosviewer-network"),
        (GraphFormat.Json, "json"),
        (GraphFormat.LinkTableCsv, "csv"),
        (GraphFormat.NodeTableCsv, "csv-nodes"));

    /// <summary>The extensions that name one format only: <c>.graphml</c>, <c>.gexf</c>, <c>.gml</c>, <c>.net</c>, <c>.clu</c>, <c>.vec</c>, <c>.json</c> (node-link JSON), <c>.csv</c> (link table).</summary>
    private static readonly (string Extension, GraphFormat Format)[] s_byExtension =
    [
        (".graphml", GraphFormat.GraphML), (".gexf", GraphFormat.Gexf), (".gml", GraphFormat.Gml), (".net", GraphFormat.Pajek),
        (".clu", GraphFormat.PajekPartition), (".vec", GraphFormat.PajekVector), (".json", GraphFormat.Json), (".csv", GraphFormat.LinkTableCsv),
    ];

    /// <summary>Every format, in declaration order.</summary>
    public static IReadOnlyList<GraphFormat> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The extensions <see cref="TryFromPath"/> recognises, such as <c>.gexf</c>.</summary>
    public static IReadOnlyList<string> KnownExtensions { get; } = Array.AsReadOnly(Array.ConvertAll(s_byExtension, e => e.Extension));

    /// <summary>The name, such as <c>vosviewer-map</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this GraphFormat format) => s_names.ToName(format, nameof(format));

    /// <summary>The usual file extension, with its dot: <c>.graphml</c>, <c>.gexf</c>, <c>.gml</c>, <c>.net</c>, <c>.clu</c>, <c>.vec</c>, <c>.json</c>, <c>.txt</c> or <c>.csv</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string Extension(this GraphFormat format) => format switch
    {
        GraphFormat.GraphML => ".graphml",
        GraphFormat.Gexf => ".gexf",
        GraphFormat.Gml => ".gml",
        GraphFormat.Pajek => ".net",
        GraphFormat.PajekPartition => ".clu",
        GraphFormat.PajekVector => ".vec",
        GraphFormat.VosviewerJson or GraphFormat.Json => ".json",
        GraphFormat.VosviewerMap or GraphFormat.VosviewerNetwork => ".txt",
        GraphFormat.LinkTableCsv or GraphFormat.NodeTableCsv => ".csv",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, $"Not a defined graph format; use {s_names.Choices}."),
    };

    /// <summary>Reads a name, ignoring case, hyphens, underscores and spaces; the C# name is accepted too.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not a graph format; the message lists the names.</exception>
    public static GraphFormat Parse(string name) => s_names.Parse(name);

    /// <summary>Tries to read a name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out GraphFormat format) => s_names.TryParse(name, out format);

    /// <summary>
    /// The format a file name's extension stands for, when it stands for one only (see <see cref="KnownExtensions"/>);
    /// false for other extensions (<c>.txt</c> is a VOSviewer map or network, <c>.xml</c> anything): name the format then.
    /// </summary>
    /// <param name="path">A file name or path.</param>
    /// <param name="format">The format, when the extension names one.</param>
    public static bool TryFromPath(string? path, out GraphFormat format)
    {
        var extension = Path.GetExtension(path ?? string.Empty);
        foreach (var (known, value) in s_byExtension)
        {
            if (string.Equals(known, extension, StringComparison.OrdinalIgnoreCase))
            {
                format = value;
                return true;
            }
        }

        format = default;
        return false;
    }
}
