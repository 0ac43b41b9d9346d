using CollabMetrics.Graph;

namespace CollabMetrics.Tests.Graph;

public class GraphStatisticsTests
{
    [Fact]
    public void Of_WeightedPath_HandComputed()
    {
        // 4 nodes, 3 links: density 2*3/(4*3) = 0.5. Diameter 3 hops; weighted lengths 1, 1/2, 1/4 -> 1.75.
        // Clustering: b and c have 0 (their two partners are not linked); a and d are undefined -> average 0.
        GraphStatistics stats = GraphStatistics.Of(SmallGraphs.Path(ab: 1, bc: 2, cd: 4));
        stats.NodeCount.Should().Be(4);
        stats.LinkCount.Should().Be(3);
        stats.TotalWeight.Should().Be(7);
        stats.Density.Should().Be(0.5);
        stats.ComponentCount.Should().Be(1);
        stats.IsConnected.Should().BeTrue();
        stats.Diameter.Should().Be(3);
        stats.WeightedDiameter.Should().Be(1.75);
        stats.AverageClustering.Should().Be(0);
    }

    [Fact]
    public void Of_Disconnected_DiameterOfLargestComponent()
    {
        // Triangle with pendant (diameter 2: x1 - x0 - x3) plus a separate link p - q.
        var builder = new CoauthorshipGraphBuilder();
        builder.AddLink("x0", "x1", 1);
        builder.AddLink("x1", "x2", 1);
        builder.AddLink("x0", "x2", 1);
        builder.AddLink("x0", "x3", 1);
        builder.AddLink("p", "q", 1);
        GraphStatistics stats = GraphStatistics.Of(builder.Build());
        stats.ComponentCount.Should().Be(2);
        stats.IsConnected.Should().BeFalse();
        stats.LargestComponentSize.Should().Be(4);
        stats.Diameter.Should().Be(2);

        // Average over x0 (1/3), x1 (1), x2 (1); x3, p, q undefined: 7/9.
        stats.AverageClustering.Should().BeApproximately(7 / 9.0, 1e-12);
        GraphStatistics.Components(builder is null ? null! : SmallGraphs.Path(), out int count).Should().Equal(0, 0, 0, 0);
        count.Should().Be(1);
    }

    [Fact]
    public void Of_Empty_UndefinedValuesAreNaN()
    {
        GraphStatistics stats = GraphStatistics.Of(new CoauthorshipGraphBuilder().Build());
        stats.NodeCount.Should().Be(0);
        double.IsNaN(stats.Density).Should().BeTrue();
        double.IsNaN(stats.Diameter).Should().BeTrue();
        double.IsNaN(stats.AverageClustering).Should().BeTrue();
    }

    [Fact]
    public void Of_ProgressAndCancellation()
    {
        CoauthorshipGraph graph = SmallGraphs.TwoCliques();
        var reports = new CentralityTests.Reports();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var statistics = GraphStatistics.Of(graph, progress: reports);

        statistics.Should().Be(GraphStatistics.Of(graph));
        reports.Items.Should().Contain(r => r.Phase == "diameter" && r.Completed == graph.NodeCount && r.Total == graph.NodeCount);
        reports.Items.Should().Contain(r => r.Phase == "weighted-diameter");
        reports.Items.Should().Contain(r => r.Phase == "clustering");
        FluentActions.Invoking(() => GraphStatistics.Of(graph, cancellationToken: cancelled.Token)).Should().Throw<OperationCanceledException>();
    }
}
