using CollabMetrics.Graph;
using CsCheck;

namespace CollabMetrics.Tests.Graph;

public class GraphPropertyTests
{
    private const long Iterations = 100;

    /// <summary>Random graphs of 1..20 nodes with up to 60 link additions of weight 1..4.</summary>
    private static readonly Gen<CoauthorshipGraph> Graphs =
        Gen.Int[1, 20].SelectMany(n => Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1], Gen.Int[1, 4]).Array[0, 60].Select(links =>
        {
            var builder = new CoauthorshipGraphBuilder();
            for (int v = 0; v < n; v++)
            {
                builder.AddNode($"v{v}");
            }

            foreach ((int a, int b, int w) in links)
            {
                if (a != b)
                {
                    builder.AddLink(a, b, w);
                }
            }

            return builder.Build();
        }));

    [Fact]
    public void Betweenness_SumEqualsSumOfInnerPathNodes_FloydWarshall()
    {
        // Sum over v of unnormalized betweenness = sum over connected pairs s < t of (d(s,t) - 1): every shortest
        // path has d - 1 inner nodes and the shares of one pair's paths sum to 1.
        Graphs.Sample(graph =>
        {
            int n = graph.NodeCount;
            var d = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    d[i, j] = i == j ? 0 : graph.Weight(i, j) > 0 ? 1 : double.PositiveInfinity;
                }
            }

            for (int k = 0; k < n; k++)
            {
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        d[i, j] = Math.Min(d[i, j], d[i, k] + d[k, j]);
                    }
                }
            }

            double expected = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    if (!double.IsPositiveInfinity(d[i, j]))
                    {
                        expected += d[i, j] - 1;
                    }
                }
            }

            Centrality.Betweenness(graph, CentralityOptions.Default with { Normalized = false }).Sum().Should().BeApproximately(expected, 1e-9);
        }, iter: Iterations);
    }

    [Fact]
    public void Measures_DoNotDependOnParallelism_AndAllPivotsIsExact()
    {
        Graphs.Sample(graph =>
        {
            var one = CentralityOptions.Default with { MaxDegreeOfParallelism = 1, Weighted = true };
            var many = one with { MaxDegreeOfParallelism = 4 };
            Centrality.Betweenness(graph, one).Should().Equal(Centrality.Betweenness(graph, many));
            Centrality.Betweenness(graph, many with { Pivots = Math.Max(1, graph.NodeCount) }).Should().Equal(Centrality.Betweenness(graph, many));
            Centrality.Closeness(graph, one).Should().Equal(Centrality.Closeness(graph, many));
            Centrality.PageRank(graph, one).Should().Equal(Centrality.PageRank(graph, many));
        }, iter: Iterations);
    }

    [Fact]
    public void PageRankSumsToOne_DegreesSumToTwiceTheLinks()
    {
        Graphs.Sample(graph =>
        {
            Centrality.PageRank(graph).Sum().Should().BeApproximately(1, 1e-9);
            Centrality.Degree(graph).Sum().Should().Be(2 * graph.LinkCount);
            Centrality.Strength(graph).Sum().Should().BeApproximately(2 * graph.TotalWeight, 1e-9);
        }, iter: Iterations);
    }

    [Fact]
    public void Communities_ModularityMatchesDefinition_LeidenCommunitiesConnected()
    {
        Graphs.Sample(graph =>
        {
            CommunityPartition louvain = CommunityDetection.Louvain(graph);
            CommunityPartition leiden = CommunityDetection.Leiden(graph, CommunityOptions.Default with { Resolution = 1.3 });
            if (graph.LinkCount > 0)
            {
                louvain.Modularity.Should().BeApproximately(CommunityDetectionTests.NaiveModularity(graph, louvain.Membership, 1), 1e-9);
                leiden.Modularity.Should().BeApproximately(CommunityDetectionTests.NaiveModularity(graph, leiden.Membership, 1.3), 1e-9);
            }

            louvain.Sizes.Sum().Should().Be(graph.NodeCount);
            for (int c = 0; c < leiden.Count; c++)
            {
                GraphStatistics.Components(graph.Subgraph(leiden.Members(c)), out int count);
                count.Should().Be(1);
            }
        }, iter: Iterations);
    }
}
