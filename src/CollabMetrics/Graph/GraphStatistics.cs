namespace CollabMetrics.Graph;

/// <summary>
/// Whole-graph measures: size, density, connected components, average clustering and diameters.
/// </summary>
/// <param name="NodeCount">Nodes, n.</param>
/// <param name="LinkCount">Links, m.</param>
/// <param name="TotalWeight">Sum of link weights.</param>
/// <param name="Density">2m / (n (n - 1)); NaN when n &lt; 2.</param>
/// <param name="ComponentCount">Connected components (an isolated node is a component).</param>
/// <param name="LargestComponentSize">Nodes in the largest component (0 for an empty graph).</param>
/// <param name="AverageClustering">Mean local clustering coefficient over the nodes with at least two partners; NaN when there are none.</param>
/// <param name="Diameter">
/// Longest shortest path in hops. When the graph is not connected, the diameter of the largest component
/// (ties: the component with the smallest node id); see <see cref="IsConnected"/>. NaN for an empty graph or when
/// diameters were not requested.
/// </param>
/// <param name="WeightedDiameter">The same with link lengths 1/weight.</param>
/// <example>
/// <code>
/// GraphStatistics stats = GraphStatistics.Of(graph);
/// Console.WriteLine($"{stats.NodeCount} nodes, density {stats.Density:F3}, diameter {stats.Diameter}");
/// </code>
/// </example>
public sealed record GraphStatistics(
    int NodeCount,
    int LinkCount,
    double TotalWeight,
    double Density,
    int ComponentCount,
    int LargestComponentSize,
    double AverageClustering,
    double Diameter,
    double WeightedDiameter)
{
    /// <summary>Whether the graph is connected (one component; an empty graph is not).</summary>
    public bool IsConnected => ComponentCount == 1;

    /// <summary>Computes the measures of <paramref name="graph"/>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="includeDiameters">
    /// Whether to compute the diameters: one shortest-path search per node of the largest component, O(n m).
    /// Pass false for graphs of hundreds of thousands of nodes.
    /// </param>
    /// <param name="options">Parallelism options; default when null.</param>
    /// <param name="progress">
    /// Receives the progress: phase <c>clustering</c> in nodes, then <c>diameter</c> and <c>weighted-diameter</c> in
    /// nodes searched from; possibly from several threads. Default none.
    /// </param>
    /// <param name="cancellationToken">Stops the computation (an <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>The measures.</returns>
    public static GraphStatistics Of(CoauthorshipGraph graph, bool includeDiameters = true, CentralityOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= CentralityOptions.Default;
        options.Validate();
        int n = graph.NodeCount;
        int[] component = Components(graph, out int componentCount);
        var sizes = new int[componentCount];
        foreach (int c in component)
        {
            sizes[c]++;
        }

        int largest = -1;
        for (int c = 0; c < componentCount; c++)
        {
            if (largest < 0 || sizes[c] > sizes[largest])
            {
                largest = c;
            }
        }

        double[] clustering = Centrality.LocalClustering(graph, options, progress, cancellationToken);
        double clusteringSum = 0;
        int defined = 0;
        foreach (double c in clustering)
        {
            if (!double.IsNaN(c))
            {
                clusteringSum += c;
                defined++;
            }
        }

        double diameter = double.NaN, weightedDiameter = double.NaN;
        if (includeDiameters && largest >= 0)
        {
            diameter = Eccentricity(graph, component, largest, weighted: false, options, new ProgressCounter(progress, "diameter", "nodes", n), cancellationToken);
            weightedDiameter = Eccentricity(graph, component, largest, weighted: true, options, new ProgressCounter(progress, "weighted-diameter", "nodes", n), cancellationToken);
        }

        return new GraphStatistics(
            n,
            graph.LinkCount,
            graph.TotalWeight,
            n < 2 ? double.NaN : 2.0 * graph.LinkCount / (n * (n - 1.0)),
            componentCount,
            largest < 0 ? 0 : sizes[largest],
            defined == 0 ? double.NaN : clusteringSum / defined,
            diameter,
            weightedDiameter);
    }

    /// <summary>
    /// The connected component of each node, numbered 0, 1, ... in order of each component's smallest node id.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="count">The number of components.</param>
    /// <returns>One component number per node.</returns>
    public static int[] Components(CoauthorshipGraph graph, out int count)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int n = graph.NodeCount;
        int[] offsets = graph.RawOffsets;
        int[] neighbors = graph.RawNeighbors;
        var component = new int[n];
        Array.Fill(component, -1);
        var queue = new int[n];
        count = 0;
        for (int s = 0; s < n; s++)
        {
            if (component[s] >= 0)
            {
                continue;
            }

            int head = 0, tail = 0;
            queue[tail++] = s;
            component[s] = count;
            while (head < tail)
            {
                int v = queue[head++];
                for (int e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    int w = neighbors[e];
                    if (component[w] < 0)
                    {
                        component[w] = count;
                        queue[tail++] = w;
                    }
                }
            }

            count++;
        }

        return component;
    }

    private static double Eccentricity(CoauthorshipGraph graph, int[] component, int target, bool weighted, CentralityOptions options, ProgressCounter counter, CancellationToken cancellationToken)
    {
        int n = graph.NodeCount;
        var eccentricity = new double[n];
        Parallel.For(
            0, n, options.Parallel(cancellationToken), () => new ShortestPathWorkspace(graph),
            (v, _, workspace) =>
            {
                counter.Add(1);
                if (component[v] != target)
                {
                    return workspace;
                }

                if (weighted)
                {
                    workspace.Dijkstra(v);
                }
                else
                {
                    workspace.Bfs(v);
                }

                eccentricity[v] = workspace.Distance[workspace.Order[workspace.Reached - 1]];
                return workspace;
            },
            static _ => { });
        double max = 0;
        foreach (double e in eccentricity)
        {
            max = Math.Max(max, e);
        }

        return max;
    }
}
