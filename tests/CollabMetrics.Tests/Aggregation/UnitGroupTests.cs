using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Aggregation;

public class UnitGroupTests
{
    private const double Tolerance = 1e-12;
    private static readonly Unit CN = Country.China;
    private static readonly Unit US = Country.UnitedStates;
    private static readonly Unit PK = Country.Parse("PK");
    private static readonly Unit JP = Country.Parse("JP");
    private static readonly UnitGroup UsJapan = new("US+JP", [Country.UnitedStates, Country.Parse("JP")]);
    private static readonly Unit G = Unit.Group("US+JP");

    [Fact]
    public void Build_GroupOnMetricsVector_CountsEachPaperOnceForTheGroup()
    {
        var slice = CollaborationCube.Build(TestCorpora.MetricsVector(), new AggregationOptions { Groups = [UsJapan] }).All();

        // Papers meeting {US, JP}: P1, P4, P5, P7, P8, P9, P10; international among them: all but P8.
        slice[G].P.Should().Be(7);
        slice[G].I.Should().Be(6);
        slice[G].F.Should().BeApproximately((11.0 / 4) + (4.0 / 3), Tolerance);
        slice[G].E.Should().BeApproximately(13.0 / 3, Tolerance);

        // C_CN,G: P1, P4, P7, P9, P10 (P4 has both members and counts once, so not C_CN,US + C_CN,JP = 6).
        slice.Pair(CN, G).Copublications.Should().Be(5);
        slice.Pair(G, CN).Copublications.Should().Be(5);
        slice.Pair(US, G).Copublications.Should().Be(2, "US pairs with the rest of the group (JP): P4, P5");
        slice.Pair(JP, G).Copublications.Should().Be(2);
        slice.Pair(PK, G).Copublications.Should().Be(2);
        slice[G].LinkTotal.Should().Be(5 + 2 + 2 + 2);

        // Fractional weights add over members; the Nature Index score counts CN's credit once per paper.
        slice.Pair(CN, G).CountrySet.Should().BeApproximately(4, Tolerance);
        slice.Pair(CN, G).Author.Should().BeApproximately(2 + 1.5, Tolerance);
        slice.Pair(CN, G).NatureIndexScore.Should().BeApproximately(25.0 / 6, Tolerance);
    }

    [Fact]
    public void Build_Group_LeavesRealCountsUnchanged()
    {
        var plain = CollaborationCube.Build(TestCorpora.MetricsVector());
        var grouped = CollaborationCube.Build(TestCorpora.MetricsVector(), new AggregationOptions { Groups = [UsJapan] });

        grouped.All().N.Should().Be(plain.All().N);
        grouped.All().NInternational.Should().Be(plain.All().NInternational);
        grouped.All().T.Should().Be(plain.All().T);
        grouped.All().Units.Where(u => u.Unit.Kind == UnitKind.Country).Should().Equal(plain.All().Units);
        grouped.All().Pairs.Where(p => p.B.Kind == UnitKind.Country).Should().Equal(plain.All().Pairs);
        grouped.Units[^1].Should().Be(G);
    }

    [Fact]
    public void Build_GroupUnderGreaterChina_MapsMembersThroughThePolicy()
    {
        var publications = new[]
        {
            TestCorpora.FromCountries("W1", 2020, [["TW"], ["US"]]),
            TestCorpora.FromCountries("W2", 2020, [["CN"]]),
        };
        var options = new AggregationOptions { Territory = TerritoryPolicy.GreaterChina, Groups = [new UnitGroup("Taiwan", [Country.Taiwan])] };

        var slice = CollaborationCube.Build(publications, options).All();

        slice[Unit.Group("Taiwan")].P.Should().Be(2, "TW counts as CN, so the group {TW} is the unit CN");
        slice.Pair(US, Unit.Group("Taiwan")).Copublications.Should().Be(1);
    }

    [Fact]
    public void ReadyMadeGroups_HaveTheDocumentedMembers()
    {
        UnitGroups.FiveEyes.Members.Select(c => c.Code).Should().BeEquivalentTo("AU", "CA", "GB", "NZ", "US");
        UnitGroups.EU27.Members.Should().HaveCount(27).And.OnlyHaveUniqueItems().And.NotContain(Country.UnitedKingdom);
        UnitGroups.EU27.Members.Select(c => c.Code).Should().Contain(["DE", "FR", "HR", "IE", "MT"]);
        UnitGroups.Quad.Members.Select(c => c.Code).Should().BeEquivalentTo("AU", "IN", "JP", "US");
        UnitGroups.G7.Members.Select(c => c.Code).Should().BeEquivalentTo("CA", "DE", "FR", "GB", "IT", "JP", "US");
        UnitGroups.Brics.Members.Select(c => c.Code).Should().BeEquivalentTo("BR", "RU", "IN", "CN", "ZA", "EG", "ET", "IR", "AE");
        UnitGroups.All.Select(g => g.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Equals_ComparesNameAndMembers()
    {
        var copy = new UnitGroup("Five Eyes", [.. UnitGroups.FiveEyes.Members]);

        copy.Should().Be(UnitGroups.FiveEyes);
        copy.GetHashCode().Should().Be(UnitGroups.FiveEyes.GetHashCode());
        (copy with { Name = "Other" }).Should().NotBe(UnitGroups.FiveEyes);
        new UnitGroup("Five Eyes", [Country.UnitedStates]).Should().NotBe(UnitGroups.FiveEyes);
    }
}
