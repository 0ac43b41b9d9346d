using System.Diagnostics.CodeAnalysis;

namespace CollabMetrics.Impact;

/// <summary>An impact figure that tables are ranked by and bootstrap intervals are given for.</summary>
public enum ImpactMeasure
{
    /// <summary>PP_top: the share of the unit's publications in the top x% (whole counting).</summary>
    PpTop = 0,

    /// <summary>The unit's share of the world's top x% papers (author-fractional): P_top_frac over the sum over all units.</summary>
    TopShare = 1,

    /// <summary>MNCS: the mean normalised citation score of the unit's publications (whole counting).</summary>
    Mncs = 2,
}

/// <summary>The name table of <see cref="ImpactMeasure"/>: <c>pp_top</c>, <c>top_share</c> and <c>mncs</c>, the column names.</summary>
public static class ImpactMeasures
{
    private static readonly EnumNameTable<ImpactMeasure> s_names = new(
        "impact measure",
        (ImpactMeasure.PpTop, "pp_top"),
        (ImpactMeasure.TopShare, "top_share"),
        (ImpactMeasure.Mncs, "mncs"));

    /// <summary>Every value, in declaration order.</summary>
    public static IReadOnlyList<ImpactMeasure> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The name, such as <c>top_share</c> (the column name of the measure).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this ImpactMeasure measure) => s_names.ToName(measure, nameof(measure));

    /// <summary>Reads a name, ignoring case, hyphens, underscores and spaces.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not an impact measure; the message lists the names.</exception>
    public static ImpactMeasure Parse(string name) => s_names.Parse(name);

    /// <summary>Tries to read a name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out ImpactMeasure measure) => s_names.TryParse(name, out measure);
}
