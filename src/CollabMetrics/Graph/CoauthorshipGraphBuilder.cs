namespace CollabMetrics.Graph;

/// <summary>
/// Collects nodes and links and builds one immutable <see cref="CoauthorshipGraph"/>. Mutable, not thread-safe, used
/// once: <see cref="Build"/> may be called a single time.
/// </summary>
/// <remarks>
/// Links added more than once (in either direction) are merged by summing their weights, so per-publication
/// contributions can be added as they come.
/// </remarks>
/// <example>
/// <code>
/// var builder = new CoauthorshipGraphBuilder(GraphLevel.Author, weighting: "Full");
/// builder.AddLink("a1", "a2", 1);
/// builder.AddLink("a2", "a1", 1); // merged: weight 2
/// CoauthorshipGraph graph = builder.Build();
/// </code>
/// </example>
public sealed class CoauthorshipGraphBuilder
{
    private readonly GraphLevel _level;
    private readonly string? _weighting;
    private readonly int? _year;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private GrowableArray<string> _ids = new(16);
    private GrowableArray<string?> _labels = new(16);
    private GrowableArray<double> _whole = new(16);
    private GrowableArray<double> _fractional = new(16);
    private GrowableArray<double> _international = new(16);
    private GrowableArray<int> _sources = new(16);
    private GrowableArray<int> _targets = new(16);
    private GrowableArray<double> _linkWeights = new(16);
    private bool _built;

    /// <summary>Starts an empty graph.</summary>
    /// <param name="level">What the nodes stand for.</param>
    /// <param name="weighting">
    /// The name of the counting method of the link weights, if any. A <see cref="Aggregation.LinkWeighting"/> name in
    /// any spelling (<c>CountrySet</c>, <c>country_set</c>) is kept as the library spells it (<c>country-set</c>).
    /// </param>
    /// <param name="year">The year, when the graph is one member of a series.</param>
    public CoauthorshipGraphBuilder(GraphLevel level = GraphLevel.Other, string? weighting = null, int? year = null)
    {
        _level = level;
        _weighting = Aggregation.LinkWeightings.TryParse(weighting, out var known) ? Aggregation.LinkWeightings.ToName(known) : weighting;
        _year = year;
    }

    /// <summary>The number of nodes added so far.</summary>
    public int NodeCount => _ids.Count;

    /// <summary>Adds a node and returns its dense id (0, 1, 2, ... in order of addition).</summary>
    /// <param name="id">A unique id (country code, institution key, author key).</param>
    /// <param name="label">A display label; the id when null.</param>
    /// <param name="whole">P, whole output; NaN when not known.</param>
    /// <param name="fractional">F, author-fractional output; NaN when not known.</param>
    /// <param name="international">I, international output; NaN when not known.</param>
    /// <returns>The node id.</returns>
    public int AddNode(string id, string? label = null, double whole = double.NaN, double fractional = double.NaN, double international = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(id);
        EnsureOpen();
        int node = _ids.Count;
        if (!_index.TryAdd(id, node))
        {
            GraphThrow.DuplicateNode(id);
        }

        _ids.Add(id);
        _labels.Add(label);
        _whole.Add(whole);
        _fractional.Add(fractional);
        _international.Add(international);
        return node;
    }

    /// <summary>The id of the node with <paramref name="id"/>, adding it (without label or weights) when absent.</summary>
    /// <param name="id">A node id.</param>
    /// <returns>The dense node id.</returns>
    public int GetOrAddNode(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _index.TryGetValue(id, out int node) ? node : AddNode(id);
    }

    /// <summary>Adds <paramref name="weight"/> to the link between two nodes (in either order).</summary>
    /// <param name="source">A node id returned by <see cref="AddNode"/>.</param>
    /// <param name="target">Another node id.</param>
    /// <param name="weight">A finite positive weight.</param>
    /// <returns>This builder.</returns>
    public CoauthorshipGraphBuilder AddLink(int source, int target, double weight)
    {
        EnsureOpen();
        if ((uint)source >= (uint)_ids.Count)
        {
            GraphThrow.NodeOutOfRange(nameof(source), source, _ids.Count);
        }

        if ((uint)target >= (uint)_ids.Count)
        {
            GraphThrow.NodeOutOfRange(nameof(target), target, _ids.Count);
        }

        if (source == target)
        {
            GraphThrow.SelfLink(source);
        }

        if (!(weight > 0) || double.IsInfinity(weight))
        {
            GraphThrow.BadWeight(weight);
        }

        _sources.Add(source);
        _targets.Add(target);
        _linkWeights.Add(weight);
        return this;
    }

    /// <summary>Adds <paramref name="weight"/> to the link between two nodes given by id, adding absent nodes.</summary>
    /// <param name="source">A node id.</param>
    /// <param name="target">Another node id.</param>
    /// <param name="weight">A finite positive weight.</param>
    /// <returns>This builder.</returns>
    public CoauthorshipGraphBuilder AddLink(string source, string target, double weight) =>
        AddLink(GetOrAddNode(source), GetOrAddNode(target), weight);

    /// <summary>Builds the graph; the builder cannot be used afterwards.</summary>
    /// <returns>The immutable graph.</returns>
    public CoauthorshipGraph Build()
    {
        EnsureOpen();
        _built = true;
        string[] ids = _ids.Detach();
        string?[] rawLabels = _labels.Detach();
        var labels = new string[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            labels[i] = rawLabels[i] ?? ids[i];
        }

        int[] sources = _sources.Detach();
        int[] targets = _targets.Detach();
        double[] weights = _linkWeights.Detach();
        (int[] offsets, int[] neighbors, double[] linkWeights) = ToCompressedRows(ids.Length, sources, targets, weights);
        return new CoauthorshipGraph(
            _level, offsets, neighbors, linkWeights, ids, labels,
            _whole.Detach(), _fractional.Detach(), _international.Detach(), _weighting, _year);
    }

    /// <summary>Turns an undirected link list (duplicates allowed, no self links) into sorted, merged rows.</summary>
    internal static (int[] Offsets, int[] Neighbors, double[] Weights) ToCompressedRows(int n, int[] sources, int[] targets, double[] weights)
    {
        int count = sources.Length;
        var offsets = new int[n + 1];
        for (int e = 0; e < count; e++)
        {
            offsets[sources[e] + 1]++;
            offsets[targets[e] + 1]++;
        }

        for (int v = 0; v < n; v++)
        {
            offsets[v + 1] += offsets[v];
        }

        var fill = new int[n];
        Array.Copy(offsets, fill, n);
        var neighbors = new int[offsets[n]];
        var rowWeights = new double[offsets[n]];
        for (int e = 0; e < count; e++)
        {
            int a = sources[e], b = targets[e];
            neighbors[fill[a]] = b;
            rowWeights[fill[a]++] = weights[e];
            neighbors[fill[b]] = a;
            rowWeights[fill[b]++] = weights[e];
        }

        // Sort each row and merge duplicates in place; duplicates are summed in order of addition for determinism
        // (the stable sort below keeps additions in order).
        int write = 0;
        int maxRow = 0;
        for (int v = 0; v < n; v++)
        {
            maxRow = Math.Max(maxRow, offsets[v + 1] - offsets[v]);
        }

        var keys = new long[maxRow];
        var copy = new double[maxRow];
        var newOffsets = new int[n + 1];
        for (int v = 0; v < n; v++)
        {
            int start = offsets[v], end = offsets[v + 1];
            if (end - start > 1 && !IsStrictlyAscending(neighbors, start, end))
            {
                StableSortRow(neighbors, rowWeights, start, end, keys, copy);
            }

            newOffsets[v] = write;
            for (int e = start; e < end; e++)
            {
                if (write > newOffsets[v] && neighbors[write - 1] == neighbors[e])
                {
                    rowWeights[write - 1] += rowWeights[e];
                }
                else
                {
                    neighbors[write] = neighbors[e];
                    rowWeights[write] = rowWeights[e];
                    write++;
                }
            }
        }

        newOffsets[n] = write;
        if (write != neighbors.Length)
        {
            Array.Resize(ref neighbors, write);
            Array.Resize(ref rowWeights, write);
        }

        return (newOffsets, neighbors, rowWeights);
    }

    private static bool IsStrictlyAscending(int[] values, int start, int end)
    {
        for (int i = start + 1; i < end; i++)
        {
            if (values[i] <= values[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static void StableSortRow(int[] neighbors, double[] weights, int start, int end, long[] keys, double[] copy)
    {
        // Sort by (neighbour, position) so equal neighbours keep their order of addition.
        int length = end - start;
        for (int i = 0; i < length; i++)
        {
            keys[i] = ((long)neighbors[start + i] << 32) | (uint)i;
        }

        weights.AsSpan(start, length).CopyTo(copy);
        Array.Sort(keys, 0, length);
        for (int i = 0; i < length; i++)
        {
            int position = (int)(keys[i] & 0xFFFF_FFFF);
            neighbors[start + i] = (int)(keys[i] >> 32);
            weights[start + i] = copy[position];
        }
    }

    private void EnsureOpen()
    {
        if (_built)
        {
            GraphThrow.BuilderUsed();
        }
    }
}
