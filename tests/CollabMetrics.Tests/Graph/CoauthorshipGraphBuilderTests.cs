using CollabMetrics.Graph;

namespace CollabMetrics.Tests.Graph;

public class CoauthorshipGraphBuilderTests
{
    [Fact]
    public void Build_DuplicateLinksInBothDirections_AreSummed()
    {
        var builder = new CoauthorshipGraphBuilder(GraphLevel.Country, "Full");
        int us = builder.AddNode("US", "United States", whole: 6, fractional: 2.75, international: 5);
        int cn = builder.AddNode("CN", "China", whole: 9);
        int pk = builder.AddNode("PK");
        builder.AddLink(us, cn, 1);
        builder.AddLink(cn, us, 3);
        builder.AddLink(pk, cn, 4);

        CoauthorshipGraph graph = builder.Build();

        graph.NodeCount.Should().Be(3);
        graph.LinkCount.Should().Be(2);
        graph.Weight(us, cn).Should().Be(4);
        graph.Weight(cn, us).Should().Be(4);
        graph.Weight(us, pk).Should().Be(0);
        graph.Strength(cn).Should().Be(8);
        graph.Neighbors(cn).ToArray().Should().Equal(us, pk);
        graph.Labels.Should().Equal("United States", "China", "PK");
        graph.WholeOutput[us].Should().Be(6);
        graph.FractionalOutput[us].Should().Be(2.75);
        double.IsNaN(graph.WholeOutput[pk]).Should().BeTrue();
        graph["CN"].Should().Be(cn);
        graph.IndexOf("XX").Should().Be(-1);
        graph.TotalWeight.Should().Be(8);
        graph.Links.Should().Equal(new GraphLink(0, 1, 4), new GraphLink(1, 2, 4));
        graph.Offsets.ToArray().Should().Equal(0, 1, 3, 4);
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var builder = new CoauthorshipGraphBuilder();
        builder.Build();
        FluentActions.Invoking(() => builder.Build()).Should().Throw<InvalidOperationException>().WithMessage("*new CoauthorshipGraphBuilder*");
    }

    [Fact]
    public void AddLink_BadInput_ThrowsWithGuidance()
    {
        var builder = new CoauthorshipGraphBuilder();
        int a = builder.AddNode("a");
        int b = builder.AddNode("b");
        FluentActions.Invoking(() => builder.AddLink(a, a, 1)).Should().Throw<ArgumentException>().WithMessage("*itself*");
        FluentActions.Invoking(() => builder.AddLink(a, b, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => builder.AddLink(a, b, double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => builder.AddLink(a, 7, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => builder.AddNode("a")).Should().Throw<ArgumentException>().WithMessage("*already exists*");
    }

    [Fact]
    public void Build_RandomLinks_RowsAreSortedSymmetricAndSumToInput()
    {
        var random = new Random(7);
        var builder = new CoauthorshipGraphBuilder();
        for (int i = 0; i < 30; i++)
        {
            builder.AddNode($"n{i}");
        }

        var expected = new double[30, 30];
        for (int k = 0; k < 400; k++)
        {
            int a = random.Next(30), b = random.Next(30);
            if (a == b)
            {
                continue;
            }

            double w = random.Next(1, 5);
            builder.AddLink(a, b, w);
            expected[a, b] += w;
            expected[b, a] += w;
        }

        CoauthorshipGraph graph = builder.Build();
        for (int a = 0; a < 30; a++)
        {
            graph.Neighbors(a).ToArray().Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            for (int b = 0; b < 30; b++)
            {
                graph.Weight(a, b).Should().Be(expected[a, b]);
            }
        }
    }
}
