using CollabMetrics.Aggregation;
using CollabMetrics.Impact;
using static CollabMetrics.Tests.Impact.ImpactVector;

namespace CollabMetrics.Tests.Impact;

public class ImpactSliceTests
{
    private static ImpactSlice Vector(double percent, string? technology = null) =>
        ImpactEngine.Build(ImpactVector.Corpus(), AggregationOptions.Default).Slice(SliceKey.ForYear(2020, technology), TopPercent.Of(percent));

    public static TheoryData<string?> Technologies => [null, "T"];

    [Theory]
    [MemberData(nameof(Technologies))]
    public void Units_VectorTopQuarter_EveryCellOfTheTable(string? technology)
    {
        var slice = Vector(25, technology);

        // unit, P_cit, F_cit, P_top, P_top_frac, PP_top, PP_top_frac, top_share, MNCS, MNCS frac, h (IMPACT.md).
        Row(slice[CN], 5, Q(31, 12), Q(9, 4), Q(23, 24), Q(9, 20), Q(23, 62), Q(23, 54), Q(486, 305), Q(2466, 1891), 4);
        Row(slice[US], 5, Q(37, 12), Q(13, 8), Q(31, 48), Q(13, 40), Q(31, 148), Q(31, 108), Q(396, 305), Q(1926, 2257), 3);
        Row(slice[PK], 2, Q(3, 2), Q(5, 8), Q(5, 16), Q(5, 16), Q(5, 24), Q(5, 36), Q(99, 122), Q(36, 61), 1);
        Row(slice[GB], 2, Q(4, 3), 1, Q(1, 3), Q(1, 2), Q(1, 4), Q(4, 27), Q(126, 61), Q(153, 122), 2);
        Row(slice[JP], 1, Q(1, 2), 0, 0, 0, 0, 0, Q(54, 61), Q(54, 61), 1);
        slice.Units.Select(u => u.Unit).Should().Equal(CN, GB, JP, PK, US);
    }

    [Fact]
    public void Units_VectorTopQuarter_ChinaAndUnitedStatesByCollaborationType()
    {
        var slice = Vector(25);

        // CN: k2 domestic; k1, k4 bilateral; k6, k9 multilateral. US: k3, k10 domestic.
        slice[CN].Domestic.Should().Be(new CollaborationTypeImpact(1, slice[CN].Domestic.Mncs, 0));
        Exact(slice[CN].Domestic.Mncs, Q(27, 61), "CN domestic MNCS");
        slice[CN].Bilateral.Publications.Should().Be(2);
        Exact(slice[CN].Bilateral.Mncs, Q(90, 61), "CN bilateral MNCS");
        Exact(slice[CN].Bilateral.PpTop, Q(5, 8), "CN bilateral PP_top");
        slice[CN].Multilateral.Publications.Should().Be(2);
        Exact(slice[CN].Multilateral.Mncs, Q(279, 122), "CN multilateral MNCS");
        Exact(slice[CN].Multilateral.PpTop, Q(1, 2), "CN multilateral PP_top");
        slice[US].Domestic.Publications.Should().Be(2);
        Exact(slice[US].Domestic.Mncs, Q(27, 122), "US domestic MNCS");
        slice[JP].Domestic.Should().Be(new CollaborationTypeImpact(0, double.NaN, double.NaN));
    }

    [Fact]
    public void Pair_VectorChinaUnitedStates_MncsTopShareAndAdvantage()
    {
        var pair = Vector(25).Pair(CN, US);

        pair.Copublications.Should().Be(3);
        Exact(pair.Mncs, Q(123, 61), "MNCS_XY");
        Exact(pair.PpTop, Q(13, 24), "PP_top_XY");
        Exact(pair.Advantage, Q(41, 9), "advantage over CN's domestic MNCS");
    }

    [Fact]
    public void PartnersOf_VectorChina_EveryPartnerWithItsCopublications()
    {
        var partners = Vector(25).PartnersOf(CN);

        partners.Select(p => (p.Partner, p.Copublications)).Should().Equal((GB, 1), (JP, 1), (PK, 1), (US, 3));
        partners.Should().OnlyContain(p => p.Focus == CN);
        Exact(partners[0].Mncs, Q(225, 61), "CN-GB is k6 alone");
        partners[0].PpTop.Should().Be(1);
    }

    [Fact]
    public void Concentration_VectorTopQuarter_HhiLeaderRatioAndTopFive()
    {
        var concentration = Vector(25).Concentration();

        Exact(concentration.Hhi, Q(593, 1944), "HHI");
        concentration.Leader.Should().Be(CN);
        Exact(concentration.LeaderRatio, Q(46, 31), "leader ratio");
        Exact(concentration.Top5, 1, "top 5");
    }

    [Theory]
    [MemberData(nameof(Technologies))]
    public void Units_VectorTopTenth_OnlyTheMostCitedPaperSharedByThree(string? technology)
    {
        var slice = Vector(10, technology);

        // tau = 25, theta = 9/10: only k6 (CN, US, GB, a third each).
        Exact(slice[CN].TopShare, Q(1, 3), "CN top share");
        Exact(slice[US].TopShare, Q(1, 3), "US top share");
        Exact(slice[GB].TopShare, Q(1, 3), "GB top share");
        slice[PK].TopShare.Should().Be(0);
        Exact(slice[CN].PpTop, Q(9, 50), "PP_top(CN)");
        Exact(slice[CN].PpTopFractional, Q(18, 155), "PP_top_frac(CN)");
        Exact(slice[CN].TopPublications, Q(9, 10), "P_top(CN) = theta");
        Exact(slice.WorldTopPublications, Q(9, 10), "x |R| = 9/10");

        var concentration = slice.Concentration();
        Exact(concentration.Hhi, Q(1, 3), "HHI");
        Exact(concentration.LeaderRatio, 1, "a three-way tie");
        concentration.Leader.Should().Be(CN, "ties are broken by whole top papers (equal here), then by code");
    }

    [Fact]
    public void Slice_VectorTopQuarter_WorldIsAQuarterOfTheNinePapersWithACount()
    {
        var slice = Vector(25);

        slice.ReferencePublications.Should().Be(9);
        Exact(slice.WorldTopPublications, Q(9, 4), "x |R|");
        slice.Units.Sum(u => u.TopShare).Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Unit_AbsentCountry_ZeroPublicationsAndUndefinedRatios()
    {
        var row = Vector(25)[CollabMetrics.Geography.Country.Parse("FR")];

        row.Publications.Should().Be(0);
        row.PpTop.Should().Be(double.NaN);
        row.Mncs.Should().Be(double.NaN);
        row.TopShare.Should().Be(0);
        row.HIndex.Should().Be(0);
    }

    [Fact]
    public void Pair_NoCopublications_ZeroAndUndefined()
    {
        var pair = Vector(25).Pair(PK, JP);

        pair.Copublications.Should().Be(0);
        pair.Mncs.Should().Be(double.NaN);
        pair.Advantage.Should().Be(double.NaN);
    }

    [Fact]
    public void Pair_FocusWithoutDomesticPublications_AdvantageUndefined()
    {
        // GB's only domestic paper is k7 (3 citations), JP has none: JP-CN's advantage is undefined.
        var slice = Vector(25);

        slice.Pair(JP, CN).Advantage.Should().Be(double.NaN);
        Exact(slice.Pair(GB, CN).Advantage, Q(225, 61) / Q(27, 61), "k6 over k7");
    }

    [Fact]
    public void Pair_FocusAsPartner_Throws()
    {
        var act = () => Vector(25).Pair(CN, CN);

        act.Should().Throw<ArgumentException>().WithMessage("*focus itself*");
    }

    private static void Row(
        UnitImpact row, double pCit, double fCit, double pTop, double pTopFractional, double ppTop, double ppTopFractional,
        double topShare, double mncs, double mncsFractional, int h)
    {
        string unit = row.Unit.Code;
        Exact(row.Publications, pCit, $"P_cit({unit})");
        Exact(row.FractionalPublications, fCit, $"F_cit({unit})");
        Exact(row.TopPublications, pTop, $"P_top({unit})");
        Exact(row.TopPublicationsFractional, pTopFractional, $"P_top_frac({unit})");
        Exact(row.PpTop, ppTop, $"PP_top({unit})");
        Exact(row.PpTopFractional, ppTopFractional, $"PP_top_frac({unit})");
        Exact(row.TopShare, topShare, $"top_share({unit})");
        Exact(row.Mncs, mncs, $"MNCS({unit})");
        Exact(row.MncsFractional, mncsFractional, $"MNCS frac({unit})");
        row.HIndex.Should().Be(h, $"h({unit})");
    }
}
