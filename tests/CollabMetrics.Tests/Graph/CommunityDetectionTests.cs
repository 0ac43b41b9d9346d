using CollabMetrics.Graph;

namespace CollabMetrics.Tests.Graph;

public class CommunityDetectionTests
{
    public static TheoryData<CommunityAlgorithm> Algorithms => [CommunityAlgorithm.Louvain, CommunityAlgorithm.Leiden];

    private static CommunityPartition Cluster(CommunityAlgorithm algorithm, CoauthorshipGraph graph, CommunityOptions? options = null) =>
        algorithm == CommunityAlgorithm.Louvain ? CommunityDetection.Louvain(graph, options) : CommunityDetection.Leiden(graph, options);

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Cluster_TwoCliquesAndBridge_SplitsIntoTheCliques(CommunityAlgorithm algorithm)
    {
        CoauthorshipGraph graph = SmallGraphs.TwoCliques();
        for (int seed = 0; seed < 5; seed++)
        {
            CommunityPartition partition = Cluster(algorithm, graph, CommunityOptions.Default with { Seed = seed });
            partition.Count.Should().Be(2);
            partition.Sizes.Should().Equal(5, 5);
            int a = partition.Membership[graph["a0"]];
            for (int i = 0; i < 5; i++)
            {
                partition.Membership[graph[$"a{i}"]].Should().Be(a);
                partition.Membership[graph[$"b{i}"]].Should().NotBe(a);
            }

            // W = 21; each clique has 10 internal links and strength 21: Q = 2 (10/21 - (21/42)^2) = 20/21 - 1/2.
            partition.Modularity.Should().BeApproximately((20 / 21.0) - 0.5, 1e-12);
            partition.Algorithm.Should().Be(algorithm);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Cluster_SameSeed_SamePartition(CommunityAlgorithm algorithm)
    {
        CoauthorshipGraph graph = PlantedPartition(seed: 11, groups: 6, size: 20);
        var options = CommunityOptions.Default with { Seed = 5 };
        Cluster(algorithm, graph, options).Membership.Should().Equal(Cluster(algorithm, graph, options).Membership);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Cluster_PlantedPartition_RecoversGroupsAndReportsItsModularity(CommunityAlgorithm algorithm)
    {
        CoauthorshipGraph graph = PlantedPartition(seed: 3, groups: 5, size: 24);
        CommunityPartition partition = Cluster(algorithm, graph, CommunityOptions.Default with { Seed = 1 });

        // Planted: node i belongs to group i / 24. Each found community must be one planted group.
        partition.Count.Should().Be(5);
        for (int v = 0; v < graph.NodeCount; v++)
        {
            partition.Membership[v].Should().Be(partition.Membership[v / 24 * 24]);
        }

        int[] planted = [.. Enumerable.Range(0, graph.NodeCount).Select(v => v / 24)];
        partition.Modularity.Should().BeApproximately(CommunityDetection.Modularity(graph, planted), 1e-12);
        partition.Modularity.Should().BeApproximately(NaiveModularity(graph, planted, 1), 1e-12);
    }

    [Fact]
    public void Leiden_HigherResolution_GivesMoreCommunities()
    {
        CoauthorshipGraph graph = PlantedPartition(seed: 3, groups: 5, size: 24);
        int low = CommunityDetection.Leiden(graph, CommunityOptions.Default with { Resolution = 0.05 }).Count;
        int high = CommunityDetection.Leiden(graph, CommunityOptions.Default with { Resolution = 8 }).Count;
        low.Should().BeLessThan(5);
        high.Should().BeGreaterThan(5);
    }

    [Fact]
    public void Leiden_CommunitiesAreConnected()
    {
        CoauthorshipGraph graph = PlantedPartition(seed: 9, groups: 8, size: 15);
        CommunityPartition partition = CommunityDetection.Leiden(graph, CommunityOptions.Default with { Resolution = 1.5, Seed = 2 });
        for (int c = 0; c < partition.Count; c++)
        {
            CoauthorshipGraph sub = graph.Subgraph(partition.Members(c));
            GraphStatistics.Components(sub, out int count);
            count.Should().Be(1);
        }
    }

    [Fact]
    public void Modularity_MatchesNaiveDefinition_WithResolution()
    {
        CoauthorshipGraph graph = SmallGraphs.TriangleWithPendant();
        int[] membership = [0, 0, 1, 1];
        CommunityDetection.Modularity(graph, membership, 0.7).Should().BeApproximately(NaiveModularity(graph, membership, 0.7), 1e-12);
    }

    [Fact]
    public void AssociationStrength_NormalizesBeforeClustering()
    {
        // Two cliques and the bridge a0-b0 of weight 1. Strengths: a0 = b0 = 5, others 4; W = 21, 2W = 42.
        // Bridge: 42/(5*5) = 1.68; a0-a1: 42/(5*4) = 2.1; a1-a2: 42/16 = 2.625. The cliques stay the clusters.
        CoauthorshipGraph graph = SmallGraphs.TwoCliques();
        CoauthorshipGraph normalized = CommunityDetection.NormalizeByAssociationStrength(graph);
        normalized.Weight(graph["a0"], graph["b0"]).Should().BeApproximately(1.68, 1e-12);
        normalized.Weight(graph["a0"], graph["a1"]).Should().BeApproximately(2.1, 1e-12);
        normalized.Weight(graph["a1"], graph["a2"]).Should().BeApproximately(2.625, 1e-12);
        normalized.Weighting.Should().Be("AssociationStrength");
        CommunityPartition partition = CommunityDetection.Leiden(graph, CommunityOptions.Default with { Normalization = CommunityNormalization.AssociationStrength });
        partition.Count.Should().Be(2);
        partition.Modularity.Should().BeApproximately(CommunityDetection.Modularity(normalized, partition.Membership), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Cluster_NoLinks_EachNodeAloneAndModularityUndefined(CommunityAlgorithm algorithm)
    {
        var builder = new CoauthorshipGraphBuilder();
        builder.AddNode("a");
        builder.AddNode("b");
        CommunityPartition partition = Cluster(algorithm, builder.Build());
        partition.Count.Should().Be(2);
        double.IsNaN(partition.Modularity).Should().BeTrue();
        Cluster(algorithm, new CoauthorshipGraphBuilder().Build()).Count.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Cluster_IsolatedNodeBesideCliques_StaysAlone(CommunityAlgorithm algorithm)
    {
        var builder = new CoauthorshipGraphBuilder();
        builder.AddNode("lonely");
        builder.AddLink("a", "b", 1);
        builder.AddLink("b", "c", 1);
        builder.AddLink("a", "c", 1);
        CommunityPartition partition = Cluster(algorithm, builder.Build());

        // The triangle is one community (size 3, numbered first), the isolated node another.
        partition.Sizes.Should().Equal(3, 1);
        partition.Membership[0].Should().Be(1);
    }

    [Fact]
    public void Options_BadResolution_Throws()
    {
        FluentActions.Invoking(() => CommunityDetection.Louvain(SmallGraphs.Star(), CommunityOptions.Default with { Resolution = 0 }))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    /// <summary>Q = (1/2W) sum over ordered pairs in the same community of (A_ij - γ s_i s_j / 2W), straight from the definition.</summary>
    internal static double NaiveModularity(CoauthorshipGraph graph, IReadOnlyList<int> membership, double resolution)
    {
        int n = graph.NodeCount;
        double[] s = [.. Enumerable.Range(0, n).Select(graph.Strength)];
        double twoW = s.Sum();
        double q = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (membership[i] == membership[j])
                {
                    q += graph.Weight(i, j) - (resolution * s[i] * s[j] / twoW);
                }
            }
        }

        return q / twoW;
    }

    /// <summary>Groups of nodes linked with probability 0.6 inside and 0.01 between.</summary>
    internal static CoauthorshipGraph PlantedPartition(int seed, int groups, int size)
    {
        var random = new Random(seed);
        var builder = new CoauthorshipGraphBuilder();
        int n = groups * size;
        for (int v = 0; v < n; v++)
        {
            builder.AddNode($"v{v}");
        }

        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++)
            {
                double p = a / size == b / size ? 0.6 : 0.01;
                if (random.NextDouble() < p)
                {
                    builder.AddLink(a, b, 1 + random.Next(3));
                }
            }
        }

        return builder.Build();
    }

    [Fact]
    public void LeidenAndLouvain_ProgressAndCancellation()
    {
        CoauthorshipGraph graph = SmallGraphs.TwoCliques();
        var reports = new CentralityTests.Reports();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var leiden = CommunityDetection.Leiden(graph, progress: reports);
        CommunityDetection.Louvain(graph, progress: reports);

        leiden.Membership.Should().Equal(CommunityDetection.Leiden(graph).Membership);
        reports.Items.Should().Contain(r => r.Phase == "leiden" && r.Unit == "levels" && r.Completed == 0);
        reports.Items.Should().Contain(r => r.Phase == "louvain" && r.Completed == 0);
        FluentActions.Invoking(() => CommunityDetection.Leiden(graph, cancellationToken: cancelled.Token)).Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => CommunityDetection.Louvain(graph, cancellationToken: cancelled.Token)).Should().Throw<OperationCanceledException>();
    }
}
