using System.Text.Json;
using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// Writes a VOSviewer map file (tab-separated, with a header): <c>id</c> (node id + 1), <c>label</c>,
/// <c>cluster</c> (the first partition column + 1, when there is one), <c>weight&lt;Links&gt;</c>,
/// <c>weight&lt;Total link strength&gt;</c>, <c>weight&lt;Documents&gt;</c> (P), <c>weight&lt;Fractional documents&gt;</c>
/// (F), <c>weight&lt;International documents&gt;</c> (I), and <c>score&lt;name&gt;</c> per vector column. Open it in
/// VOSviewer with "Create a map based on network data" together with the network file of the same graph.
/// VOSviewer has no missing value: NaN weights and scores are written as empty fields.
/// </summary>
internal sealed class VosviewerMapWriter : GraphFormatWriter
{
    private readonly CoauthorshipGraph _graph;

    internal VosviewerMapWriter(CoauthorshipGraph graph, GraphExportOptions? options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ValidateAttributes(Options.Attributes, graph.NodeCount);
        _graph = graph;
    }

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        var (cluster, scores) = VosviewerColumns.Split(Options.Attributes);

        writer.Write("id\tlabel");
        if (cluster is not null)
        {
            writer.Write("\tcluster");
        }

        writer.Write("\tweight<Links>\tweight<Total link strength>");
        if (Options.IncludeNodeWeights)
        {
            writer.Write("\tweight<Documents>\tweight<Fractional documents>\tweight<International documents>");
        }

        foreach (NodeColumn score in scores)
        {
            writer.Write("\tscore<");
            writer.Write(Clean(score.Name));
            writer.Write('>');
        }

        writer.Write('\n');
        for (int v = 0; v < _graph.NodeCount; v++)
        {
            writer.Write(Format(v + 1));
            writer.Write('\t');
            writer.Write(Clean(_graph.Labels[v]));
            if (cluster is not null)
            {
                writer.Write('\t');
                writer.Write(Format((int)cluster.Values[v] + 1));
            }

            writer.Write('\t');
            writer.Write(Format(_graph.Degree(v)));
            writer.Write('\t');
            writer.Write(Format(_graph.Strength(v)));
            if (Options.IncludeNodeWeights)
            {
                WriteField(writer, _graph.WholeOutput[v]);
                WriteField(writer, _graph.FractionalOutput[v]);
                WriteField(writer, _graph.InternationalOutput[v]);
            }

            foreach (NodeColumn score in scores)
            {
                WriteField(writer, score.Values[v]);
            }

            writer.Write('\n');
            if ((v & 1023) == 1023)
            {
                yield return true;
            }
        }

        yield return true;
    }

    private static void WriteField(TextWriter writer, double value)
    {
        writer.Write('\t');
        if (!double.IsNaN(value))
        {
            writer.Write(Format(value));
        }
    }

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}

/// <summary>
/// Writes a VOSviewer network file: one line "id1 TAB id2 TAB strength" per link, ids being node id + 1 as in
/// the map file, no header.
/// </summary>
internal sealed class VosviewerNetworkWriter : GraphFormatWriter
{
    private readonly CoauthorshipGraph _graph;

    internal VosviewerNetworkWriter(CoauthorshipGraph graph)
        : base(null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
    }

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        int edge = 0;
        foreach (GraphLink link in _graph.Links)
        {
            writer.Write(Format(link.Source + 1));
            writer.Write('\t');
            writer.Write(Format(link.Target + 1));
            writer.Write('\t');
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
/// Writes a VOSviewer JSON file (read by VOSviewer 1.6.16+ and VOSviewer Online): <c>{"network": {"items": [...],
/// "links": [...]}}</c>. Each item has <c>id</c> (node id + 1), <c>label</c>, <c>cluster</c> (first partition + 1),
/// <c>weights</c> (Links, Total link strength, Documents = P, Fractional documents = F, International documents
/// = I) and <c>scores</c> (vector columns); each link has <c>source_id</c>, <c>target_id</c> and <c>strength</c>.
/// NaN values are left out.
/// </summary>
internal sealed class VosviewerJsonWriter : GraphFormatWriter
{
    private readonly CoauthorshipGraph _graph;

    internal VosviewerJsonWriter(CoauthorshipGraph graph, GraphExportOptions? options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ValidateAttributes(Options.Attributes, graph.NodeCount);
        _graph = graph;
    }

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        var (cluster, scores) = VosviewerColumns.Split(Options.Attributes);

        writer.Write("{\"network\":{\"items\":[");
        for (int v = 0; v < _graph.NodeCount; v++)
        {
            writer.Write(v == 0 ? "\n" : ",\n");
            writer.Write("{\"id\":");
            writer.Write(Format(v + 1));
            writer.Write(",\"label\":");
            writer.Write(JsonSerializer.Serialize(_graph.Labels[v]));
            if (cluster is not null)
            {
                writer.Write(",\"cluster\":");
                writer.Write(Format((int)cluster.Values[v] + 1));
            }

            writer.Write(",\"weights\":{\"Links\":");
            writer.Write(Format(_graph.Degree(v)));
            writer.Write(",\"Total link strength\":");
            writer.Write(Format(_graph.Strength(v)));
            if (Options.IncludeNodeWeights)
            {
                WriteMember(writer, "Documents", _graph.WholeOutput[v]);
                WriteMember(writer, "Fractional documents", _graph.FractionalOutput[v]);
                WriteMember(writer, "International documents", _graph.InternationalOutput[v]);
            }

            writer.Write('}');
            if (scores.Count > 0)
            {
                writer.Write(",\"scores\":{");
                bool first = true;
                foreach (NodeColumn score in scores)
                {
                    double value = score.Values[v];
                    if (double.IsNaN(value))
                    {
                        continue;
                    }

                    if (!first)
                    {
                        writer.Write(',');
                    }

                    first = false;
                    writer.Write(JsonSerializer.Serialize(score.Name));
                    writer.Write(':');
                    writer.Write(Format(value));
                }

                writer.Write('}');
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
            writer.Write("{\"source_id\":");
            writer.Write(Format(link.Source + 1));
            writer.Write(",\"target_id\":");
            writer.Write(Format(link.Target + 1));
            writer.Write(",\"strength\":");
            writer.Write(Format(link.Weight));
            writer.Write('}');
            if ((++edge & 1023) == 0)
            {
                yield return true;
            }
        }

        writer.Write("\n]}}\n");
        yield return true;
    }

    private static void WriteMember(TextWriter writer, string name, double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        writer.Write(",\"");
        writer.Write(name);
        writer.Write("\":");
        writer.Write(Format(value));
    }
}

/// <summary>How VOSviewer files use node columns: the first partition is the cluster, vector columns are scores.</summary>
internal static class VosviewerColumns
{
    internal static (NodeColumn? Cluster, List<NodeColumn> Scores) Split(IEnumerable<NodeColumn> attributes)
    {
        NodeColumn? cluster = null;
        var scores = new List<NodeColumn>();
        foreach (NodeColumn column in attributes)
        {
            if (column.IsPartition)
            {
                cluster ??= column;
            }
            else
            {
                scores.Add(column);
            }
        }

        return (cluster, scores);
    }
}
