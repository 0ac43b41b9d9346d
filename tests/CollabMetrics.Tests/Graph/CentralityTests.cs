using CollabMetrics.Graph;

namespace CollabMetrics.Tests.Graph;

public class CentralityTests
{
    private const double Precision = 1e-9;

    [Fact]
    public void DegreeAndStrength_WeightedPath()
    {
        CoauthorshipGraph graph = SmallGraphs.Path(ab: 2, bc: 3, cd: 0.5);
        Centrality.Degree(graph).Should().Equal(1, 2, 2, 1);
        Centrality.Strength(graph).Should().Equal(2, 5, 3.5, 0.5);

        // n - 1 = 3.
        Centrality.NormalizedDegree(graph).Should().Equal(1 / 3.0, 2 / 3.0, 2 / 3.0, 1 / 3.0);
    }

    [Fact]
    public void Betweenness_Path_HandComputed()
    {
        // a-b-c-d. Pairs through b: (a,c), (a,d) -> 2; through c: (a,d), (b,d) -> 2; ends 0.
        // Normalized by (n-1)(n-2)/2 = 3: 2/3.
        CoauthorshipGraph graph = SmallGraphs.Path();
        Centrality.Betweenness(graph, CentralityOptions.Default with { Normalized = false }).Should().Equal(0, 2, 2, 0);
        Centrality.Betweenness(graph).Should().BeEquivalentTo(new[] { 0, 2 / 3.0, 2 / 3.0, 0 }, o => o.WithStrictOrdering().Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, Precision)).WhenTypeIs<double>());
    }

    [Fact]
    public void Betweenness_Star_CentreIsOnEveryPath()
    {
        // Centre: all C(4,2) = 6 leaf pairs; normalized 6 / (4*3/2) = 1. Leaves: 0.
        double[] b = Centrality.Betweenness(SmallGraphs.Star());
        b[0].Should().BeApproximately(1, Precision);
        b.Skip(1).Should().AllSatisfy(x => x.Should().Be(0));
    }

    [Fact]
    public void Betweenness_SplitShortestPaths_ShareTheCredit()
    {
        // Square a-b, b-d, a-c, c-d: two shortest a-d paths, via b and via c: each gets 1/2 for (a,d),
        // likewise a and d each get 1/2 for (b,c). Unnormalized: 0.5 each.
        var builder = new CoauthorshipGraphBuilder();
        builder.AddLink("a", "b", 1);
        builder.AddLink("b", "d", 1);
        builder.AddLink("a", "c", 1);
        builder.AddLink("c", "d", 1);
        Centrality.Betweenness(builder.Build(), CentralityOptions.Default with { Normalized = false }).Should().Equal(0.5, 0.5, 0.5, 0.5);
    }

    [Fact]
    public void Betweenness_Weighted_UsesInverseWeightsAsLengths()
    {
        // Triangle a-b (w 1), b-c (w 1), a-c (w 0.25). Lengths 1, 1, 4: the shortest a-c path is a-b-c (2 < 4),
        // so b lies on it: weighted betweenness of b = 1 (normalized by (3-1)(3-2)/2 = 1 as well). Unweighted: 0.
        var builder = new CoauthorshipGraphBuilder();
        builder.AddLink("a", "b", 1);
        builder.AddLink("b", "c", 1);
        builder.AddLink("a", "c", 0.25);
        CoauthorshipGraph graph = builder.Build();
        Centrality.Betweenness(graph, CentralityOptions.Default with { Weighted = true }).Should().Equal(0, 1, 0);
        Centrality.Betweenness(graph).Should().Equal(0, 0, 0);
    }

    [Fact]
    public void Betweenness_AllPivots_EqualsExact_AndSampledIsDeterministic()
    {
        CoauthorshipGraph graph = SmallGraphs.TwoCliques();
        double[] exact = Centrality.Betweenness(graph);
        double[] allPivots = Centrality.Betweenness(graph, CentralityOptions.Default with { Pivots = graph.NodeCount });
        allPivots.Should().Equal(exact);

        var sampled = CentralityOptions.Default with { Pivots = 4, Seed = 3 };
        Centrality.Betweenness(graph, sampled).Should().Equal(Centrality.Betweenness(graph, sampled with { MaxDegreeOfParallelism = 1 }));

        // The bridge ends a0 and b0: every a-b pair (minus those with a0 or b0 as an end) passes through both.
        // a0: pairs (a_i, b_j) with i != 0: 4 * 5 = 20; normalized by 9*8/2 = 36 -> 5/9.
        exact[graph["a0"]].Should().BeApproximately(20 / 36.0, Precision);
    }

    [Fact]
    public void Closeness_Path_HandComputed()
    {
        // a: distances 1, 2, 3 -> 3/6 = 0.5; b: 1, 1, 2 -> 3/4. Weighted (weights 2, 1, 1 -> lengths 0.5, 1, 1):
        // a: 0.5, 1.5, 2.5 -> 3/4.5; b: 0.5, 1, 2 -> 3/3.5.
        double[] c = Centrality.Closeness(SmallGraphs.Path());
        c.Should().Equal(0.5, 0.75, 0.75, 0.5);
        double[] w = Centrality.Closeness(SmallGraphs.Path(ab: 2), CentralityOptions.Default with { Weighted = true });
        w[0].Should().BeApproximately(3 / 4.5, Precision);
        w[1].Should().BeApproximately(3 / 3.5, Precision);
    }

    [Fact]
    public void Closeness_Disconnected_WassermanFaust()
    {
        // a-b and c alone, n = 3: a reaches 1 node at distance 1 -> (1/1) * (1/2) = 0.5; c reaches none -> 0.
        var builder = new CoauthorshipGraphBuilder();
        builder.AddLink("a", "b", 1);
        builder.AddNode("c");
        Centrality.Closeness(builder.Build()).Should().Equal(0.5, 0.5, 0);
    }

    [Fact]
    public void Eigenvector_Star_HandComputed()
    {
        // Star K1,4: λ = 2, centre x and leaves y with λ y = x and λ x = 4 y, so x = 2 y; x² + 4 y² = 1 gives
        // y = 1/√8 and x = 2/√8 = 1/√2.
        double[] e = Centrality.Eigenvector(SmallGraphs.Star());
        e[0].Should().BeApproximately(1 / Math.Sqrt(2), 1e-9);
        e.Skip(1).Should().AllSatisfy(y => y.Should().BeApproximately(1 / Math.Sqrt(8), 1e-9));
    }

    [Fact]
    public void Eigenvector_NoLinks_IsNaN()
    {
        var builder = new CoauthorshipGraphBuilder();
        builder.AddNode("a");
        Centrality.Eigenvector(builder.Build()).Should().AllSatisfy(x => double.IsNaN(x).Should().BeTrue());
    }

    [Fact]
    public void PageRank_Star_HandComputed()
    {
        // d = 0.85, n = 5. Each leaf gives all its rank to the centre; the centre splits its rank over 4 leaves:
        // c = 0.03 + 0.85 * 4 l, l = 0.03 + 0.85 c / 4 -> c = 0.132 / 0.2775 = 0.4756757, l = 0.03 + 0.2125 c.
        double[] p = Centrality.PageRank(SmallGraphs.Star());
        double c = 0.132 / 0.2775;
        p[0].Should().BeApproximately(c, 1e-9);
        p.Skip(1).Should().AllSatisfy(l => l.Should().BeApproximately(0.03 + (0.2125 * c), 1e-9));
        p.Sum().Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void PageRank_IsolatedNode_SpreadsUniformly()
    {
        // a-b and the isolated c. By symmetry a = b; c = 0.05 + 0.85 c / 3 (its rank teleports to everyone):
        // c (1 - 0.85/3) = 0.05 -> c = 0.05 / (1 - 0.2833333) = 0.0697674; a = b = (1 - c) / 2.
        var builder = new CoauthorshipGraphBuilder();
        builder.AddLink("a", "b", 1);
        builder.AddNode("c");
        double[] p = Centrality.PageRank(builder.Build());
        double c = 0.05 / (1 - (0.85 / 3));
        p[2].Should().BeApproximately(c, 1e-9);
        p[0].Should().BeApproximately((1 - c) / 2, 1e-9);
    }

    [Fact]
    public void LocalClustering_TriangleWithPendant()
    {
        // x0: partners x1, x2, x3 with one link among them (x1-x2): 1/3. x1, x2: 1. x3 has one partner: NaN.
        double[] c = Centrality.LocalClustering(SmallGraphs.TriangleWithPendant());
        c[0].Should().BeApproximately(1 / 3.0, Precision);
        c[1].Should().Be(1);
        c[2].Should().Be(1);
        double.IsNaN(c[3]).Should().BeTrue();
    }

    [Fact]
    public void Measures_Progress_ReportTheirPhaseUpToTheTotal()
    {
        CoauthorshipGraph graph = Ring(500);
        var reports = new Reports();

        var withProgress = Centrality.Betweenness(graph, progress: reports);
        Centrality.Closeness(graph, progress: reports);
        Centrality.LocalClustering(graph, progress: reports);
        Centrality.PageRank(graph, progress: reports);
        Centrality.Eigenvector(graph, progress: reports);

        withProgress.Should().Equal(Centrality.Betweenness(graph), "progress changes no value");
        var last = reports.Items.GroupBy(r => r.Phase).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Completed));
        last.Keys.Should().BeEquivalentTo(["betweenness", "closeness", "clustering", "pagerank", "eigenvector"]);
        last["betweenness"].Should().Be(new WorkProgress { Phase = "betweenness", Unit = "source nodes", Completed = 500, Total = 500 });
        last["closeness"].Completed.Should().Be(500);
        last["clustering"].Completed.Should().Be(500);
        last["pagerank"].Unit.Should().Be("iterations");
        last["pagerank"].Total.Should().BeNull("iterations stop on convergence");
        reports.Items.Count(r => r.Phase == "betweenness").Should().BeInRange(50, 101, "about one report a hundredth");
    }

    [Fact]
    public void Measures_CancelledToken_Throw()
    {
        CoauthorshipGraph graph = Ring(200);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        FluentActions.Invoking(() => Centrality.Betweenness(graph, cancellationToken: cancelled.Token)).Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => Centrality.Closeness(graph, cancellationToken: cancelled.Token)).Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => Centrality.PageRank(graph, cancellationToken: cancelled.Token)).Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => Centrality.Eigenvector(graph, cancellationToken: cancelled.Token)).Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => Centrality.LocalClustering(graph, cancellationToken: cancelled.Token)).Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Betweenness_CancelledWhileRunning_StopsBeforeTheEnd()
    {
        CoauthorshipGraph graph = Ring(2000);
        using var cancellation = new CancellationTokenSource();
        var reports = new Reports(r =>
        {
            if (r.Completed >= 100)
            {
                cancellation.Cancel();
            }
        });

        FluentActions.Invoking(() => Centrality.Betweenness(graph, CentralityOptions.Default with { MaxDegreeOfParallelism = 1 }, reports, cancellation.Token))
            .Should().Throw<OperationCanceledException>();
        reports.Items.Max(r => r.Completed).Should().BeLessThan(2000);
    }

    private static CoauthorshipGraph Ring(int n)
    {
        var builder = new CoauthorshipGraphBuilder();
        for (int v = 0; v < n; v++)
        {
            builder.AddLink($"n{v}", $"n{(v + 1) % n}", 1 + (v % 3));
        }

        return builder.Build();
    }

    /// <summary>Collects reports synchronously, from any thread.</summary>
    internal sealed class Reports(Action<WorkProgress>? onReport = null) : IProgress<WorkProgress>
    {
        private readonly Lock _gate = new();

        public List<WorkProgress> Items { get; } = [];

        public void Report(WorkProgress value)
        {
            lock (_gate)
            {
                Items.Add(value);
            }

            onReport?.Invoke(value);
        }
    }
}
