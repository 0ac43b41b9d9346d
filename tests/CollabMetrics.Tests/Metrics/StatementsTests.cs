using CollabMetrics.Metrics;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Tests.Metrics;

/// <summary>
/// The statements of docs/statements.md on a synthetic corpus whose bilateral trends are designed (see
/// <see cref="SyntheticCorpusOptions.DefaultTrends"/>): CN-US co-publications peak in 2019; CN-PK rises steeply and
/// overtakes CN-JP, which weakens.
/// </summary>
public class StatementsTests
{
    private static readonly Lazy<PartnerTable> China = new(() =>
        SyntheticCorpus.BuildCorpus(SyntheticCorpusOptions.Default with { Publications = 100_000 })
            .Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.PartnerShare));

    [Fact]
    public void Peak_ChinaUsCopublications_2019AsDesigned()
    {
        China.Value.Copublications("US").Peak()!.Year.Should().Be("2019");
    }

    [Fact]
    public void Crossovers_PakistanAndJapan_PakistanBelowFirstAboveLast()
    {
        var table = China.Value;

        (table.Find(2005, "PK")!.Rank ?? int.MaxValue).Should().BeGreaterThan(table.Find(2005, "JP")!.Rank!.Value);
        table.Find(2024, "Pakistan")!.Rank.Should().BeLessThan(table.Find(2024, "Japan")!.Rank!.Value);
        var crossovers = table.Crossovers("PK", "JP");
        crossovers.Should().NotBeEmpty();
        crossovers[^1].Overtaker.Code.Should().Be("PK");
        table.FirstCrossover("PK", "JP")!.Year.Should().Be(crossovers[0].Year);
    }

    [Fact]
    public void Change_ChinaUsAfterThePeak_Falls()
    {
        var change = China.Value.Copublications("US").Change(2024, 5);

        change.EarlierSlice.YearsLabel.Should().Be("2019");
        change.Ratio.Should().BeLessThan(1);
        change.Difference.Should().BeNegative();
    }
}
