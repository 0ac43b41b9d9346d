namespace CollabMetrics.Graph;

/// <summary>
/// Node measures of a <see cref="CoauthorshipGraph"/>: degree, strength, normalized degree, betweenness
/// (unweighted, weighted, exact or from pivots), closeness, eigenvector centrality, PageRank and the local
/// clustering coefficient. Each returns one value per node id. Definitions are in docs/graph.md.
/// </summary>
/// <example>
/// <code>
/// double[] betweenness = Centrality.Betweenness(graph, CentralityOptions.Default with { Weighted = true });
/// double[] rank = Centrality.PageRank(graph);
/// </code>
/// </example>
public static class Centrality
{
    /// <summary>Chunks of sources for betweenness; fixed so that sums do not depend on the thread count.</summary>
    private const int MaxChunks = 16;

    /// <summary>The number of partners of each node.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>One value per node.</returns>
    public static int[] Degree(CoauthorshipGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ReadOnlySpan<int> offsets = graph.Offsets;
        var degree = new int[graph.NodeCount];
        for (int v = 0; v < degree.Length; v++)
        {
            degree[v] = offsets[v + 1] - offsets[v];
        }

        return degree;
    }

    /// <summary>The total link strength (sum of link weights) of each node.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>One value per node.</returns>
    public static double[] Strength(CoauthorshipGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int[] offsets = graph.RawOffsets;
        double[] weights = graph.RawWeights;
        var strength = new double[graph.NodeCount];
        for (int v = 0; v < strength.Length; v++)
        {
            double sum = 0;
            for (int e = offsets[v]; e < offsets[v + 1]; e++)
            {
                sum += weights[e];
            }

            strength[v] = sum;
        }

        return strength;
    }

    /// <summary>Degree divided by n - 1, the share of the other nodes a node is linked to (NaN when n &lt; 2).</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>One value per node.</returns>
    public static double[] NormalizedDegree(CoauthorshipGraph graph)
    {
        int[] degree = Degree(graph);
        int n = degree.Length;
        var result = new double[n];
        for (int v = 0; v < n; v++)
        {
            result[v] = n < 2 ? double.NaN : degree[v] / (double)(n - 1);
        }

        return result;
    }

    /// <summary>
    /// Betweenness centrality by Brandes' algorithm: for each node v, the sum over unordered pairs s != t (both
    /// != v) of the share of shortest s-t paths through v. With <see cref="CentralityOptions.Weighted"/>, a link of
    /// weight w has length 1/w. With <see cref="CentralityOptions.Pivots"/> = k, only k sources chosen by the seed
    /// are used and the sum is scaled by n/k. Normalized (default) divides by (n - 1)(n - 2)/2 (NaN when n &lt; 3).
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; <see cref="CentralityOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the progress (phase <c>betweenness</c>), possibly from several threads; default none.</param>
    /// <param name="cancellationToken">Stops the computation (an <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>One value per node.</returns>
    public static double[] Betweenness(CoauthorshipGraph graph, CentralityOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= CentralityOptions.Default;
        options.Validate();
        int n = graph.NodeCount;
        int[] sources = ChooseSources(n, options.Pivots, options.Seed);
        int chunks = Math.Min(sources.Length, MaxChunks);
        var partials = new double[chunks][];
        bool weighted = options.Weighted;
        var counter = new ProgressCounter(progress, "betweenness", "source nodes", sources.Length);
        Parallel.For(0, chunks, options.Parallel(cancellationToken), chunk =>
        {
            var workspace = new ShortestPathWorkspace(graph);
            var sum = new double[n];
            int from = (int)((long)chunk * sources.Length / chunks), to = (int)((long)(chunk + 1) * sources.Length / chunks);
            for (int i = from; i < to; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (weighted)
                {
                    workspace.Dijkstra(sources[i]);
                }
                else
                {
                    workspace.Bfs(sources[i]);
                }

                workspace.Accumulate(weighted, sum);
                counter.Add(1);
            }

            partials[chunk] = sum;
        });

        var result = new double[n];
        foreach (double[] partial in partials)
        {
            for (int v = 0; v < n; v++)
            {
                result[v] += partial[v];
            }
        }

        // Each unordered pair was counted from both ends; pivots estimate the sum over all n sources.
        double scale = 0.5 * n / sources.Length;
        if (options.Normalized)
        {
            scale = n < 3 ? double.NaN : scale * 2 / ((n - 1.0) * (n - 2.0));
        }

        for (int v = 0; v < n; v++)
        {
            result[v] *= scale;
        }

        return result;
    }

    /// <summary>
    /// Closeness centrality with the Wasserman-Faust correction for disconnected graphs:
    /// ((r - 1)/(n - 1)) * ((r - 1) / sum of distances to the r - 1 reachable nodes), where r counts the node and
    /// the nodes it reaches. A node that reaches no other node has 0; NaN when n &lt; 2. Hop counts, or 1/weight
    /// lengths with <see cref="CentralityOptions.Weighted"/>.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; <see cref="CentralityOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the progress (phase <c>closeness</c>), possibly from several threads; default none.</param>
    /// <param name="cancellationToken">Stops the computation (an <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>One value per node.</returns>
    public static double[] Closeness(CoauthorshipGraph graph, CentralityOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= CentralityOptions.Default;
        options.Validate();
        int n = graph.NodeCount;
        var result = new double[n];
        bool weighted = options.Weighted;
        var counter = new ProgressCounter(progress, "closeness", "source nodes", n);
        Parallel.For(
            0, n, options.Parallel(cancellationToken), () => new ShortestPathWorkspace(graph),
            (v, _, workspace) =>
            {
                if (weighted)
                {
                    workspace.Dijkstra(v);
                }
                else
                {
                    workspace.Bfs(v);
                }

                double total = 0;
                for (int i = 1; i < workspace.Reached; i++)
                {
                    total += workspace.Distance[workspace.Order[i]];
                }

                int others = workspace.Reached - 1;
                result[v] = n < 2 ? double.NaN : others == 0 ? 0 : others / total * (others / (n - 1.0));
                counter.Add(1);
                return workspace;
            },
            static _ => { });
        return result;
    }

    /// <summary>
    /// Eigenvector centrality: the principal eigenvector of the weighted adjacency matrix, with unit Euclidean
    /// norm, found by power iteration on A + I (the shift changes no eigenvector and avoids oscillation on
    /// bipartite graphs). NaN for every node when the graph has no links.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; <see cref="CentralityOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the progress (phase <c>eigenvector</c>), possibly from several threads; default none.</param>
    /// <param name="cancellationToken">Stops the computation (an <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>One value per node.</returns>
    public static double[] Eigenvector(CoauthorshipGraph graph, CentralityOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= CentralityOptions.Default;
        options.Validate();
        int n = graph.NodeCount;
        var x = new double[n];
        if (graph.LinkCount == 0)
        {
            Array.Fill(x, double.NaN);
            return x;
        }

        int[] offsets = graph.RawOffsets;
        int[] neighbors = graph.RawNeighbors;
        double[] weights = graph.RawWeights;
        Array.Fill(x, 1 / Math.Sqrt(n));
        var next = new double[n];
        var parallel = options.Parallel(cancellationToken);
        for (int iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new WorkProgress { Phase = "eigenvector", Unit = "iterations", Completed = iteration });
            double[] current = x;
            double[] target = next;
            Parallel.For(0, RangeCount(n), parallel, r =>
            {
                (int from, int to) = Range(r, n);
                for (int v = from; v < to; v++)
                {
                    double sum = current[v];
                    for (int e = offsets[v]; e < offsets[v + 1]; e++)
                    {
                        sum += weights[e] * current[neighbors[e]];
                    }

                    target[v] = sum;
                }
            });

            double norm = 0;
            for (int v = 0; v < n; v++)
            {
                norm += next[v] * next[v];
            }

            norm = Math.Sqrt(norm);
            double change = 0;
            for (int v = 0; v < n; v++)
            {
                next[v] /= norm;
                change += Math.Abs(next[v] - x[v]);
            }

            (x, next) = (next, x);
            if (change < options.Tolerance * n)
            {
                break;
            }
        }

        return x;
    }

    /// <summary>
    /// PageRank on the undirected weighted graph: p(v) = (1 - d)/n + d (sum over partners u of p(u) w(u,v)/s(u)
    /// + sum over isolated nodes z of p(z)/n), with damping d (default 0.85); the values sum to 1.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; <see cref="CentralityOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the progress (phase <c>pagerank</c>), possibly from several threads; default none.</param>
    /// <param name="cancellationToken">Stops the computation (an <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>One value per node.</returns>
    public static double[] PageRank(CoauthorshipGraph graph, CentralityOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= CentralityOptions.Default;
        options.Validate();
        int n = graph.NodeCount;
        if (n == 0)
        {
            return [];
        }

        int[] offsets = graph.RawOffsets;
        int[] neighbors = graph.RawNeighbors;
        double[] weights = graph.RawWeights;
        double[] strength = Strength(graph);
        double d = options.Damping;
        var p = new double[n];
        Array.Fill(p, 1.0 / n);
        var next = new double[n];
        var share = new double[n];
        var parallel = options.Parallel(cancellationToken);
        for (int iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new WorkProgress { Phase = "pagerank", Unit = "iterations", Completed = iteration });
            double dangling = 0;
            for (int v = 0; v < n; v++)
            {
                if (strength[v] > 0)
                {
                    share[v] = p[v] / strength[v];
                }
                else
                {
                    share[v] = 0;
                    dangling += p[v];
                }
            }

            double teleport = ((1 - d) / n) + (d * dangling / n);
            double[] target = next;
            Parallel.For(0, RangeCount(n), parallel, r =>
            {
                (int from, int to) = Range(r, n);
                for (int v = from; v < to; v++)
                {
                    double sum = 0;
                    for (int e = offsets[v]; e < offsets[v + 1]; e++)
                    {
                        sum += weights[e] * share[neighbors[e]];
                    }

                    target[v] = teleport + (d * sum);
                }
            });

            double change = 0;
            for (int v = 0; v < n; v++)
            {
                change += Math.Abs(next[v] - p[v]);
            }

            (p, next) = (next, p);
            if (change < options.Tolerance * n)
            {
                break;
            }
        }

        return p;
    }

    /// <summary>
    /// The local clustering coefficient (unweighted): the number of links among a node's partners divided by
    /// d(d - 1)/2. NaN for nodes with fewer than two partners, where it is undefined.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options (only the degree of parallelism is used); default when null.</param>
    /// <param name="progress">Receives the progress (phase <c>clustering</c>, in nodes), possibly from several threads; default none.</param>
    /// <param name="cancellationToken">Stops the computation (an <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>One value per node.</returns>
    public static double[] LocalClustering(CoauthorshipGraph graph, CentralityOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= CentralityOptions.Default;
        options.Validate();
        long[] triangles = Triangles(graph, options.Parallel(cancellationToken), new ProgressCounter(progress, "clustering", "nodes", graph.NodeCount));
        int[] offsets = graph.RawOffsets;
        var result = new double[graph.NodeCount];
        for (int v = 0; v < result.Length; v++)
        {
            long d = offsets[v + 1] - offsets[v];
            result[v] = d < 2 ? double.NaN : triangles[v] / (d * (d - 1) / 2.0);
        }

        return result;
    }

    /// <summary>The number of triangles through each node (links among its partners), by sorted-row intersection.</summary>
    internal static long[] Triangles(CoauthorshipGraph graph, ParallelOptions parallel, ProgressCounter? counter = null)
    {
        int n = graph.NodeCount;
        int[] offsets = graph.RawOffsets;
        int[] neighbors = graph.RawNeighbors;
        var triangles = new long[n];

        // Links among v's partners = (sum over partners u of |N(v) ∩ N(u)|) / 2.
        Parallel.For(0, RangeCount(n), parallel, r =>
        {
            parallel.CancellationToken.ThrowIfCancellationRequested();
            (int from, int to) = Range(r, n);
            for (int v = from; v < to; v++)
            {
                long count = 0;
                int vStart = offsets[v], vEnd = offsets[v + 1];
                for (int e = vStart; e < vEnd; e++)
                {
                    int u = neighbors[e];
                    int i = vStart, j = offsets[u], jEnd = offsets[u + 1];
                    while (i < vEnd && j < jEnd)
                    {
                        int a = neighbors[i], b = neighbors[j];
                        if (a == b)
                        {
                            count++;
                            i++;
                            j++;
                        }
                        else if (a < b)
                        {
                            i++;
                        }
                        else
                        {
                            j++;
                        }
                    }
                }

                triangles[v] = count / 2;
            }

            counter?.Add(to - from);
        });
        return triangles;
    }

    /// <summary>Number of fixed node ranges for parallel loops (independent of the thread count).</summary>
    internal static int RangeCount(int n) => Math.Max(1, Math.Min(256, (n + 4095) / 4096));

    internal static (int From, int To) Range(int r, int n)
    {
        int count = RangeCount(n);
        return ((int)((long)r * n / count), (int)((long)(r + 1) * n / count));
    }

    private static int[] ChooseSources(int n, int? pivots, int seed)
    {
        var all = new int[n];
        for (int i = 0; i < n; i++)
        {
            all[i] = i;
        }

        if (pivots is not int k || k >= n)
        {
            return all;
        }

        // Partial Fisher-Yates shuffle: the first k are a uniform sample without replacement.
        var random = new Random(seed);
        for (int i = 0; i < k; i++)
        {
            int j = random.Next(i, n);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var chosen = all.AsSpan(0, k).ToArray();
        Array.Sort(chosen);
        return chosen;
    }
}
