using System.Globalization;
using System.Numerics;
using CollabMetrics.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public sealed class FixedPointTests
{
    private static readonly Gen<double> s_contribution = Gen.OneOf(
        Gen.Double[0, 1],
        Gen.Int[1, 200].Select(n => 1.0 / n),
        Gen.Int[1, 200].Select(Gen.Int[1, 200], (a, b) => a / (double)(a + b)),
        Gen.Double[0, 1e-6],
        Gen.Double[1, 1e6]);

    [Fact]
    public void FromDouble_AtLeastTwoToTheMinusEleven_IsExact()
    {
        Gen.Double[Math.ScaleB(1, -11), 1e12].Sample(d =>
        {
            var value = FixedPoint.FromDouble(d);
            FixedPoint.ToDouble(value).Should().Be(d);
            value.ToBigInteger().Should().Be(Exact(d));
        });
    }

    [Fact]
    public void FromDouble_Small_RoundsToNearestMultipleOfTwoToTheMinus64()
    {
        Gen.Double[0, Math.ScaleB(1, -11)].Sample(d =>
        {
            // d * 2^64 is below 2^53, so both it and the result are exact doubles: the result is the nearest integer.
            var value = (long)FixedPoint.FromDouble(d);
            double scaled = Math.ScaleB(d, 64);
            Math.Abs(scaled - value).Should().BeLessThanOrEqualTo(0.5);
        });
    }

    [Fact]
    public void FromDouble_TieBelowTheLastBit_RoundsToEven()
    {
        FixedPoint.FromDouble(Math.ScaleB(1, -65)).Should().Be(Fixed128.Zero);
        FixedPoint.FromDouble(Math.ScaleB(3, -65)).Should().Be((Fixed128)2);
        FixedPoint.FromDouble(Math.ScaleB(5, -66)).Should().Be((Fixed128)1);
        FixedPoint.FromDouble(-Math.ScaleB(3, -65)).Should().Be((Fixed128)(-2));
    }

    [Fact]
    public void Sum_AnyOrderOfTheSameContributions_SameBits()
    {
        Gen.Select(s_contribution.Array[1, 200], Gen.Int).Sample((values, seed) =>
        {
            var shuffled = values.ToArray();
            new Random(seed).Shuffle(shuffled);
            Sum(shuffled).Should().Be(Sum(values));
        });
    }

    [Fact]
    public void ToDouble_AnySum_IsTheCorrectlyRoundedExactValue()
    {
        Gen.Select(s_contribution.Array[1, 100], Gen.Bool).Sample((values, negate) =>
        {
            var sum = Sum(values);
            if (negate)
            {
                sum = -sum;
            }

            // The exact decimal text, parsed by the runtime's correctly rounded parser.
            var text = FixedPoint.Format(sum);
            FixedPoint.ToDouble(sum).Should().Be(double.Parse(text, CultureInfo.InvariantCulture), text);
        });
    }

    [Fact]
    public void Format_AnySum_ParsesBackExactly()
    {
        s_contribution.Array[1, 100].Sample(values =>
        {
            var sum = Sum(values);
            FixedPoint.Parse(FixedPoint.Format(sum)).Should().Be(sum);
        });
    }

    [Fact]
    public void Format_ValueThatIsADouble_IsItsShortestText()
    {
        FixedPoint.Format(FixedPoint.FromDouble(12)).Should().Be("12");
        FixedPoint.Format(FixedPoint.FromDouble(0.1)).Should().Be("0.1");
        FixedPoint.Format(FixedPoint.FromDouble(0.25) + FixedPoint.FromDouble(0.5)).Should().Be("0.75");
        FixedPoint.Format(1).Should().Be("5.421010862427522E-20");
        FixedPoint.Format(FixedPoint.One + 1).Should().Be("1.0000000000000000000542101086242752217003726400434970855712890625");
        FixedPoint.Parse("1.0000000000000000000542101086242752217003726400434970855712890625").Should().Be(FixedPoint.One + 1);
        FixedPoint.Format(FixedPoint.NaN).Should().BeEmpty();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    public void Parse_NotAFiniteNumber_Throws(string text)
    {
        FluentActions.Invoking(() => FixedPoint.Parse(text)).Should().Throw<FormatException>();
    }

    [Fact]
    public void Add_NaN_StaysNaN()
    {
        FixedPoint.Add(FixedPoint.NaN, FixedPoint.One).Should().Be(FixedPoint.NaN);
        FixedPoint.Add(FixedPoint.One, FixedPoint.NaN).Should().Be(FixedPoint.NaN);
        double.IsNaN(FixedPoint.ToDouble(FixedPoint.NaN)).Should().BeTrue();
        FixedPoint.FromDouble(double.NaN).Should().Be(FixedPoint.NaN);
    }

    [Fact]
    public void FromDouble_Infinite_Throws()
    {
        FluentActions.Invoking(() => FixedPoint.FromDouble(double.PositiveInfinity)).Should().Throw<OverflowException>();
        FluentActions.Invoking(() => FixedPoint.FromDouble(1e30)).Should().Throw<OverflowException>();
    }

    private static Fixed128 Sum(IEnumerable<double> values)
    {
        var sum = Fixed128.Zero;
        foreach (var value in values)
        {
            sum += FixedPoint.FromDouble(value);
        }

        return sum;
    }

    /// <summary>d * 2^64 as an integer, for a double whose last bit is worth at least 2^-64.</summary>
    private static BigInteger Exact(double d)
    {
        long bits = BitConverter.DoubleToInt64Bits(d);
        int exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = new BigInteger((bits & 0xF_FFFF_FFFF_FFFFL) | (1L << 52));
        int shift = exponent - 1075 + 64;
        return shift >= 0 ? mantissa << shift : mantissa >> -shift;
    }
}
