using CollabMetrics.Graph;

namespace CollabMetrics.Tests.Graph;

/// <summary>Small graphs with hand-computed measures.</summary>
internal static class SmallGraphs
{
    /// <summary>Path a - b - c - d with the given link weights.</summary>
    public static CoauthorshipGraph Path(double ab = 1, double bc = 1, double cd = 1)
    {
        var builder = new CoauthorshipGraphBuilder();
        builder.AddLink("a", "b", ab);
        builder.AddLink("b", "c", bc);
        builder.AddLink("c", "d", cd);
        return builder.Build();
    }

    /// <summary>Star: centre "c" and leaves l1..l4.</summary>
    public static CoauthorshipGraph Star()
    {
        var builder = new CoauthorshipGraphBuilder();
        builder.AddNode("c");
        for (int i = 1; i <= 4; i++)
        {
            builder.AddLink("c", $"l{i}", 1);
        }

        return builder.Build();
    }

    /// <summary>Two 5-cliques (a0..a4, b0..b4) joined by the bridge a0 - b0.</summary>
    public static CoauthorshipGraph TwoCliques(double bridgeWeight = 1)
    {
        var builder = new CoauthorshipGraphBuilder();
        foreach (string side in new[] { "a", "b" })
        {
            for (int i = 0; i < 5; i++)
            {
                for (int j = i + 1; j < 5; j++)
                {
                    builder.AddLink($"{side}{i}", $"{side}{j}", 1);
                }
            }
        }

        builder.AddLink("a0", "b0", bridgeWeight);
        return builder.Build();
    }

    /// <summary>Triangle x0 x1 x2 with a pendant x3 on x0.</summary>
    public static CoauthorshipGraph TriangleWithPendant()
    {
        var builder = new CoauthorshipGraphBuilder();
        builder.AddLink("x0", "x1", 1);
        builder.AddLink("x1", "x2", 1);
        builder.AddLink("x0", "x2", 1);
        builder.AddLink("x0", "x3", 1);
        return builder.Build();
    }
}
