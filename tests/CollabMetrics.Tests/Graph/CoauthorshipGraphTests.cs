using CollabMetrics.Graph;

namespace CollabMetrics.Tests.Graph;

public class CoauthorshipGraphTests
{
    private static CoauthorshipGraph Weighted()
    {
        // Star around "c" with weights 5, 3, 1, plus the link l1 - l2 of weight 2 and the isolated node "z".
        var builder = new CoauthorshipGraphBuilder(GraphLevel.Country);
        builder.AddNode("c", whole: 10);
        builder.AddNode("l1", whole: 6);
        builder.AddNode("l2", whole: 4);
        builder.AddNode("l3", whole: 1);
        builder.AddNode("z", whole: 2);
        builder.AddLink("c", "l1", 5);
        builder.AddLink("c", "l2", 3);
        builder.AddLink("c", "l3", 1);
        builder.AddLink("l1", "l2", 2);
        return builder.Build();
    }

    [Fact]
    public void WithMinimumLinkWeight_DropsLightLinksKeepsNodes()
    {
        CoauthorshipGraph graph = Weighted().WithMinimumLinkWeight(3);
        graph.NodeCount.Should().Be(5);
        graph.Links.Select(l => (graph.Ids[l.Source], graph.Ids[l.Target])).Should().BeEquivalentTo(new[] { ("c", "l1"), ("c", "l2") });
    }

    [Fact]
    public void WithTopLinks_KeepsLinksInTopKOfEitherEnd()
    {
        // k = 1: c keeps c-l1 (5); l1 keeps c-l1; l2 keeps c-l2 (3 > 2); l3 keeps c-l3. l1-l2 is nobody's top link.
        CoauthorshipGraph graph = Weighted().WithTopLinks(1);
        graph.Links.Select(l => (graph.Ids[l.Source], graph.Ids[l.Target])).Should().BeEquivalentTo(new[] { ("c", "l1"), ("c", "l2"), ("c", "l3") });
    }

    [Fact]
    public void WithMinimumNodeOutput_RenumbersAndKeepsInducedLinks()
    {
        CoauthorshipGraph graph = Weighted().WithMinimumNodeOutput(4);
        graph.Ids.Should().Equal("c", "l1", "l2");
        graph.LinkCount.Should().Be(3);
        graph.WholeOutput.ToArray().Should().Equal(10, 6, 4);
        graph.Weight(graph["l1"], graph["l2"]).Should().Be(2);
    }

    [Fact]
    public void Ego_WithAndWithoutPartnerLinks()
    {
        CoauthorshipGraph full = Weighted().Ego("l1", includePartnerLinks: true);
        full.Ids.Should().Equal("c", "l1", "l2");
        full.LinkCount.Should().Be(3);

        CoauthorshipGraph star = Weighted().Ego("l1", includePartnerLinks: false);
        star.Ids.Should().Equal("c", "l1", "l2");
        star.LinkCount.Should().Be(2);
        star.Weight(star["c"], star["l2"]).Should().Be(0);
    }

    [Fact]
    public void Series_SortsByYearAndRejectsDuplicates()
    {
        CoauthorshipGraph Year(int y)
        {
            var b = new CoauthorshipGraphBuilder(GraphLevel.Country, year: y);
            b.AddLink("a", "b", y);
            return b.Build();
        }

        var series = new CoauthorshipGraphSeries([Year(2021), Year(2019)]);
        series.Years.Should().Equal(2019, 2021);
        series.ForYear(2021).TotalWeight.Should().Be(2021);
        FluentActions.Invoking(() => series.ForYear(2020)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*2020*2019, 2021*");
        FluentActions.Invoking(() => new CoauthorshipGraphSeries([Year(2019), Year(2019)])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new CoauthorshipGraphSeries([SmallGraphs.Path()])).Should().Throw<ArgumentException>().WithMessage("*year*");
    }
}
