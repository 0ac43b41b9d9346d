using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.Tests.TestData;

/// <summary>Small hand-made corpora with known answers.</summary>
internal static class TestCorpora
{
    /// <summary>
    /// The twelve-paper test vector of the metrics reference (docs/concepts.md): one year (2020), one technology
    /// ("T"). Each inner array is one author's affiliation countries; an empty array is an author with no
    /// resolvable country.
    /// </summary>
    public static readonly string[][][] MetricsVectorAuthors =
    [
        [["CN"], ["CN"], ["US"]],        // P1
        [["CN"], ["PK"]],                // P2
        [["CN"], ["PK"], ["PK"]],        // P3
        [["CN"], ["US"], ["JP"]],        // P4
        [["US"], ["JP"]],                // P5
        [["CN"], ["CN"]],                // P6
        [["CN"], ["JP"]],                // P7
        [["US"]],                        // P8
        [["CN"], ["PK"], ["US"]],        // P9
        [["CN", "US"], ["PK"]],          // P10
        [[], ["CN"]],                    // P11
        [[]],                            // P12
    ];

    public static IReadOnlyList<Publication> MetricsVectorPublications(int year = 2020, string technology = "T") =>
        [.. MetricsVectorAuthors.Select((authors, i) => FromCountries($"P{i + 1}", year, authors, technology))];

    public static Corpus MetricsVector() => Corpus.Build(MetricsVectorPublications());

    /// <summary>A publication whose authors have the given affiliation countries (alpha-2 codes).</summary>
    public static Publication FromCountries(string id, int? year, string[][] authors, params string[] technologies) => new()
    {
        Id = id,
        Year = year,
        Technologies = technologies,
        Authors =
        [
            .. authors.Select((countries, position) => new Author
            {
                Id = $"{id}-A{position + 1}",
                IsCorresponding = position == 0,
                Affiliations = [.. countries.Select(c => new Affiliation { Country = Country.Parse(c) })],
            }),
        ],
    };
}
