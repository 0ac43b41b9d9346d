namespace CollabMetrics.Graph;

/// <summary>
/// Reusable arrays for single-source shortest paths (BFS for hop counts, Dijkstra with distance = 1/weight),
/// with path counts and the settling order that Brandes' accumulation needs. One per worker thread.
/// </summary>
internal sealed class ShortestPathWorkspace
{
    private readonly int[] _offsets;
    private readonly int[] _neighbors;
    private readonly double[] _weights;
    private readonly PriorityQueue<int, double> _heap = new();

    internal ShortestPathWorkspace(CoauthorshipGraph graph)
    {
        _offsets = graph.RawOffsets;
        _neighbors = graph.RawNeighbors;
        _weights = graph.RawWeights;
        int n = graph.NodeCount;
        Distance = new double[n];
        Sigma = new double[n];
        Delta = new double[n];
        Order = new int[n];
        Array.Fill(Distance, double.PositiveInfinity);
    }

    /// <summary>Distance from the last source (+infinity when unreached); reset by <see cref="Reset"/>.</summary>
    internal double[] Distance { get; }

    /// <summary>Number of shortest paths from the last source.</summary>
    internal double[] Sigma { get; }

    /// <summary>Brandes' dependency accumulator.</summary>
    internal double[] Delta { get; }

    /// <summary>Reached nodes in non-decreasing distance order; the first <see cref="Reached"/> entries are valid.</summary>
    internal int[] Order { get; }

    internal int Reached { get; private set; }

    /// <summary>Hop-count shortest paths from <paramref name="source"/>.</summary>
    internal void Bfs(int source)
    {
        Reset();
        Distance[source] = 0;
        Sigma[source] = 1;
        Order[0] = source;
        int head = 0, tail = 1;
        while (head < tail)
        {
            int v = Order[head++];
            double next = Distance[v] + 1;
            for (int e = _offsets[v]; e < _offsets[v + 1]; e++)
            {
                int w = _neighbors[e];
                if (double.IsPositiveInfinity(Distance[w]))
                {
                    Distance[w] = next;
                    Order[tail++] = w;
                }

                if (Distance[w] == next)
                {
                    Sigma[w] += Sigma[v];
                }
            }
        }

        Reached = tail;
    }

    /// <summary>Weighted shortest paths from <paramref name="source"/>, a link of weight w being 1/w long.</summary>
    internal void Dijkstra(int source)
    {
        Reset();
        Distance[source] = 0;
        Sigma[source] = 1;
        _heap.Clear();
        _heap.Enqueue(source, 0);
        int settled = 0;
        while (_heap.TryDequeue(out int v, out double d))
        {
            if (d > Distance[v] || Delta[v] < 0)
            {
                continue; // stale entry, or already settled
            }

            Delta[v] = -1; // settled mark, cleared before accumulation
            Order[settled++] = v;
            for (int e = _offsets[v]; e < _offsets[v + 1]; e++)
            {
                int w = _neighbors[e];
                if (Delta[w] < 0)
                {
                    continue;
                }

                double alt = d + (1 / _weights[e]);
                if (alt < Distance[w])
                {
                    Distance[w] = alt;
                    Sigma[w] = Sigma[v];
                    _heap.Enqueue(w, alt);
                }
                else if (alt == Distance[w])
                {
                    Sigma[w] += Sigma[v];
                }
            }
        }

        Reached = settled;
        for (int i = 0; i < settled; i++)
        {
            Delta[Order[i]] = 0;
        }
    }

    /// <summary>Brandes' dependency accumulation after <see cref="Bfs"/> or <see cref="Dijkstra"/>; adds to <paramref name="centrality"/>.</summary>
    internal void Accumulate(bool weighted, double[] centrality)
    {
        for (int i = Reached - 1; i > 0; i--)
        {
            int w = Order[i];
            double coefficient = (1 + Delta[w]) / Sigma[w];
            double dw = Distance[w];
            for (int e = _offsets[w]; e < _offsets[w + 1]; e++)
            {
                int v = _neighbors[e];
                double through = weighted ? Distance[v] + (1 / _weights[e]) : Distance[v] + 1;
                if (through == dw && Distance[v] < dw)
                {
                    Delta[v] += Sigma[v] * coefficient;
                }
            }

            centrality[w] += Delta[w];
        }
    }

    private void Reset()
    {
        for (int i = 0; i < Reached; i++)
        {
            int v = Order[i];
            Distance[v] = double.PositiveInfinity;
            Sigma[v] = 0;
            Delta[v] = 0;
        }

        Reached = 0;
    }
}
