using System.Collections.Frozen;

namespace CollabMetrics.Graph;

/// <summary>
/// An immutable, thread-safe undirected co-authorship graph in compressed sparse rows: dense node ids
/// <c>0 .. NodeCount - 1</c>, each node's neighbours ascending in <see cref="Neighbors"/> with link weights beside
/// them, and labels and node weights (P, F, I) in arrays indexed by node id.
/// </summary>
/// <remarks>
/// <para>
/// Node <c>v</c> owns positions <c>Offsets[v] .. Offsets[v + 1] - 1</c> of <see cref="NeighborIds"/> and
/// <see cref="Weights"/>. Every link is stored twice (once per direction) with the same weight; there are no self
/// links and no duplicate links.
/// </para>
/// <para>Build one with <see cref="CoauthorshipGraphBuilder"/>, or from a corpus slice (see docs/graph.md).</para>
/// </remarks>
/// <example>
/// <code>
/// var builder = new CoauthorshipGraphBuilder(GraphLevel.Country);
/// int us = builder.AddNode("US", "United States", whole: 6);
/// int cn = builder.AddNode("CN", "China", whole: 9);
/// builder.AddLink(us, cn, 4);
/// CoauthorshipGraph graph = builder.Build();
/// double strength = graph.Strength(cn); // 4
/// </code>
/// </example>
public sealed partial class CoauthorshipGraph
{
    private readonly int[] _offsets;
    private readonly int[] _neighbors;
    private readonly double[] _weights;
    private readonly string[] _ids;
    private readonly string[] _labels;
    private System.Collections.ObjectModel.ReadOnlyCollection<string>? _idView;
    private System.Collections.ObjectModel.ReadOnlyCollection<string>? _labelView;
    private readonly double[] _whole;
    private readonly double[] _fractional;
    private readonly double[] _international;
    private FrozenDictionary<string, int>? _index;

    internal CoauthorshipGraph(
        GraphLevel level, int[] offsets, int[] neighbors, double[] weights, string[] ids, string[] labels,
        double[] whole, double[] fractional, double[] international, string? weighting, int? year)
    {
        Level = level;
        _offsets = offsets;
        _neighbors = neighbors;
        _weights = weights;
        _ids = ids;
        _labels = labels;
        _whole = whole;
        _fractional = fractional;
        _international = international;
        Weighting = weighting;
        Year = year;
    }

    /// <summary>What the nodes stand for.</summary>
    public GraphLevel Level { get; }

    /// <summary>The name of the counting method of the link weights (for example "Full"), or null when not known.</summary>
    public string? Weighting { get; }

    /// <summary>The year of this graph when it is one member of a <see cref="CoauthorshipGraphSeries"/>; otherwise null.</summary>
    public int? Year { get; }

    /// <summary>The number of nodes.</summary>
    public int NodeCount => _ids.Length;

    /// <summary>The number of (undirected) links.</summary>
    public int LinkCount => _neighbors.Length / 2;

    /// <summary>Row offsets: node v's neighbours are at <c>Offsets[v] .. Offsets[v + 1] - 1</c>; length NodeCount + 1.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>All rows of neighbour ids, concatenated (each row ascending).</summary>
    public ReadOnlySpan<int> NeighborIds => _neighbors;

    /// <summary>All rows of link weights, parallel to <see cref="NeighborIds"/>.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>Node ids as given to the builder (country code, institution key, author key).</summary>
    public IReadOnlyList<string> Ids => _idView ??= Array.AsReadOnly(_ids);

    /// <summary>Display labels (the id when no label was given).</summary>
    public IReadOnlyList<string> Labels => _labelView ??= Array.AsReadOnly(_labels);

    /// <summary>P, the whole output of each node (NaN when not given).</summary>
    public ReadOnlySpan<double> WholeOutput => _whole;

    /// <summary>F, the author-fractional output of each node (NaN when not given).</summary>
    public ReadOnlySpan<double> FractionalOutput => _fractional;

    /// <summary>I, the international output of each node (NaN when not given).</summary>
    public ReadOnlySpan<double> InternationalOutput => _international;

    /// <summary>The total weight of all links (each link once).</summary>
    public double TotalWeight
    {
        get
        {
            double sum = 0;
            foreach (double w in _weights)
            {
                sum += w;
            }

            return sum / 2;
        }
    }

    /// <summary>The node weights of one kind.</summary>
    /// <param name="weight">Which weight.</param>
    /// <returns>One value per node.</returns>
    public ReadOnlySpan<double> NodeWeights(NodeWeight weight) => weight switch
    {
        NodeWeight.Whole => _whole,
        NodeWeight.Fractional => _fractional,
        NodeWeight.International => _international,
        _ => throw new ArgumentOutOfRangeException(nameof(weight), weight, "Use Whole, Fractional or International."),
    };

    /// <summary>The neighbours of <paramref name="node"/>, ascending.</summary>
    /// <param name="node">A node id.</param>
    /// <returns>The neighbour ids.</returns>
    public ReadOnlySpan<int> Neighbors(int node)
    {
        CheckNode(node);
        return _neighbors.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);
    }

    /// <summary>The weights of the links of <paramref name="node"/>, parallel to <see cref="Neighbors"/>.</summary>
    /// <param name="node">A node id.</param>
    /// <returns>The link weights.</returns>
    public ReadOnlySpan<double> LinkWeights(int node)
    {
        CheckNode(node);
        return _weights.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);
    }

    /// <summary>The number of partners of <paramref name="node"/>.</summary>
    /// <param name="node">A node id.</param>
    /// <returns>The degree.</returns>
    public int Degree(int node)
    {
        CheckNode(node);
        return _offsets[node + 1] - _offsets[node];
    }

    /// <summary>The total weight of the links of <paramref name="node"/> (its total link strength).</summary>
    /// <param name="node">A node id.</param>
    /// <returns>The strength.</returns>
    public double Strength(int node)
    {
        double sum = 0;
        foreach (double w in LinkWeights(node))
        {
            sum += w;
        }

        return sum;
    }

    /// <summary>The weight of the link between two nodes, or 0 when they are not linked.</summary>
    /// <param name="source">A node id.</param>
    /// <param name="target">Another node id.</param>
    /// <returns>The link weight.</returns>
    public double Weight(int source, int target)
    {
        CheckNode(target);
        ReadOnlySpan<int> row = Neighbors(source);
        int at = row.BinarySearch(target);
        return at >= 0 ? _weights[_offsets[source] + at] : 0;
    }

    /// <summary>The id of the node with id <paramref name="id"/>, or -1.</summary>
    /// <param name="id">A node id as given to the builder.</param>
    /// <returns>The dense node id, or -1.</returns>
    public int IndexOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _index ??= BuildIndex(_ids);
        return _index.TryGetValue(id, out int node) ? node : -1;
    }

    /// <summary>The dense id of the node with id <paramref name="id"/>; throws when absent.</summary>
    /// <param name="id">A node id as given to the builder.</param>
    /// <returns>The dense node id.</returns>
    public int this[string id]
    {
        get
        {
            int node = IndexOf(id);
            if (node < 0)
            {
                GraphThrow.UnknownNode(id);
            }

            return node;
        }
    }

    /// <summary>Every link once, with <see cref="GraphLink.Source"/> &lt; <see cref="GraphLink.Target"/>, by source then target.</summary>
    public IEnumerable<GraphLink> Links
    {
        get
        {
            for (int v = 0; v < _ids.Length; v++)
            {
                for (int e = _offsets[v]; e < _offsets[v + 1]; e++)
                {
                    if (_neighbors[e] > v)
                    {
                        yield return new GraphLink(v, _neighbors[e], _weights[e]);
                    }
                }
            }
        }
    }

    /// <summary>"Country graph: 12 nodes, 30 links".</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"{Level} graph{(Year is int y ? $" {y}" : string.Empty)}: {NodeCount} nodes, {LinkCount} links";

    internal int[] RawOffsets => _offsets;

    internal int[] RawNeighbors => _neighbors;

    internal double[] RawWeights => _weights;

    internal void CheckNode(int node, string paramName = "node")
    {
        if ((uint)node >= (uint)_ids.Length)
        {
            GraphThrow.NodeOutOfRange(paramName, node, _ids.Length);
        }
    }

    private static FrozenDictionary<string, int> BuildIndex(string[] ids)
    {
        var map = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            map[ids[i]] = i;
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
