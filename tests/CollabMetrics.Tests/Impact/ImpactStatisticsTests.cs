using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Impact;
using static CollabMetrics.Tests.Impact.ImpactVector;

namespace CollabMetrics.Tests.Impact;

public class ImpactStatisticsTests
{
    private static ImpactStatistics Build(AggregationOptions? options = null) =>
        ImpactEngine.Build(ImpactVector.Corpus(), options ?? AggregationOptions.Default);

    [Fact]
    public void Slice_UnknownTechnology_ThrowsNamingIt()
    {
        var act = () => Build().Slice(SliceKey.ForAllYears("Quantum"), TopPercent.Ten);

        act.Should().Throw<ArgumentException>().WithMessage("*no technology 'Quantum'*such as 'T'*");
    }

    [Fact]
    public void Slice_YearWithoutReferenceSet_ThrowsInsteadOfAnEmptyTable()
    {
        var act = () => Build().Slice(SliceKey.ForYear(2031), TopPercent.Ten);

        act.Should().Throw<ArgumentException>().WithMessage("*2031*2020-2020*");
    }

    [Fact]
    public void Slice_WindowEndingBeforeItStarts_Throws()
    {
        var act = () => Build().Slice(SliceKey.ForWindow(2021, 2019), TopPercent.Ten);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Indexer_GroupNotAggregated_Throws()
    {
        var act = () => Build().Slice(SliceKey.ForAllYears(), TopPercent.Ten)[Unit.Group("Five Eyes")];

        act.Should().Throw<ArgumentException>().WithMessage("*not a group*");
    }

    [Fact]
    public void Indexer_TerritoryCountedAsChina_ThrowsNamingChina()
    {
        var slice = Build(AggregationOptions.Default with { Territory = TerritoryPolicy.GreaterChina }).Slice(SliceKey.ForAllYears(), TopPercent.Ten);

        var act = () => slice[Country.Parse("TW")];

        act.Should().Throw<ArgumentException>().WithMessage("*'TW' counts as 'CN'*");
    }

    [Fact]
    public void Indexer_CountryOfInstitutionStatistics_Throws()
    {
        var publications = ImpactVector.Publications().Select(p => p with
        {
            Authors = [.. p.Authors.Select(a => a with { Affiliations = [.. a.Affiliations.Select(f => f with { InstitutionId = $"I-{f.Country.Code}" })] })],
        });
        var statistics = ImpactEngine.Build(CollabMetrics.Corpus.Build(publications), AggregationOptions.Default with { Level = UnitLevel.Institution });
        var slice = statistics.Slice(SliceKey.ForAllYears(), TopPercent.Ten);

        var country = () => slice[CN];
        var absent = () => slice[Unit.Institution("I-FR")];

        country.Should().Throw<ArgumentException>().WithMessage("*by institution*");
        absent.Should().Throw<ArgumentException>().WithMessage("*I-FR*");
        slice[Unit.Institution("I-CN")].Publications.Should().Be(5);
    }

    [Fact]
    public void Slice_FiveEyesGroup_CountsEachPaperOnceWithItsMembersCredit()
    {
        // Five Eyes on the vector: US and GB. Papers k1, k3, k6, k7, k9, k10 (k6 once, with US and GB credit 2/3).
        var options = AggregationOptions.Default with { Groups = [UnitGroups.FiveEyes] };
        var slice = Build(options).Slice(SliceKey.ForYear(2020), TopPercent.Of(25));
        var eyes = slice[Unit.Group(UnitGroups.FiveEyes.Name)];

        eyes.Publications.Should().Be(6);
        Exact(eyes.FractionalPublications, Q(1, 2) + 1 + Q(2, 3) + 1 + Q(1, 4) + 1, "F_cit");
        Exact(eyes.TopPublications, Q(5, 8) + 1, "k1 and k6");
        Exact(eyes.TopShare, ((Q(5, 8) / 2) + Q(2, 3)) / Q(9, 4), "P_top_frac over the world");
        eyes.HIndex.Should().Be(3);
        slice.Concentration().Leader.Should().Be(CN, "groups are not ranked against their members");

        var cnEyes = slice.Pair(CN, Unit.Group(UnitGroups.FiveEyes.Name));
        cnEyes.Copublications.Should().Be(3, "k1, k6 and k9 have CN and a member");
        Exact(cnEyes.Mncs, Q(123, 61), "the same three papers as CN-US");
    }

    [Fact]
    public void Merge_DifferentOptions_Throws()
    {
        var act = () => ImpactStatistics.Merge(Build(), Build(AggregationOptions.Default with { Territory = TerritoryPolicy.GreaterChina }));

        act.Should().Throw<ArgumentException>().WithMessage("*aggregated differently*");
    }

    [Fact]
    public void Merge_TwoYears_WindowFlagsEachPaperInItsOwnYear()
    {
        // The same ten papers in 2020 and 2021: every figure of the window is the 2020 figure doubled (or the same ratio).
        var y2020 = ImpactEngine.Build(CollabMetrics.Corpus.Build(ImpactVector.Publications(2020)), AggregationOptions.Default);
        var y2021 = ImpactEngine.Build(CollabMetrics.Corpus.Build(ImpactVector.Publications(2021)), AggregationOptions.Default);
        var merged = ImpactStatistics.Merge(y2020, y2021);

        var window = merged.Slice(SliceKey.ForWindow(2020, 2021), TopPercent.Of(25));
        var year = y2020.Slice(SliceKey.ForYear(2020), TopPercent.Of(25));

        merged.Years.Should().Equal(2020, 2021);
        merged.Diagnostics.Publications.Should().Be(20);
        Exact(window[CN].TopPublications, 2 * year[CN].TopPublications, "P_top doubles");
        Exact(window[CN].Mncs, year[CN].Mncs, "MNCS is a mean");
        Exact(window[CN].TopShare, year[CN].TopShare, "shares are unchanged");
        window[CN].HIndex.Should().Be(6, "CN has 25, 25, 10, 10, 10, 10, 6, 6, 3, 3 over the two years");
    }
}
