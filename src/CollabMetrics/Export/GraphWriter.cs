using System.Diagnostics.CodeAnalysis;
using System.Text;
using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// The one entry of graph exports: a writer of one graph (or yearly series, or node column) in one
/// <see cref="GraphFormat"/>, made by a factory per format (<see cref="Gexf"/>, <see cref="GraphML"/>,
/// <see cref="VosviewerMap"/>, ...) or by <see cref="Create"/> from a format value. Which tool reads which format
/// is in docs/graph.md.
/// </summary>
/// <remarks>
/// Output follows the library's I/O scheme: <see cref="ToText()"/> returns the file's content,
/// <see cref="ToText(TextWriter)"/> and <see cref="ToText(Stream)"/> write it to a destination that is left open
/// (UTF-8 without byte order mark for streams), <see cref="ToFile"/> writes the file (replacing it), and each has
/// an <c>Async</c> twin that writes in chunks and checks its <see cref="CancellationToken"/> between them.
/// </remarks>
/// <example>
/// <code>
/// CommunityPartition communities = CommunityDetection.Leiden(graph);
/// var options = GraphExportOptions.Default with
/// {
///     Attributes = [NodeColumn.Partition("community", communities), NodeColumn.Vector("pagerank", Centrality.PageRank(graph))],
/// };
/// GraphWriter.Gexf(graph, options).ToFile("countries.gexf");
/// GraphWriter.VosviewerMap(graph, options).ToFile("map.txt");
/// GraphWriter.Create(graph, GraphFormats.Parse("pajek")).ToFile("network.net");
/// </code>
/// </example>
[SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Writer, stream and file twins share the optional token; the first parameter's type tells them apart.")]
public sealed class GraphWriter
{
    /// <summary>The value a Pajek vector (.vec) holds for an undefined (NaN) value: Pajek has no missing-value syntax.</summary>
    public const double PajekMissingValue = 9999998;

    private const int ChunkChars = 1 << 16;
    private readonly GraphFormatWriter _writer;

    private GraphWriter(GraphFormatWriter writer, GraphFormat format)
    {
        _writer = writer;
        Format = format;
    }

    /// <summary>The format written.</summary>
    public GraphFormat Format { get; }

    /// <summary>The usual file extension of <see cref="Format"/>, with its dot (<see cref="GraphFormats.Extension"/>).</summary>
    public string Extension => Format.Extension();

    /// <summary>The options in force.</summary>
    public GraphExportOptions Options => _writer.Options;

    /// <summary>
    /// A writer of <paramref name="graph"/> in <paramref name="format"/>. Pajek partitions and vectors hold one node
    /// column: use <see cref="PajekColumn"/> for them.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="format">The format.</param>
    /// <param name="options">Options (description, node weights, extra node columns); default when null. Formats without node attributes ignore them.</param>
    /// <exception cref="ArgumentException">The format is a Pajek partition or vector, or an attribute does not fit the graph.</exception>
    public static GraphWriter Create(CoauthorshipGraph graph, GraphFormat format, GraphExportOptions? options = null) => format switch
    {
        GraphFormat.GraphML => GraphML(graph, options),
        GraphFormat.Gexf => Gexf(graph, options),
        GraphFormat.Gml => Gml(graph, options),
        GraphFormat.Pajek => new(new PajekNetworkWriter(graph, options), format),
        GraphFormat.VosviewerJson => VosviewerJson(graph, options),
        GraphFormat.VosviewerMap => VosviewerMap(graph, options),
        GraphFormat.VosviewerNetwork => new(new VosviewerNetworkWriter(graph), format),
        GraphFormat.Json => Json(graph, options),
        GraphFormat.LinkTableCsv => new(new LinkTableCsvWriter(graph), format),
        GraphFormat.NodeTableCsv => NodeTableCsv(graph, options),
        GraphFormat.PajekPartition or GraphFormat.PajekVector =>
            throw new ArgumentException($"A Pajek {(format == GraphFormat.PajekPartition ? "partition" : "vector")} holds one node column, not a graph: use GraphWriter.PajekColumn(column).", nameof(format)),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a defined graph format; see GraphFormats.All."),
    };

    /// <summary>GraphML (Gephi, Cytoscape, yEd, igraph, networkx).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    public static GraphWriter GraphML(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(new GraphMLWriter(graph, options), GraphFormat.GraphML);

    /// <summary>Static GEXF 1.3 (Gephi).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    public static GraphWriter Gexf(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(new GexfWriter(graph, options), GraphFormat.Gexf);

    /// <summary>Dynamic GEXF 1.3 (Gephi timeline): per-year spells, node weights and link weights.</summary>
    /// <param name="series">The yearly graphs.</param>
    /// <param name="options">Options; attribute values follow <see cref="CoauthorshipGraphSeries.NodeIds"/>. Default when null.</param>
    public static GraphWriter DynamicGexf(CoauthorshipGraphSeries series, GraphExportOptions? options = null) => new(new GexfWriter(series, options), GraphFormat.Gexf);

    /// <summary>Pajek network (.net): vertices numbered from 1 (node id + 1) with quoted labels, then weighted edges.</summary>
    /// <param name="graph">The graph.</param>
    public static GraphWriter PajekNetwork(CoauthorshipGraph graph) => new(new PajekNetworkWriter(graph, null), GraphFormat.Pajek);

    /// <summary>
    /// Pajek partition (.clu, for a partition column: community numbers + 1) or vector (.vec, for a vector column:
    /// NaN written as <see cref="PajekMissingValue"/>) of one node column, for the vertices of the .net file of the same graph.
    /// </summary>
    /// <param name="column">A partition (communities) or a vector (centralities).</param>
    public static GraphWriter PajekColumn(NodeColumn column)
    {
        var writer = new PajekColumnWriter(column);
        return new(writer, writer.IsPartition ? GraphFormat.PajekPartition : GraphFormat.PajekVector);
    }

    /// <summary>VOSviewer map file (items with clusters, weights and scores).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    public static GraphWriter VosviewerMap(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(new VosviewerMapWriter(graph, options), GraphFormat.VosviewerMap);

    /// <summary>VOSviewer network file (links).</summary>
    /// <param name="graph">The graph.</param>
    public static GraphWriter VosviewerNetwork(CoauthorshipGraph graph) => new(new VosviewerNetworkWriter(graph), GraphFormat.VosviewerNetwork);

    /// <summary>VOSviewer JSON (items and links in one file).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    public static GraphWriter VosviewerJson(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(new VosviewerJsonWriter(graph, options), GraphFormat.VosviewerJson);

    /// <summary>GML.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    public static GraphWriter Gml(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(new GmlWriter(graph, options), GraphFormat.Gml);

    /// <summary>CSV node table.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    public static GraphWriter NodeTableCsv(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(new NodeTableCsvWriter(graph, options), GraphFormat.NodeTableCsv);

    /// <summary>CSV link table (source, target, weight).</summary>
    /// <param name="graph">The graph.</param>
    public static GraphWriter LinkTableCsv(CoauthorshipGraph graph) => new(new LinkTableCsvWriter(graph), GraphFormat.LinkTableCsv);

    /// <summary>JSON node and link tables (node-link format).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; default when null.</param>
    public static GraphWriter Json(CoauthorshipGraph graph, GraphExportOptions? options = null) => new(new GraphJsonWriter(graph, options), GraphFormat.Json);

    /// <summary>The whole file as a string (for small graphs and tests).</summary>
    public string ToText()
    {
        using var buffer = new GraphFormatWriter.Utf8StringWriter();
        foreach (bool _ in _writer.Write(buffer))
        {
        }

        return buffer.ToString();
    }

    /// <summary>Writes the file's content to <paramref name="writer"/>, which is left open.</summary>
    /// <param name="writer">The destination.</param>
    public void ToText(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (bool _ in _writer.Write(writer))
        {
        }

        writer.Flush();
    }

    /// <summary>Writes the file's content to <paramref name="stream"/> in UTF-8 without byte order mark; the stream is left open.</summary>
    /// <param name="stream">A writable stream.</param>
    public void ToText(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = TabularText.Writer(stream);
        ToText(writer);
    }

    /// <summary>Writes the file at <paramref name="path"/>, replacing it; its folder is created when missing.</summary>
    /// <param name="path">The file path.</param>
    public void ToFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = TabularText.CreateFile(path);
        ToText(stream);
    }

    /// <summary>The asynchronous twin of <see cref="ToText(TextWriter)"/>: writes in chunks of about 64K characters.</summary>
    /// <param name="writer">The destination; left open.</param>
    /// <param name="cancellationToken">Cancels the write between chunks.</param>
    public async Task ToTextAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new GraphFormatWriter.Utf8StringWriter();
        StringBuilder text = buffer.GetStringBuilder();
        foreach (bool _ in _writer.Write(buffer))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (text.Length >= ChunkChars)
            {
                await writer.WriteAsync(text, cancellationToken).ConfigureAwait(false);
                text.Clear();
            }
        }

        await writer.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The asynchronous twin of <see cref="ToText(Stream)"/>.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="cancellationToken">Cancels the write between chunks.</param>
    public async Task ToTextAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var writer = TabularText.Writer(stream);
        await using (writer.ConfigureAwait(false))
        {
            await ToTextAsync(writer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The asynchronous twin of <see cref="ToFile(string)"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the write between chunks.</param>
    public async Task ToFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = TabularText.CreateFile(path, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await ToTextAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>"Gexf writer".</summary>
    public override string ToString() => $"{Format} writer";
}
