using System.Text;
using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// Writes GML (Graph Modelling Language), read by Gephi, Cytoscape, igraph, networkx and yEd: <c>graph [
/// directed 0 node [ id 0 label "..." unitid "..." P 6.0 ... ] edge [ source 0 target 1 weight 4.0 ] ]</c>.
/// Node ids are the dense node ids. Strings are quoted with characters outside ASCII and <c>" &amp;</c> written as
/// HTML character entities, as the GML specification asks. NaN values are left out.
/// </summary>
internal sealed class GmlWriter : GraphFormatWriter
{
    private readonly CoauthorshipGraph _graph;

    internal GmlWriter(CoauthorshipGraph graph, GraphExportOptions? options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ValidateAttributes(Options.Attributes, graph.NodeCount);
        foreach (NodeColumn column in Options.Attributes)
        {
            if (!IsKey(column.Name))
            {
                throw new ArgumentException($"GML keys are letters and digits starting with a letter; rename attribute '{column.Name}'.", nameof(options));
            }
        }

        _graph = graph;
    }

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        List<(string Name, double[] Values)> weights = NodeWeightColumns(_graph, Options);
        writer.Write("graph [\n  directed 0\n");
        if (Options.Description is string description)
        {
            writer.Write("  comment ");
            writer.Write(Quote(description));
            writer.Write('\n');
        }

        for (int v = 0; v < _graph.NodeCount; v++)
        {
            writer.Write("  node [\n    id ");
            writer.Write(Format(v));
            writer.Write("\n    label ");
            writer.Write(Quote(_graph.Labels[v]));
            writer.Write("\n    unitid ");
            writer.Write(Quote(_graph.Ids[v]));
            writer.Write('\n');
            foreach ((string name, double[] values) in weights)
            {
                WriteReal(writer, name, values[v]);
            }

            foreach (NodeColumn column in Options.Attributes)
            {
                if (column.IsPartition)
                {
                    writer.Write("    ");
                    writer.Write(column.Name);
                    writer.Write(' ');
                    writer.Write(Format((int)column.Values[v]));
                    writer.Write('\n');
                }
                else
                {
                    WriteReal(writer, column.Name, column.Values[v]);
                }
            }

            writer.Write("  ]\n");
            if ((v & 1023) == 1023)
            {
                yield return true;
            }
        }

        int edge = 0;
        foreach (GraphLink link in _graph.Links)
        {
            writer.Write("  edge [\n    source ");
            writer.Write(Format(link.Source));
            writer.Write("\n    target ");
            writer.Write(Format(link.Target));
            writer.Write('\n');
            WriteReal(writer, "weight", link.Weight);
            writer.Write("  ]\n");
            if ((++edge & 1023) == 0)
            {
                yield return true;
            }
        }

        writer.Write("]\n");
        yield return true;
    }

    private static void WriteReal(TextWriter writer, string key, double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        writer.Write("    ");
        writer.Write(key);
        writer.Write(' ');

        // GML reals need a decimal point.
        string text = Format(value);
        writer.Write(text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0");
        writer.Write('\n');
    }

    private static bool IsKey(string name)
    {
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    internal static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (rune.Value == '"')
            {
                builder.Append("&quot;");
            }
            else if (rune.Value == '&')
            {
                builder.Append("&amp;");
            }
            else if (rune.Value < 32 || rune.Value > 126)
            {
                builder.Append("&#").Append(rune.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(';');
            }
            else
            {
                builder.Append((char)rune.Value);
            }
        }

        builder.Append('"');
        return builder.ToString();
    }
}
