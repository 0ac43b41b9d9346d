using CollabMetrics.Impact;

namespace CollabMetrics.Tests.Impact;

public class ReferenceScoresTests
{
    /// <summary>A one-class cell with the given (citations, publications) histogram and no units.</summary>
    private static ReferenceCell Cell(params (int Citations, int Publications)[] histogram) => new(
        [.. histogram.Select(h => ReferenceCell.ValueOf(0, h.Citations))],
        [.. histogram.Select(h => (double)h.Publications)],
        [.. histogram.Select(h => (double)h.Publications)],
        [], [0], [], [], [], [0], [], []);

    private static (double[] Top, double[] Ncs) Score(ReferenceCell cell, double percent)
    {
        var top = new double[cell.Values.Length];
        var ncs = new double[cell.Values.Length];
        ReferenceScores.Compute(cell, TopPercent.Of(percent), top, ncs);
        return (top, ncs);
    }

    [Fact]
    public void Compute_HundredDistinctCounts_TopTenAreFlaggedWhole()
    {
        var cell = Cell([.. Enumerable.Range(0, 100).Select(c => (c, 1))]);

        var (top, _) = Score(cell, 10);

        top.Should().Equal([.. Enumerable.Range(0, 100).Select(c => c >= 90 ? 1.0 : 0.0)]);
    }

    [Theory]
    [InlineData(1, 0.2)]
    [InlineData(5, 1.0)]
    [InlineData(10, 1.0)]
    public void Compute_TiesAtTheThreshold_ShareTheRemainder(double percent, double theta)
    {
        // 20 publications: 15 with 0 citations, 4 with 2, 1 with 9. Top 1%: 0.2 papers, all from the one with 9.
        // Top 5%: exactly the one with 9. Top 10%: that one and a quarter of the four with 2 (theta of 2 is 1/4).
        var cell = Cell((0, 15), (2, 4), (9, 1));

        var (top, _) = Score(cell, percent);

        top[2].Should().BeApproximately(theta, 1e-15);
        double expectedAtTwo = percent == 10 ? 0.25 : 0;
        top[1].Should().BeApproximately(expectedAtTwo, 1e-15);
        top[0].Should().Be(0);
        (15 * top[0] + (4 * top[1]) + top[2]).Should().BeApproximately(percent / 100 * 20, 1e-12);
    }

    [Fact]
    public void Compute_TopQuarterOfTheVector_TauTenWithThetaFiveEighths()
    {
        // IMPACT.md: counts 0, 1, 3, 3, 3, 6, 10, 10, 25.
        var cell = Cell((0, 1), (1, 1), (3, 3), (6, 1), (10, 2), (25, 1));

        var (top, ncs) = Score(cell, 25);

        top.Should().Equal(0, 0, 0, 0, 5.0 / 8, 1);
        ncs[4].Should().BeApproximately(90.0 / 61, 1e-15);
        ncs[0].Should().Be(0);
    }

    [Fact]
    public void Compute_TopHalfWithAllCountsEqual_EveryPublicationHalfTopAndNcsOne()
    {
        var cell = Cell((4, 7));

        var (top, ncs) = Score(cell, 50);

        top.Should().Equal(0.5);
        ncs.Should().Equal(1.0);
    }

    [Fact]
    public void Compute_AllUncited_NcsIsOneAndTheTopIsShared()
    {
        var cell = Cell((0, 8));

        var (top, ncs) = Score(cell, 25);

        top.Should().Equal(0.25);
        ncs.Should().Equal([1.0], "the mean is 0, so NCS is 1 by definition");
    }

    [Fact]
    public void Compute_DecimalPercentage_ExactThreshold()
    {
        // x = 12.5% of 8 publications is exactly one: the most cited, flagged 1, nothing shared.
        var cell = Cell([.. Enumerable.Range(1, 8).Select(c => (c, 1))]);

        var (top, _) = Score(cell, 12.5);

        top.Should().Equal(0, 0, 0, 0, 0, 0, 0, 1);
    }

    [Fact]
    public void Compute_TwoClasses_EachClassIsItsOwnReferenceSet()
    {
        // Class 0: counts 1..10; class 1: 100 and 200. Top 50% per class: 6..10 of class 0, 200 of class 1.
        var values = Enumerable.Range(1, 10).Select(c => ReferenceCell.ValueOf(0, c)).Concat([ReferenceCell.ValueOf(1, 100), ReferenceCell.ValueOf(1, 200)]).ToArray();
        var ones = values.Select(_ => 1.0).ToArray();
        var cell = new ReferenceCell(values, ones, ones, [], [0], [], [], [], [0], [], []);

        var (top, ncs) = Score(cell, 50);

        top.Should().Equal(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1);
        ncs[^1].Should().BeApproximately(200 / 150.0, 1e-15);
        ncs[0].Should().BeApproximately(1 / 5.5, 1e-15);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(50.5)]
    [InlineData(double.NaN)]
    public void Of_OutsideOneToFifty_Throws(double percent)
    {
        var act = () => TopPercent.Of(percent);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*from 1 to 50*");
    }
}
