namespace CollabMetrics.Aggregation;

/// <summary>How a publication labelled with several technologies counts in each technology slice.</summary>
/// <remarks>The all-technologies slice always counts each publication once, whatever the assignment.</remarks>
public enum TechnologyAssignment
{
    /// <summary>The default: a publication with three labels counts fully (1) in each of the three technology slices.</summary>
    Whole = 0,

    /// <summary>A publication with three labels counts 1/3 in each of the three technology slices.</summary>
    Fractional = 1,
}

/// <summary>The names of <see cref="TechnologyAssignment"/> values in files and result metadata: <c>whole</c>, <c>fractional</c>.</summary>
public static class TechnologyAssignments
{
    private static readonly EnumNameTable<TechnologyAssignment> s_names = new(
        "technology assignment",
        (TechnologyAssignment.Whole, "whole"),
        (TechnologyAssignment.Fractional, "fractional"));

    /// <summary>Every value, in declaration order.</summary>
    public static IReadOnlyList<TechnologyAssignment> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The name, such as <c>fractional</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this TechnologyAssignment assignment) => s_names.ToName(assignment, nameof(assignment));

    /// <summary>Reads a name, ignoring case, hyphens, underscores and spaces.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not a technology assignment; the message lists the names.</exception>
    public static TechnologyAssignment Parse(string name) => s_names.Parse(name);

    /// <summary>Tries to read a name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name, out TechnologyAssignment assignment) =>
        s_names.TryParse(name, out assignment);
}
