using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Impact;

/// <summary>The ten-paper test vector of the impact reference (IMPACT.md): one year (2020), one technology ("T").</summary>
internal static class ImpactVector
{
    public static readonly Unit CN = Country.China;
    public static readonly Unit US = Country.UnitedStates;
    public static readonly Unit PK = Country.Parse("PK");
    public static readonly Unit GB = Country.Parse("GB");
    public static readonly Unit JP = Country.Parse("JP");

    /// <summary>Each paper's authors (their affiliation countries) and citation count (null = unknown).</summary>
    private static readonly (string[][] Authors, int? Citations)[] s_papers =
    [
        ([["CN"], ["US"]], 10),           // k1
        ([["CN"], ["CN"]], 3),            // k2
        ([["US"]], 0),                    // k3
        ([["CN"], ["PK"]], 10),           // k4
        ([["PK"]], 1),                    // k5
        ([["US"], ["GB"], ["CN"]], 25),   // k6
        ([["GB"]], 3),                    // k7
        ([["CN"]], null),                 // k8
        ([["JP"], ["CN", "US"]], 6),      // k9
        ([["US"]], 3),                    // k10
    ];

    public static IReadOnlyList<Publication> Publications(int year = 2020, string technology = "T") =>
        [.. s_papers.Select((p, i) => TestCorpora.FromCountries($"k{i + 1}", year, p.Authors, technology) with { Citations = p.Citations })];

    public static Corpus Corpus() => CollabMetrics.Corpus.Build(Publications());

    /// <summary>n / d, for exact expectations.</summary>
    public static double Q(double n, double d) => n / d;

    /// <summary>Asserts <paramref name="actual"/> equals <paramref name="expected"/> within 1e-12 relative (1e-15 absolute at 0).</summary>
    public static void Exact(double actual, double expected, string because)
    {
        double tolerance = Math.Max(1e-12 * Math.Abs(expected), 1e-15);
        actual.Should().BeApproximately(expected, tolerance, because);
    }
}
