using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.Interactive.Tests;

/// <summary>
/// Four publications whose counts are easy by hand. 2020: W1 CN-US, W2 CN-US-JP, W3 CN alone; 2021: W4 CN-JP.
/// Focus CN, 2020: P = 3, I = 2; C(CN,US) = 2, C(CN,JP) = 1; partner shares US 2/2 = 1, JP 1/2 = 0.5.
/// 2021: T = 1, C_CN = C_JP = C(CN,JP) = 1; partner share of JP 1/1 = 1; RIC = (1/1) / ((1 - 1) / (1 - 1)) is
/// undefined (0/0 in the denominator); US is still listed as a partner, with C = 0, partner share 0/1 = 0 and
/// Salton 0 / sqrt(1 * 0) undefined.
/// </summary>
internal static class SmallCorpus
{
    public static Corpus Build() => Corpus.Build(
    [
        Paper("W1", 2020, "CN", "US"),
        Paper("W2", 2020, "CN", "US", "JP"),
        Paper("W3", 2020, "CN"),
        Paper("W4", 2021, "CN", "JP"),
    ]);

    private static Publication Paper(string id, int year, params string[] countries) => new()
    {
        Id = id,
        Year = year,
        Authors = [.. countries.Select(c => new Author { Affiliations = [new Affiliation { Country = Country.Parse(c) }] })],
    };
}
