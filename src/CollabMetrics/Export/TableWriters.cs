using System.Text.Json;
using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// Writes the node table as CSV (RFC 4180, comma, header): <c>node,id,label,P,F,I,degree,strength</c> and one
/// column per extra attribute. NaN is an empty field. Gephi's spreadsheet import, R, pandas and Excel read it.
/// </summary>
internal sealed class NodeTableCsvWriter : GraphFormatWriter
{
    private readonly CoauthorshipGraph _graph;

    internal NodeTableCsvWriter(CoauthorshipGraph graph, GraphExportOptions? options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ValidateAttributes(Options.Attributes, graph.NodeCount);
        _graph = graph;
    }

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        List<(string Name, double[] Values)> weights = NodeWeightColumns(_graph, Options);
        writer.Write("node,id,label");
        foreach ((string name, _) in weights)
        {
            writer.Write(',');
            writer.Write(name);
        }

        writer.Write(",degree,strength");
        foreach (NodeColumn column in Options.Attributes)
        {
            writer.Write(',');
            writer.Write(Csv(column.Name));
        }

        writer.Write('\n');
        for (int v = 0; v < _graph.NodeCount; v++)
        {
            writer.Write(Format(v));
            writer.Write(',');
            writer.Write(Csv(_graph.Ids[v]));
            writer.Write(',');
            writer.Write(Csv(_graph.Labels[v]));
            foreach ((_, double[] values) in weights)
            {
                writer.Write(',');
                writer.Write(double.IsNaN(values[v]) ? string.Empty : Format(values[v]));
            }

            writer.Write(',');
            writer.Write(Format(_graph.Degree(v)));
            writer.Write(',');
            writer.Write(Format(_graph.Strength(v)));
            foreach (NodeColumn column in Options.Attributes)
            {
                double value = column.Values[v];
                writer.Write(',');
                writer.Write(double.IsNaN(value) ? string.Empty : column.IsPartition ? Format((int)value) : Format(value));
            }

            writer.Write('\n');
            if ((v & 1023) == 1023)
            {
                yield return true;
            }
        }

        yield return true;
    }

    internal static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// Writes the link table as CSV: <c>source,target,weight</c> with the units' ids (Gephi's edge-table import reads
/// these column names), each link once.
/// </summary>
internal sealed class LinkTableCsvWriter : GraphFormatWriter
{
    private readonly CoauthorshipGraph _graph;

    internal LinkTableCsvWriter(CoauthorshipGraph graph)
        : base(null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
    }

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        writer.Write("source,target,weight\n");
        int edge = 0;
        foreach (GraphLink link in _graph.Links)
        {
            writer.Write(NodeTableCsvWriter.Csv(_graph.Ids[link.Source]));
            writer.Write(',');
            writer.Write(NodeTableCsvWriter.Csv(_graph.Ids[link.Target]));
            writer.Write(',');
            writer.Write(Format(link.Weight));
            writer.Write('\n');
            if ((++edge & 1023) == 0)
            {
                yield return true;
            }
        }

        yield return true;
    }
}

/// <summary>
/// Writes the graph as JSON node and link tables, the shape of d3 and networkx's node-link format:
/// <c>{"level": "...", "weighting": "...", "year": null, "nodes": [{"node", "id", "label", "P", "F", "I", "degree", "strength", ...}],
/// "links": [{"source", "target", "weight"}]}</c>, where link ends are node ids (the "id" strings). NaN is null.
/// </summary>
internal sealed class GraphJsonWriter : GraphFormatWriter
{
    private readonly CoauthorshipGraph _graph;

    internal GraphJsonWriter(CoauthorshipGraph graph, GraphExportOptions? options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ValidateAttributes(Options.Attributes, graph.NodeCount);
        _graph = graph;
    }

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        List<(string Name, double[] Values)> weights = NodeWeightColumns(_graph, Options);
        writer.Write("{\"level\":");
        writer.Write(JsonSerializer.Serialize(_graph.Level.ToName()));
        writer.Write(",\"weighting\":");
        writer.Write(_graph.Weighting is string w ? JsonSerializer.Serialize(w) : "null");
        writer.Write(",\"year\":");
        writer.Write(_graph.Year is int y ? Format(y) : "null");
        writer.Write(",\"nodes\":[");
        for (int v = 0; v < _graph.NodeCount; v++)
        {
            writer.Write(v == 0 ? "\n" : ",\n");
            writer.Write("{\"node\":");
            writer.Write(Format(v));
            writer.Write(",\"id\":");
            writer.Write(JsonSerializer.Serialize(_graph.Ids[v]));
            writer.Write(",\"label\":");
            writer.Write(JsonSerializer.Serialize(_graph.Labels[v]));
            foreach ((string name, double[] values) in weights)
            {
                WriteNumber(writer, name, values[v], false);
            }

            writer.Write(",\"degree\":");
            writer.Write(Format(_graph.Degree(v)));
            writer.Write(",\"strength\":");
            writer.Write(Format(_graph.Strength(v)));
            foreach (NodeColumn column in Options.Attributes)
            {
                WriteNumber(writer, column.Name, column.Values[v], column.IsPartition);
            }

            writer.Write('}');
            if ((v & 1023) == 1023)
            {
                yield return true;
            }
        }

        writer.Write("\n],\"links\":[");
        int edge = 0;
        foreach (GraphLink link in _graph.Links)
        {
            writer.Write(edge == 0 ? "\n" : ",\n");
            writer.Write("{\"source\":");
            writer.Write(JsonSerializer.Serialize(_graph.Ids[link.Source]));
            writer.Write(",\"target\":");
            writer.Write(JsonSerializer.Serialize(_graph.Ids[link.Target]));
            writer.Write(",\"weight\":");
            writer.Write(Format(link.Weight));
            writer.Write('}');
            if ((++edge & 1023) == 0)
            {
                yield return true;
            }
        }

        writer.Write("\n]}\n");
        yield return true;
    }

    private static void WriteNumber(TextWriter writer, string name, double value, bool integer)
    {
        writer.Write(',');
        writer.Write(JsonSerializer.Serialize(name));
        writer.Write(':');
        writer.Write(double.IsNaN(value) ? "null" : integer ? Format((int)value) : Format(value));
    }
}
