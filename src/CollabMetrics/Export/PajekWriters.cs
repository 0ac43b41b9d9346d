using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// Writes a Pajek network (.net), read by Pajek, igraph, networkx and VOSviewer: <c>*Vertices n</c> with
/// 1-based vertex numbers (node id + 1) and quoted labels (a double quote inside a label becomes a single
/// quote, which Pajek cannot escape), then <c>*Edges</c> lines "a b weight".
/// </summary>
internal sealed class PajekNetworkWriter : GraphFormatWriter
{
    private readonly CoauthorshipGraph _graph;

    internal PajekNetworkWriter(CoauthorshipGraph graph, GraphExportOptions? options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
    }

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        writer.Write("*Vertices ");
        writer.Write(Format(_graph.NodeCount));
        writer.Write('\n');
        for (int v = 0; v < _graph.NodeCount; v++)
        {
            writer.Write(Format(v + 1));
            writer.Write(" \"");
            writer.Write(_graph.Labels[v].Replace('"', '\'').Replace('\n', ' ').Replace('\r', ' '));
            writer.Write("\"\n");
            if ((v & 1023) == 1023)
            {
                yield return true;
            }
        }

        writer.Write("*Edges\n");
        int edge = 0;
        foreach (GraphLink link in _graph.Links)
        {
            writer.Write(Format(link.Source + 1));
            writer.Write(' ');
            writer.Write(Format(link.Target + 1));
            writer.Write(' ');
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
/// Writes a Pajek partition (.clu) or vector (.vec) for the vertices of a .net file written from the same graph:
/// <c>*Vertices n</c>, then one value per line in vertex order. Partitions are written as integers (community
/// numbers + 1, as Pajek numbers classes from 1); vectors as invariant-culture reals. Pajek has no missing-value
/// syntax: NaN in a vector is written as the sentinel 9999998.
/// </summary>
internal sealed class PajekColumnWriter : GraphFormatWriter
{
    /// <summary>The value written for NaN in a vector.</summary>
    internal const double MissingValue = GraphWriter.PajekMissingValue;

    private readonly NodeColumn _column;

    internal PajekColumnWriter(NodeColumn column)
        : base(null)
    {
        ArgumentNullException.ThrowIfNull(column);
        ValidateAttributes([column], column.Values.Count);
        _column = column;
    }

    /// <summary>A partition (.clu) or a vector (.vec).</summary>
    internal bool IsPartition => _column.IsPartition;

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        IReadOnlyList<double> values = _column.Values;
        writer.Write("*Vertices ");
        writer.Write(Format(values.Count));
        writer.Write('\n');
        for (int v = 0; v < values.Count; v++)
        {
            double value = values[v];
            writer.Write(_column.IsPartition ? Format((int)value + 1) : Format(double.IsNaN(value) ? MissingValue : value));
            writer.Write('\n');
            if ((v & 1023) == 1023)
            {
                yield return true;
            }
        }

        yield return true;
    }
}
