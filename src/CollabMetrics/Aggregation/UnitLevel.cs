namespace CollabMetrics.Aggregation;

/// <summary>What a unit of analysis is: a country or an institution.</summary>
public enum UnitLevel
{
    /// <summary>The default: each affiliation counts for its country, after the <see cref="Geography.TerritoryPolicy"/>.</summary>
    Country = 0,

    /// <summary>Each affiliation counts for its canonical institution (one per institution id, else name).</summary>
    Institution = 1,
}

/// <summary>The names of <see cref="UnitLevel"/> values in files and result metadata: <c>country</c>, <c>institution</c>.</summary>
public static class UnitLevels
{
    private static readonly EnumNameTable<UnitLevel> s_names = new(
        "unit level",
        (UnitLevel.Country, "country"),
        (UnitLevel.Institution, "institution"));

    /// <summary>Every value, in declaration order.</summary>
    public static IReadOnlyList<UnitLevel> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The name, such as <c>institution</c>: also the name of the unit column of result tables.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this UnitLevel level) => s_names.ToName(level, nameof(level));

    /// <summary>Reads a name, ignoring case.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not a level; the message lists the names.</exception>
    public static UnitLevel Parse(string name) => s_names.Parse(name);

    /// <summary>Tries to read a name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name, out UnitLevel level) =>
        s_names.TryParse(name, out level);
}
