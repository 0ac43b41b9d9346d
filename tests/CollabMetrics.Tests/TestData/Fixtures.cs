namespace CollabMetrics.Tests.TestData;

/// <summary>Paths of the real export files copied under Fixtures/ (see Fixtures/SOURCES.md for their provenance).</summary>
internal static class Fixtures
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string OpenAlexWorks50 => Path.Combine(Root, "openalex", "works-50.json");

    public static string WosPlain500 => Path.Combine(Root, "wos", "savedrecs-500.txt");

    public static string WosTab71 => Path.Combine(Root, "wos-tab", "savedrecs-71.txt");

    public static string Scopus58 => Path.Combine(Root, "scopus", "scopus-58.csv");

    public static string WosPlain500Countries => Path.Combine(Root, "wos", "savedrecs-500.countries.tsv");

    public static string WosTab71Countries => Path.Combine(Root, "wos-tab", "savedrecs-71.countries.tsv");

    public static string Scopus58Countries => Path.Combine(Root, "scopus", "scopus-58.countries.tsv");

    /// <summary>Addresses with the country each names, checked by reading (see the file's header for provenance).</summary>
    public static string GoldAddresses => Path.Combine(Root, "gold-addresses.tsv");
}
