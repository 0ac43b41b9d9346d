namespace CollabMetrics.Graph;

/// <summary>
/// Modularity clustering of a <see cref="CoauthorshipGraph"/> by the Louvain and Leiden algorithms, with a
/// resolution parameter, an optional association-strength normalization (as VOSviewer) and a seed: the same
/// graph, options and seed always give the same partition.
/// </summary>
/// <example>
/// <code>
/// CommunityPartition communities = CommunityDetection.Leiden(graph, CommunityOptions.Default with { Resolution = 1.2, Seed = 42 });
/// Console.WriteLine($"{communities.Count} communities, Q = {communities.Modularity:F3}");
/// </code>
/// </example>
public static class CommunityDetection
{
    /// <summary>Clusters by the Louvain algorithm (local moving of nodes, then aggregation, until nothing moves).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; <see cref="CommunityOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the progress (phase <c>louvain</c>, in levels done); default none.</param>
    /// <param name="cancellationToken">Stops the clustering (an <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>The partition and its modularity.</returns>
    public static CommunityPartition Louvain(CoauthorshipGraph graph, CommunityOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(graph, options, CommunityAlgorithm.Louvain, progress, cancellationToken);

    /// <summary>
    /// Clusters by the Leiden algorithm: fast local moving, refinement of each community into well-connected
    /// subcommunities (greedy: each node joins the subcommunity with the largest non-negative gain, the limit of
    /// the randomness parameter θ → 0), aggregation by the refined partition, until nothing moves. Communities are
    /// guaranteed connected.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">Options; <see cref="CommunityOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the progress (phase <c>leiden</c>, in levels done); default none.</param>
    /// <param name="cancellationToken">Stops the clustering (an <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>The partition and its modularity.</returns>
    public static CommunityPartition Leiden(CoauthorshipGraph graph, CommunityOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(graph, options, CommunityAlgorithm.Leiden, progress, cancellationToken);

    /// <summary>
    /// The modularity with resolution γ of a partition: (1/2W) sum over ordered pairs i, j in the same community
    /// of (w(i,j) - γ s(i) s(j) / 2W), W the total link weight and s the strengths. NaN when W = 0.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="membership">A community number per node (any non-negative integers).</param>
    /// <param name="resolution">γ, default 1.</param>
    /// <returns>The modularity.</returns>
    public static double Modularity(CoauthorshipGraph graph, IReadOnlyList<int> membership, double resolution = 1)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(membership);
        if (membership.Count != graph.NodeCount)
        {
            GraphThrow.LengthMismatch(nameof(membership), membership.Count, graph.NodeCount);
        }

        int[] m = [.. membership];
        return Modularity(new Network(graph), m, resolution);
    }

    private static CommunityPartition Run(CoauthorshipGraph graph, CommunityOptions? options, CommunityAlgorithm algorithm, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= CommunityOptions.Default;
        options.Validate();
        if (options.Normalization == CommunityNormalization.AssociationStrength)
        {
            graph = NormalizeByAssociationStrength(graph);
        }

        var original = new Network(graph);
        var random = new Random(options.Seed);
        int n = original.NodeCount;
        var membership = new int[n]; // original node -> node of the current network
        for (int v = 0; v < n; v++)
        {
            membership[v] = v;
        }

        Network network = original;
        int[] partition = Singletons(n);
        string phase = algorithm == CommunityAlgorithm.Louvain ? "louvain" : "leiden";
        for (int level = 0; level < options.MaxLevels; level++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new WorkProgress { Phase = phase, Unit = "levels", Completed = level });
            int count = algorithm == CommunityAlgorithm.Louvain
                ? LocalMoving(network, partition, options.Resolution, random, cancellationToken)
                : FastLocalMoving(network, partition, options.Resolution, random, cancellationToken);
            if (count == network.NodeCount)
            {
                break; // every community is a single node: nothing more to aggregate
            }

            int[] grouping = partition;
            if (algorithm == CommunityAlgorithm.Leiden)
            {
                grouping = Refine(network, partition, options.Resolution, random, cancellationToken);
            }

            int groups = Renumber(grouping);
            var next = new int[groups];
            for (int v = 0; v < network.NodeCount; v++)
            {
                next[grouping[v]] = partition[v];
            }

            for (int v = 0; v < n; v++)
            {
                membership[v] = grouping[membership[v]];
            }

            network = network.Aggregate(grouping, groups);
            partition = next;
            Renumber(partition);
        }

        var result = new int[n];
        for (int v = 0; v < n; v++)
        {
            result[v] = partition[membership[v]];
        }

        int communities = RenumberBySize(result);
        return new CommunityPartition(result, communities, Modularity(original, result, options.Resolution), algorithm, options);
    }

    /// <summary>Replaces the link weights by their association strength 2W w(i,j)/(s(i) s(j)).</summary>
    internal static CoauthorshipGraph NormalizeByAssociationStrength(CoauthorshipGraph graph)
    {
        double[] strength = Centrality.Strength(graph);
        double total = 2 * graph.TotalWeight;
        int[] offsets = graph.RawOffsets;
        int[] neighbors = graph.RawNeighbors;
        double[] weights = graph.RawWeights;
        var normalized = new double[weights.Length];
        for (int v = 0; v < graph.NodeCount; v++)
        {
            for (int e = offsets[v]; e < offsets[v + 1]; e++)
            {
                normalized[e] = total * weights[e] / (strength[v] * strength[neighbors[e]]);
            }
        }

        return graph.WithWeights(normalized, "AssociationStrength");
    }

    private static double Modularity(Network network, int[] membership, double resolution)
    {
        double total = network.TotalWeight; // 2W: every link counted from both ends, plus twice the internal weight
        if (!(total > 0))
        {
            return double.NaN;
        }

        int communities = 0;
        foreach (int c in membership)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(membership));
            communities = Math.Max(communities, c + 1);
        }

        var internalWeight = new double[communities];
        var communityWeight = new double[communities];
        for (int v = 0; v < network.NodeCount; v++)
        {
            int c = membership[v];
            communityWeight[c] += network.NodeWeights[v];
            internalWeight[c] += 2 * network.SelfWeights[v];
            for (int e = network.Offsets[v]; e < network.Offsets[v + 1]; e++)
            {
                if (membership[network.Neighbors[e]] == c)
                {
                    internalWeight[c] += network.Weights[e];
                }
            }
        }

        double q = 0;
        for (int c = 0; c < communities; c++)
        {
            q += (internalWeight[c] / total) - (resolution * (communityWeight[c] / total) * (communityWeight[c] / total));
        }

        return q;
    }

    private static int[] Singletons(int n)
    {
        var partition = new int[n];
        for (int v = 0; v < n; v++)
        {
            partition[v] = v;
        }

        return partition;
    }

    private static int[] Permutation(int n, Random random)
    {
        int[] order = Singletons(n);
        random.Shuffle(order);
        return order;
    }

    /// <summary>Louvain local moving: sweeps in a random order until a sweep moves no node. Returns the number of non-empty communities.</summary>
    private static int LocalMoving(Network network, int[] partition, double resolution, Random random, CancellationToken cancellationToken)
    {
        int n = network.NodeCount;
        var mover = new Mover(network, partition, resolution);
        int[] order = Permutation(n, random);
        for (int sweep = 0; sweep < 1000; sweep++)
        {
            int moved = 0, seen = 0;
            foreach (int v in order)
            {
                if ((++seen & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (mover.MoveToBest(v))
                {
                    moved++;
                }
            }

            if (moved == 0)
            {
                break;
            }
        }

        return mover.NonEmpty;
    }

    /// <summary>Leiden fast local moving: a queue of nodes, re-queuing the neighbours of a moved node.</summary>
    private static int FastLocalMoving(Network network, int[] partition, double resolution, Random random, CancellationToken cancellationToken)
    {
        int n = network.NodeCount;
        var mover = new Mover(network, partition, resolution);
        var queue = new int[n];
        var queued = new bool[n];
        Permutation(n, random).CopyTo(queue, 0);
        Array.Fill(queued, true);
        int head = 0, size = n;
        long popped = 0;
        while (size > 0)
        {
            if ((++popped & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int v = queue[head];
            head = (head + 1) % n;
            size--;
            queued[v] = false;
            if (!mover.MoveToBest(v))
            {
                continue;
            }

            int c = partition[v];
            for (int e = network.Offsets[v]; e < network.Offsets[v + 1]; e++)
            {
                int u = network.Neighbors[e];
                if (!queued[u] && partition[u] != c)
                {
                    queued[u] = true;
                    queue[(head + size) % n] = u;
                    size++;
                }
            }
        }

        return mover.NonEmpty;
    }

    /// <summary>
    /// Leiden refinement: within each community, nodes start as singletons; in a random order, each node that is
    /// still a singleton and well connected to its community joins the well-connected subcommunity of the same
    /// community with the largest positive modularity gain.
    /// </summary>
    private static int[] Refine(Network network, int[] partition, double resolution, Random random, CancellationToken cancellationToken)
    {
        int n = network.NodeCount;
        double total = network.TotalWeight;
        var communityWeight = new double[n];
        var linkToOwn = new double[n];
        for (int v = 0; v < n; v++)
        {
            communityWeight[partition[v]] += network.NodeWeights[v];
            for (int e = network.Offsets[v]; e < network.Offsets[v + 1]; e++)
            {
                if (partition[network.Neighbors[e]] == partition[v])
                {
                    linkToOwn[v] += network.Weights[e];
                }
            }
        }

        int[] refined = Singletons(n);
        var refinedWeight = new double[n];
        var externalOfRefined = new double[n]; // weight from a subcommunity to the rest of its community
        var singleton = new bool[n];
        for (int v = 0; v < n; v++)
        {
            refinedWeight[v] = network.NodeWeights[v];
            externalOfRefined[v] = linkToOwn[v];
            singleton[v] = true;
        }

        var linkTo = new double[n];
        var touched = new int[n];
        int refinedCount = 0;
        foreach (int v in Permutation(n, random))
        {
            if ((++refinedCount & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (!singleton[v])
            {
                continue;
            }

            int c = partition[v];
            double kv = network.NodeWeights[v];
            double kc = communityWeight[c];
            if (linkToOwn[v] < resolution * kv * (kc - kv) / total)
            {
                continue; // not well connected to its community
            }

            int touchedCount = 0;
            for (int e = network.Offsets[v]; e < network.Offsets[v + 1]; e++)
            {
                int u = network.Neighbors[e];
                if (partition[u] != c || u == v)
                {
                    continue;
                }

                int r = refined[u];
                if (linkTo[r] == 0)
                {
                    touched[touchedCount++] = r;
                }

                linkTo[r] += network.Weights[e];
            }

            int best = v;
            double bestGain = 0;
            for (int i = 0; i < touchedCount; i++)
            {
                int r = touched[i];
                double kr = refinedWeight[r];
                if (externalOfRefined[r] >= resolution * kr * (kc - kr) / total)
                {
                    double gain = linkTo[r] - (resolution * kr * kv / total);
                    if (gain > bestGain || (gain == bestGain && best != v && r < best))
                    {
                        best = r;
                        bestGain = gain;
                    }
                }
            }

            if (best != v)
            {
                refined[v] = best;
                refinedWeight[v] -= kv;
                refinedWeight[best] += kv;
                externalOfRefined[best] += linkToOwn[v] - (2 * linkTo[best]);
                singleton[v] = false;
                singleton[best] = false;
            }

            for (int i = 0; i < touchedCount; i++)
            {
                linkTo[touched[i]] = 0;
            }
        }

        return refined;
    }

    /// <summary>Renumbers community ids to 0..k-1 in order of first appearance; returns k.</summary>
    private static int Renumber(int[] partition)
    {
        int max = -1;
        foreach (int c in partition)
        {
            max = Math.Max(max, c);
        }

        var map = new int[max + 1];
        Array.Fill(map, -1);
        int next = 0;
        for (int v = 0; v < partition.Length; v++)
        {
            int c = partition[v];
            if (map[c] < 0)
            {
                map[c] = next++;
            }

            partition[v] = map[c];
        }

        return next;
    }

    /// <summary>Renumbers communities by decreasing size, ties by first node; returns the count.</summary>
    private static int RenumberBySize(int[] partition)
    {
        int count = Renumber(partition);
        var sizes = new int[count];
        foreach (int c in partition)
        {
            sizes[c]++;
        }

        int[] order = Singletons(count);
        Array.Sort(order, (a, b) => sizes[a] != sizes[b] ? sizes[b].CompareTo(sizes[a]) : a.CompareTo(b));
        var rank = new int[count];
        for (int i = 0; i < count; i++)
        {
            rank[order[i]] = i;
        }

        for (int v = 0; v < partition.Length; v++)
        {
            partition[v] = rank[partition[v]];
        }

        return count;
    }

    /// <summary>Moves single nodes between communities, keeping community weights up to date.</summary>
    private sealed class Mover
    {
        private readonly Network _network;
        private readonly int[] _partition;
        private readonly double _resolution;
        private readonly double[] _communityWeight;
        private readonly int[] _communitySize;
        private readonly double[] _linkTo;
        private readonly int[] _touched;
        private readonly Stack<int> _empty = new();

        internal Mover(Network network, int[] partition, double resolution)
        {
            _network = network;
            _partition = partition;
            _resolution = resolution / network.TotalWeight;
            int n = network.NodeCount;
            _communityWeight = new double[n];
            _communitySize = new int[n];
            _linkTo = new double[n];
            _touched = new int[n];
            for (int v = 0; v < n; v++)
            {
                _communityWeight[partition[v]] += network.NodeWeights[v];
                _communitySize[partition[v]]++;
            }

            for (int c = n - 1; c >= 0; c--)
            {
                if (_communitySize[c] == 0)
                {
                    _empty.Push(c);
                }
            }

            NonEmpty = n - _empty.Count;
        }

        internal int NonEmpty { get; private set; }

        /// <summary>Moves v to the community with the largest gain (staying on ties); true when it moved.</summary>
        internal bool MoveToBest(int v)
        {
            int own = _partition[v];
            double kv = _network.NodeWeights[v];
            int touchedCount = 0;
            for (int e = _network.Offsets[v]; e < _network.Offsets[v + 1]; e++)
            {
                int c = _partition[_network.Neighbors[e]];
                if (_linkTo[c] == 0)
                {
                    _touched[touchedCount++] = c;
                }

                _linkTo[c] += _network.Weights[e];
            }

            _communityWeight[own] -= kv;
            _communitySize[own]--;
            int best = own;
            double bestGain = _linkTo[own] - (_resolution * _communityWeight[own] * kv);
            for (int i = 0; i < touchedCount; i++)
            {
                int c = _touched[i];
                double gain = _linkTo[c] - (_resolution * _communityWeight[c] * kv);
                if (gain > bestGain + (1e-12 * Math.Abs(bestGain)))
                {
                    best = c;
                    bestGain = gain;
                }
            }

            if (bestGain < 0 && _communitySize[own] > 0 && _empty.Count > 0)
            {
                best = _empty.Peek(); // alone is better than anywhere
            }

            for (int i = 0; i < touchedCount; i++)
            {
                _linkTo[_touched[i]] = 0;
            }

            if (best == own)
            {
                _communityWeight[own] += kv;
                _communitySize[own]++;
                return false;
            }

            if (_communitySize[best] == 0)
            {
                _empty.Pop();
                NonEmpty++;
            }

            _communityWeight[best] += kv;
            _communitySize[best]++;
            if (_communitySize[own] == 0)
            {
                _empty.Push(own);
                NonEmpty--;
            }

            _partition[v] = best;
            return true;
        }
    }

    /// <summary>A weighted network for clustering: rows without self links, self weights and node weights beside.</summary>
    private sealed class Network
    {
        internal Network(CoauthorshipGraph graph)
        {
            Offsets = graph.RawOffsets;
            Neighbors = graph.RawNeighbors;
            Weights = graph.RawWeights;
            SelfWeights = new double[graph.NodeCount];
            NodeWeights = Centrality.Strength(graph);
            double total = 0;
            foreach (double w in NodeWeights)
            {
                total += w;
            }

            TotalWeight = total;
        }

        private Network(int[] offsets, int[] neighbors, double[] weights, double[] selfWeights, double[] nodeWeights, double totalWeight)
        {
            Offsets = offsets;
            Neighbors = neighbors;
            Weights = weights;
            SelfWeights = selfWeights;
            NodeWeights = nodeWeights;
            TotalWeight = totalWeight;
        }

        internal int[] Offsets { get; }

        internal int[] Neighbors { get; }

        internal double[] Weights { get; }

        /// <summary>Weight of the links inside each (aggregated) node, each link once.</summary>
        internal double[] SelfWeights { get; }

        /// <summary>Total strength of the original nodes inside each node.</summary>
        internal double[] NodeWeights { get; }

        /// <summary>2W: the sum of all node weights.</summary>
        internal double TotalWeight { get; }

        internal int NodeCount => NodeWeights.Length;

        /// <summary>One node per group, links between groups summed, links inside a group kept as its self weight.</summary>
        internal Network Aggregate(int[] grouping, int groups)
        {
            int n = NodeCount;
            var memberStart = new int[groups + 1];
            foreach (int g in grouping)
            {
                memberStart[g + 1]++;
            }

            for (int g = 0; g < groups; g++)
            {
                memberStart[g + 1] += memberStart[g];
            }

            var fill = memberStart[..groups];
            var members = new int[n];
            for (int v = 0; v < n; v++)
            {
                members[fill[grouping[v]]++] = v;
            }

            var offsets = new int[groups + 1];
            var neighbors = new GrowableArray<int>(Math.Max(16, Neighbors.Length / 2));
            var weights = new GrowableArray<double>(Math.Max(16, Neighbors.Length / 2));
            var selfWeights = new double[groups];
            var nodeWeights = new double[groups];
            var linkTo = new double[groups];
            var touched = new int[groups];
            for (int g = 0; g < groups; g++)
            {
                int touchedCount = 0;
                double self = 0;
                for (int i = memberStart[g]; i < memberStart[g + 1]; i++)
                {
                    int v = members[i];
                    nodeWeights[g] += NodeWeights[v];
                    self += SelfWeights[v];
                    for (int e = Offsets[v]; e < Offsets[v + 1]; e++)
                    {
                        int h = grouping[Neighbors[e]];
                        if (h == g)
                        {
                            self += Weights[e] / 2;
                            continue;
                        }

                        if (linkTo[h] == 0)
                        {
                            touched[touchedCount++] = h;
                        }

                        linkTo[h] += Weights[e];
                    }
                }

                Array.Sort(touched, 0, touchedCount);
                offsets[g] = neighbors.Count;
                for (int i = 0; i < touchedCount; i++)
                {
                    neighbors.Add(touched[i]);
                    weights.Add(linkTo[touched[i]]);
                    linkTo[touched[i]] = 0;
                }

                selfWeights[g] = self;
            }

            offsets[groups] = neighbors.Count;
            return new Network(offsets, neighbors.Detach(), weights.Detach(), selfWeights, nodeWeights, TotalWeight);
        }
    }
}
