using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CollabMetrics.Graph;

namespace CollabMetrics.Benchmarks.Graph;

/// <summary>
/// Network measures and clustering of an author-like graph: n nodes in communities of 100, about 11 n link
/// additions (90% inside the community, 10% anywhere, weights 1-3), merged into distinct links by the builder.
/// Exact betweenness and closeness (O(n m)) are out of reach at this size; betweenness is benchmarked from
/// 16 pivot sources. Eigenvector centrality converges slowly on a graph of many near-equal dense communities
/// (a tiny spectral gap), so it is benchmarked for a fixed 100 power iterations.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class GraphBenchmarks
{
    private CoauthorshipGraph _graph = null!;

    [Params(1_000_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _graph = Generate(Nodes, linksPerNode: 11, communitySize: 100, seed: 20260101);
        Console.WriteLine($"// Graph: {_graph.NodeCount} nodes, {_graph.LinkCount} distinct links");
    }

    [Benchmark(Baseline = true)]
    public double[] Strength() => Centrality.Strength(_graph);

    [Benchmark]
    public CommunityPartition Louvain() => CommunityDetection.Louvain(_graph, CommunityOptions.Default with { Seed = 1 });

    [Benchmark]
    public CommunityPartition Leiden() => CommunityDetection.Leiden(_graph, CommunityOptions.Default with { Seed = 1 });

    [Benchmark]
    public double[] PageRank() => Centrality.PageRank(_graph, CentralityOptions.Default with { Tolerance = 1e-10 });

    [Benchmark]
    public double[] Eigenvector100Iterations() =>
        Centrality.Eigenvector(_graph, CentralityOptions.Default with { Tolerance = 1e-9, MaxIterations = 100 });

    [Benchmark]
    public double[] LocalClustering() => Centrality.LocalClustering(_graph);

    [Benchmark]
    public double[] BetweennessSampled16() => Centrality.Betweenness(_graph, CentralityOptions.Default with { Pivots = 16, Seed = 1 });

    [Benchmark]
    public double[] WeightedBetweennessSampled16() =>
        Centrality.Betweenness(_graph, CentralityOptions.Default with { Pivots = 16, Seed = 1, Weighted = true });

    [Benchmark]
    public int[] Components() => GraphStatistics.Components(_graph, out _);

    [Benchmark]
    public CoauthorshipGraph Build() => Generate(Nodes, linksPerNode: 11, communitySize: 100, seed: 20260101);

    /// <summary>A random graph with planted communities from a fixed seed.</summary>
    internal static CoauthorshipGraph Generate(int nodes, int linksPerNode, int communitySize, int seed)
    {
        var random = new Random(seed);
        var builder = new CoauthorshipGraphBuilder(GraphLevel.Author, "Full");
        for (int v = 0; v < nodes; v++)
        {
            builder.AddNode(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A{v}"));
        }

        long links = (long)nodes * linksPerNode;
        for (long k = 0; k < links; k++)
        {
            int a = random.Next(nodes);
            int b;
            if (random.NextDouble() < 0.9)
            {
                int start = a / communitySize * communitySize;
                b = start + random.Next(Math.Min(communitySize, nodes - start));
            }
            else
            {
                b = random.Next(nodes);
            }

            if (a != b)
            {
                builder.AddLink(a, b, 1 + random.Next(3));
            }
        }

        return builder.Build();
    }
}
