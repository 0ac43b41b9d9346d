namespace CollabMetrics.Graph;

/// <summary>What the nodes of a <see cref="CoauthorshipGraph"/> stand for.</summary>
public enum GraphLevel
{
    /// <summary>Nodes are countries (ISO 3166-1 alpha-2 codes as ids).</summary>
    Country = 0,

    /// <summary>Nodes are institutions (institution keys as ids).</summary>
    Institution = 1,

    /// <summary>Nodes are authors (author keys as ids).</summary>
    Author = 2,

    /// <summary>Nodes are anything else (a graph built from node and link lists).</summary>
    Other = 3,
}

/// <summary>The names of <see cref="GraphLevel"/> values in graph files: <c>country</c>, <c>institution</c>, <c>author</c>, <c>other</c>.</summary>
public static class GraphLevels
{
    private static readonly EnumNameTable<GraphLevel> s_names = new(
        "graph level",
        (GraphLevel.Country, "country"),
        (GraphLevel.Institution, "institution"),
        (GraphLevel.Author, "author"),
        (GraphLevel.Other, "other"));

    /// <summary>Every value, in declaration order.</summary>
    public static IReadOnlyList<GraphLevel> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The name, such as <c>country</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this GraphLevel level) => s_names.ToName(level, nameof(level));

    /// <summary>Reads a name, ignoring case.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not a level; the message lists the names.</exception>
    public static GraphLevel Parse(string name) => s_names.Parse(name);

    /// <summary>Tries to read a name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name, out GraphLevel level) =>
        s_names.TryParse(name, out level);
}
