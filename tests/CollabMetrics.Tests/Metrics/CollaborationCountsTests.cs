using CollabMetrics.Metrics;

namespace CollabMetrics.Tests.Metrics;

public class CollaborationCountsTests
{
    public static TheoryData<string, CollaborationIndex, double> FocusChina => MetricsVector.FocusChina;

    [Theory]
    [MemberData(nameof(FocusChina))]
    public void Value_MetricsVectorFocusChina_MatchesTable(string partner, CollaborationIndex index, double expected)
    {
        MetricsVector.CountsFor(partner).Value(index).Should().BeApproximately(expected, 1e-12);
    }

    [Theory]
    [InlineData("US", 0.5443)]
    [InlineData("PK", 0.6667)]
    [InlineData("JP", 0.3849)]
    public void Value_SaltonOfMetricsVector_MatchesRoundedTable(string partner, double rounded)
    {
        MetricsVector.CountsFor(partner).Value(CollaborationIndex.Salton).Should().BeApproximately(rounded, 0.5e-4);
    }

    [Fact]
    public void Value_NoCopublicationsWithPartnerWithoutPublications_UndefinedIsNaNNotZero()
    {
        // Y has no publications in the slice: every index with P_Y, I_Y or C_Y in a denominator is undefined.
        var counts = new CollaborationCounts(0, 9, 0, 7, 0, 10, 0, 14, 11, 8, 0);

        counts.Value(CollaborationIndex.Salton).Should().Be(double.NaN);
        counts.Value(CollaborationIndex.Inclusion).Should().Be(double.NaN);
        counts.Value(CollaborationIndex.Equivalence).Should().Be(double.NaN);
        counts.Value(CollaborationIndex.AssociationStrength).Should().Be(double.NaN);
        counts.Value(CollaborationIndex.ConfigurationAssociation).Should().Be(double.NaN);
        counts.Value(CollaborationIndex.Ric).Should().Be(double.NaN);
        counts.Value(CollaborationIndex.LuukkonenRI).Should().Be(double.NaN);
        counts.Value(CollaborationIndex.NsfIci).Should().Be(double.NaN);
        // Defined: X has publications, so these are a true zero.
        counts.Value(CollaborationIndex.PartnerShare).Should().Be(0);
        counts.Value(CollaborationIndex.OutputShare).Should().Be(0);
        counts.Value(CollaborationIndex.LinkShare).Should().Be(0);
        counts.Value(CollaborationIndex.Jaccard).Should().Be(0);
        counts.Value(CollaborationIndex.Dice).Should().Be(0);
        counts.Value(CollaborationIndex.NatureIndexCS).Should().Be(0);
    }

    [Fact]
    public void Value_FocusWithoutPublications_RatiosOverFocusCountsAreNaN()
    {
        var counts = new CollaborationCounts(0, 0, 6, 0, 5, 0, 8, 14, 11, 8, 0);

        foreach (var index in CollaborationIndices.All)
        {
            if (index is CollaborationIndex.Jaccard or CollaborationIndex.Dice or CollaborationIndex.NatureIndexCS)
            {
                // Denominators P_X + P_Y (- C_XY) are 6: a true zero.
                counts.Value(index).Should().Be(0, index.ToName());
            }
            else
            {
                counts.Value(index).Should().Be(double.NaN, index.ToName());
            }
        }
    }

    [Fact]
    public void Value_RicWhenPartnerOnlyLinksToFocus_IsNaN()
    {
        // C_Y = C_XY: Y collaborates with nobody but X, so the expected share (C_Y - C_XY)/(T - C_X) is 0.
        var counts = new CollaborationCounts(3, 5, 3, 4, 3, 6, 3, 10, 20, 9, 1);

        counts.Value(CollaborationIndex.Ric).Should().Be(double.NaN);
        counts.Value(CollaborationIndex.LuukkonenRI).Should().BeApproximately(0.5 / (3.0 / 4), 1e-12);
    }

    [Theory]
    [MemberData(nameof(FocusChina))]
    public void Swap_SymmetricIndex_SameValueFromThePartner(string partner, CollaborationIndex index, double expected)
    {
        var counts = MetricsVector.CountsFor(partner);
        if (index.IsSymmetric())
        {
            counts.Swap().Value(index).Should().BeApproximately(expected, 1e-12);
        }
        else
        {
            counts.Swap().Swap().Should().Be(counts);
        }
    }

    [Fact]
    public void Swap_PartnerShareUsPk_IsCopublicationsOverPartnerInternational()
    {
        // From US: C_US,CN / I_US = 4/5 (hand computed from the vector).
        MetricsVector.CountsFor("US").Swap().Value(CollaborationIndex.PartnerShare).Should().BeApproximately(4.0 / 5, 1e-12);
    }
}
