using CollabMetrics.Synthetic;

namespace CollabMetrics.Tests.Synthetic;

public class Xoshiro256Tests
{
    [Fact]
    public void NextUInt64_StateOneTwoThreeFour_MatchesHandComputedReference()
    {
        // xoshiro256**: result = rotl(s1 * 5, 7) * 9. With s = {1, 2, 3, 4}: rotl(10, 7) * 9 = 1280 * 9 = 11520.
        // The update then gives s1 = 2 ^ (3 ^ 1) = 0, so the second result is 0.
        var rng = new Xoshiro256(1, 2, 3, 4);

        rng.NextUInt64().Should().Be(11520UL);
        rng.NextUInt64().Should().Be(0UL);
    }

    [Fact]
    public void SplitMix64_SeedZero_MatchesReference()
    {
        // The first output of Vigna's splitmix64.c from state 0.
        ulong state = 0;

        Xoshiro256.SplitMix64(ref state).Should().Be(0xE220_A839_7B1D_CDAFUL);
    }

    [Fact]
    public void Pick_CumulativeTable_DrawsInProportionToWeights()
    {
        var table = SyntheticModel.Cumulative([1, 0, 3]);
        var rng = new Xoshiro256(7, 0);
        var counts = new int[3];
        for (int i = 0; i < 40_000; i++)
        {
            counts[rng.Pick(table)]++;
        }

        counts[1].Should().Be(0);
        ((double)counts[2] / counts[0]).Should().BeApproximately(3.0, 0.15);
    }

    [Fact]
    public void NextInt_Bound_StaysInRange()
    {
        var rng = new Xoshiro256(1, 1);
        var seen = new bool[5];
        for (int i = 0; i < 1000; i++)
        {
            int v = rng.NextInt(5);
            v.Should().BeInRange(0, 4);
            seen[v] = true;
        }

        seen.Should().AllBeEquivalentTo(true);
    }
}
