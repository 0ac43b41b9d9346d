namespace CollabMetrics.Graph;

public sealed partial class CoauthorshipGraph
{
    /// <summary>The graph without links lighter than <paramref name="minimum"/>; all nodes are kept.</summary>
    /// <param name="minimum">The smallest link weight kept.</param>
    /// <returns>A new graph.</returns>
    public CoauthorshipGraph WithMinimumLinkWeight(double minimum)
    {
        var keepEntry = new bool[_neighbors.Length];
        for (int e = 0; e < keepEntry.Length; e++)
        {
            keepEntry[e] = _weights[e] >= minimum;
        }

        return Filter(null, keepEntry);
    }

    /// <summary>
    /// The graph keeping, for each node, its <paramref name="k"/> heaviest links: a link stays when it is among the
    /// top k of either end. Ties at the k-th place are broken towards the smaller neighbour id. All nodes are kept.
    /// </summary>
    /// <param name="k">The number of links kept per node (at least 1).</param>
    /// <returns>A new graph.</returns>
    public CoauthorshipGraph WithTopLinks(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var keepEntry = new bool[_neighbors.Length];
        var order = new int[MaxDegree()];
        for (int v = 0; v < NodeCount; v++)
        {
            int start = _offsets[v], degree = _offsets[v + 1] - start;
            if (degree <= k)
            {
                for (int e = start; e < start + degree; e++)
                {
                    MarkBoth(keepEntry, v, e);
                }

                continue;
            }

            for (int i = 0; i < degree; i++)
            {
                order[i] = start + i;
            }

            // Rows are ascending by neighbour, so a stable sort by descending weight breaks ties by neighbour id.
            var span = order.AsSpan(0, degree);
            double[] weights = _weights;
            span.Sort((a, b) => weights[b] != weights[a] ? weights[b].CompareTo(weights[a]) : a.CompareTo(b));
            for (int i = 0; i < k; i++)
            {
                MarkBoth(keepEntry, v, span[i]);
            }
        }

        return Filter(null, keepEntry);
    }

    /// <summary>The subgraph of the nodes whose weight is at least <paramref name="minimum"/> (nodes with NaN weight are dropped).</summary>
    /// <param name="minimum">The smallest node weight kept.</param>
    /// <param name="weight">Which node weight: P (default), F or I.</param>
    /// <returns>A new graph; node ids are renumbered densely in the original order.</returns>
    public CoauthorshipGraph WithMinimumNodeOutput(double minimum, NodeWeight weight = NodeWeight.Whole)
    {
        ReadOnlySpan<double> values = NodeWeights(weight);
        var keepNode = new bool[NodeCount];
        for (int v = 0; v < keepNode.Length; v++)
        {
            keepNode[v] = values[v] >= minimum;
        }

        return Filter(keepNode, null);
    }

    /// <summary>The subgraph induced by the given nodes.</summary>
    /// <param name="nodes">Node ids to keep.</param>
    /// <returns>A new graph; node ids are renumbered densely in the original order.</returns>
    public CoauthorshipGraph Subgraph(IEnumerable<int> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var keepNode = new bool[NodeCount];
        foreach (int v in nodes)
        {
            CheckNode(v, nameof(nodes));
            keepNode[v] = true;
        }

        return Filter(keepNode, null);
    }

    /// <summary>
    /// The ego network of <paramref name="focus"/>: the focus and its partners, with the focus's links and, when
    /// <paramref name="includePartnerLinks"/> is true, the links among the partners.
    /// </summary>
    /// <param name="focus">The focus node id.</param>
    /// <param name="includePartnerLinks">Whether to keep links between partners .</param>
    /// <returns>A new graph; node ids are renumbered densely in the original order.</returns>
    public CoauthorshipGraph Ego(int focus, bool includePartnerLinks)
    {
        CheckNode(focus, nameof(focus));
        var keepNode = new bool[NodeCount];
        keepNode[focus] = true;
        for (int e = _offsets[focus]; e < _offsets[focus + 1]; e++)
        {
            keepNode[_neighbors[e]] = true;
        }

        bool[]? keepEntry = null;
        if (!includePartnerLinks)
        {
            keepEntry = new bool[_neighbors.Length];
            for (int e = _offsets[focus]; e < _offsets[focus + 1]; e++)
            {
                MarkBoth(keepEntry, focus, e);
            }
        }

        return Filter(keepNode, keepEntry);
    }

    /// <summary>The ego network of the node with id <paramref name="focusId"/> (see <see cref="Ego(int, bool)"/>).</summary>
    /// <param name="focusId">The focus node's id, for example "CN".</param>
    /// <param name="includePartnerLinks">Whether to keep links between partners .</param>
    /// <returns>A new graph.</returns>
    public CoauthorshipGraph Ego(string focusId, bool includePartnerLinks) => Ego(this[focusId], includePartnerLinks);

    /// <summary>The same nodes with new link weights (one per CSR entry, symmetric), used by normalizations.</summary>
    internal CoauthorshipGraph WithWeights(double[] weights, string weighting) =>
        new(Level, _offsets, _neighbors, weights, _ids, _labels, _whole, _fractional, _international, weighting, Year);

    private int MaxDegree()
    {
        int max = 0;
        for (int v = 0; v < NodeCount; v++)
        {
            max = Math.Max(max, _offsets[v + 1] - _offsets[v]);
        }

        return max;
    }

    /// <summary>Marks entry e of row v and its mirror entry in the neighbour's row.</summary>
    private void MarkBoth(bool[] keepEntry, int v, int e)
    {
        keepEntry[e] = true;
        int u = _neighbors[e];
        int at = _neighbors.AsSpan(_offsets[u], _offsets[u + 1] - _offsets[u]).BinarySearch(v);
        keepEntry[_offsets[u] + at] = true;
    }

    private CoauthorshipGraph Filter(bool[]? keepNode, bool[]? keepEntry)
    {
        int n = NodeCount;
        var map = new int[n];
        int kept = 0;
        for (int v = 0; v < n; v++)
        {
            map[v] = keepNode is null || keepNode[v] ? kept++ : -1;
        }

        var offsets = new int[kept + 1];
        var neighbors = new GrowableArray<int>(_neighbors.Length);
        var weights = new GrowableArray<double>(_neighbors.Length);
        var ids = new string[kept];
        var labels = new string[kept];
        var whole = new double[kept];
        var fractional = new double[kept];
        var international = new double[kept];
        for (int v = 0; v < n; v++)
        {
            int nv = map[v];
            if (nv < 0)
            {
                continue;
            }

            ids[nv] = _ids[v];
            labels[nv] = _labels[v];
            whole[nv] = _whole[v];
            fractional[nv] = _fractional[v];
            international[nv] = _international[v];
            offsets[nv] = neighbors.Count;
            for (int e = _offsets[v]; e < _offsets[v + 1]; e++)
            {
                int nu = map[_neighbors[e]];
                if (nu >= 0 && (keepEntry is null || keepEntry[e]))
                {
                    neighbors.Add(nu);
                    weights.Add(_weights[e]);
                }
            }
        }

        offsets[kept] = neighbors.Count;
        return new CoauthorshipGraph(
            Level, offsets, neighbors.Detach(), weights.Detach(), ids, labels, whole, fractional, international, Weighting, Year);
    }
}
