using System.Globalization;
using System.Numerics;
using CollabMetrics.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public sealed class Fixed128Tests
{
    private static readonly Int128[] s_edges =
    [
        Int128.Zero, Int128.One, Int128.NegativeOne, Int128.MaxValue, Int128.MinValue, Int128.MinValue + 1, Int128.MaxValue - 1,
        ulong.MaxValue, (Int128)ulong.MaxValue + 1, -(Int128)ulong.MaxValue, -((Int128)ulong.MaxValue + 1), long.MaxValue, long.MinValue,
        (Int128)long.MaxValue + 1, (Int128)long.MinValue - 1, Int128.One << 64, Int128.One << 127, Int128.One << 126, -(Int128.One << 126),
    ];

    // Any 128 bits, the edges, and values around the carry between the two words.
    private static readonly Gen<Int128> s_bits = Gen.OneOf(
        Gen.ULong.Select(Gen.ULong, (high, low) => new Int128(high, low)),
        Gen.Int[0, s_edges.Length - 1].Select(i => s_edges[i]),
        Gen.Long[-3, 3].Select(Gen.Long, (delta, high) => new Int128((ulong)high, 0) + delta));

    // Fixed-point values that are sums of contributions, up to the largest whole parts a sum can have, either sign
    // (never the NaN marker, whose high word is long.MinValue).
    private static readonly Gen<Int128> s_value = Gen.OneOf(
        Gen.ULong.Select(Gen.Long[-(1L << 62), 1L << 62], (low, high) => new Int128((ulong)high, low)),
        Gen.ULong.Select(Gen.Long[-1000, 1000], (low, high) => new Int128((ulong)high, low)),
        Gen.ULong.Select(Gen.Int[0, 63], (low, shift) => (Int128)(low >> shift)),
        Gen.Long.Select(Gen.Int[0, 62], (whole, shift) => new Int128((ulong)(whole >> shift), 0)));

    [Fact]
    public void Arithmetic_AnyBits_SameAsInt128()
    {
        Gen.Select(s_bits, s_bits).Sample((x, y) =>
        {
            var a = (Fixed128)x;
            var b = (Fixed128)y;
            ((Int128)(a + b)).Should().Be(x + y);
            ((Int128)(a - b)).Should().Be(x - y);
            ((Int128)(-a)).Should().Be(-x);
            (a == b).Should().Be(x == y);
            (a != b).Should().Be(x != y);
            (a < b).Should().Be(x < y);
            (a <= b).Should().Be(x <= y);
            (a > b).Should().Be(x > y);
            (a >= b).Should().Be(x >= y);
            a.CompareTo(b).Should().Be(Math.Sign(x.CompareTo(y)));
            a.IsNegative.Should().Be(x < 0);
            a.FitsInt64.Should().Be(x >= long.MinValue && x <= long.MaxValue);
            ((long)a).Should().Be((long)x);
            a.ToBigInteger().Should().Be((BigInteger)x);
            Fixed128.FromBigInteger((BigInteger)x).Should().Be(a);
            a.ToString().Should().Be(x.ToString(CultureInfo.InvariantCulture));
            ((Fixed128)(long)x).Should().Be((Fixed128)(Int128)(long)x);
        });
    }

    [Fact]
    public void Arithmetic_EdgeValues_SameAsInt128()
    {
        foreach (var x in s_edges)
        {
            foreach (var y in s_edges)
            {
                ((Int128)((Fixed128)x + (Fixed128)y)).Should().Be(x + y, $"{x} + {y}");
                ((Int128)((Fixed128)x - (Fixed128)y)).Should().Be(x - y, $"{x} - {y}");
                ((Fixed128)x < (Fixed128)y).Should().Be(x < y, $"{x} < {y}");
            }

            ((Int128)(-(Fixed128)x)).Should().Be(-x, $"-{x}");
        }
    }

    [Fact]
    public void FromBigInteger_OutOfRange_Throws()
    {
        FluentActions.Invoking(() => Fixed128.FromBigInteger(BigInteger.One << 127)).Should().Throw<OverflowException>();
        FluentActions.Invoking(() => Fixed128.FromBigInteger(-(BigInteger.One << 127) - 1)).Should().Throw<OverflowException>();
        ((Int128)Fixed128.FromBigInteger(-(BigInteger.One << 127))).Should().Be(Int128.MinValue);
    }

    [Fact]
    public void ToDouble_AnyValue_IsTheCorrectlyRoundedQuotient()
    {
        s_value.Sample(x =>
        {
            var value = (Fixed128)x;
            BitConverter.DoubleToInt64Bits(FixedPoint.ToDouble(value)).Should().Be(BitConverter.DoubleToInt64Bits(NearestDouble((BigInteger)x)), x.ToString(CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public void ToDouble_TiesAndLimits_RoundToEven()
    {
        // 2^53 + 1 (a tie between 2^53 and 2^53 + 2) rounds down to even; 2^53 + 3 up; 2^53 + 1 + 2^-64 up.
        FixedPoint.ToDouble(FixedPoint.Whole((1L << 53) + 1)).Should().Be(Math.ScaleB(1, 53));
        FixedPoint.ToDouble(FixedPoint.Whole((1L << 53) + 3)).Should().Be(Math.ScaleB(1, 53) + 4);
        FixedPoint.ToDouble(FixedPoint.Whole((1L << 53) + 1) + 1).Should().Be(Math.ScaleB(1, 53) + 2);
        FixedPoint.ToDouble(-FixedPoint.Whole((1L << 53) + 1)).Should().Be(-Math.ScaleB(1, 53));
        FixedPoint.ToDouble(Fixed128.MaxValue).Should().Be(Math.ScaleB(1, 63));
        FixedPoint.ToDouble(Fixed128.MinValue + 1).Should().Be(-Math.ScaleB(1, 63));
        FixedPoint.ToDouble(1).Should().Be(Math.ScaleB(1, -64));
        FixedPoint.ToDouble(-1).Should().Be(-Math.ScaleB(1, -64));
        FixedPoint.ToDouble(Fixed128.Zero).Should().Be(0.0);
        double.IsNaN(FixedPoint.ToDouble(FixedPoint.NaN)).Should().BeTrue();
    }

    [Fact]
    public void FromDouble_AnyDouble_IsTheNearestMultipleOfTwoToTheMinus64()
    {
        Gen.OneOf(Gen.Double[-1e18, 1e18], Gen.Double[-1, 1], Gen.Double[-1e-15, 1e-15], Gen.Double[-1e-25, 1e-25], Gen.Double.Unit).Sample(d =>
        {
            ((BigInteger)(Int128)FixedPoint.FromDouble(d)).Should().Be(NearestMultiple(d), d.ToString("R", CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public void FromDouble_PowersOfTwoAcrossTheWords_AreTheNearestMultiples()
    {
        for (int e = -64; e <= 61; e++)
        {
            foreach (double d in new[] { Math.ScaleB(1, e), -Math.ScaleB(1, e), Math.ScaleB(3, e - 1), Math.ScaleB((1L << 53) - 1, e - 52) })
            {
                ((BigInteger)(Int128)FixedPoint.FromDouble(d)).Should().Be(NearestMultiple(d), d.ToString("R", CultureInfo.InvariantCulture));
                if (Math.ScaleB(d, 64) == Math.Round(Math.ScaleB(d, 64)))
                {
                    // A multiple of 2^-64 is held exactly, and reads back as itself.
                    FixedPoint.ToDouble(FixedPoint.FromDouble(d)).Should().Be(d);
                }
            }
        }
    }

    [Fact]
    public void Sums_AtTheLimits_WrapAsInt128AndKeepTheNaNMarker()
    {
        var sum = FixedPoint.Whole(long.MaxValue - 1) + FixedPoint.One + new Fixed128(0, ulong.MaxValue);
        ((Int128)sum).Should().Be(Int128.MaxValue);
        ((Int128)(sum + 1)).Should().Be(Int128.MinValue);
        FixedPoint.Add(sum, FixedPoint.NaN).Should().Be(FixedPoint.NaN);
        FixedPoint.Add(FixedPoint.NaN, FixedPoint.NaN).Should().Be(FixedPoint.NaN);
        FixedPoint.Add(FixedPoint.One, -FixedPoint.One).Should().Be(Fixed128.Zero);
        ((Int128)FixedPoint.NaN).Should().Be(Int128.MinValue);
        ((Int128)FixedPoint.One).Should().Be(Int128.One << 64);
    }

    [Fact]
    public void FormatAndParse_AnyValue_RoundTripExactly()
    {
        s_value.Sample(x =>
        {
            var value = (Fixed128)x;
            var text = FixedPoint.Format(value);
            FixedPoint.Parse(text).Should().Be(value, text);

            // The shortest text of the nearest double when that double is the value, else the exact decimal.
            double nearest = NearestDouble((BigInteger)x);
            text.Should().Be(NearestMultiple(nearest) == (BigInteger)x ? nearest.ToString("R", CultureInfo.InvariantCulture) : ExactDecimal((BigInteger)x));
        });
    }

    /// <summary>raw / 2^64 as an exact decimal text.</summary>
    private static string ExactDecimal(BigInteger raw)
    {
        bool negative = raw.Sign < 0;
        var digits = (BigInteger.Abs(raw) * BigInteger.Pow(5, 64)).ToString(CultureInfo.InvariantCulture).PadLeft(65, '0');
        var fraction = digits[^64..].TrimEnd('0');
        return (negative ? "-" : string.Empty) + digits[..^64] + (fraction.Length > 0 ? "." + fraction : string.Empty);
    }

    /// <summary>raw / 2^64 rounded to the nearest double, by the runtime's correctly rounded decimal parser.</summary>
    private static double NearestDouble(BigInteger raw) => double.Parse(ExactDecimal(raw), CultureInfo.InvariantCulture);

    /// <summary>d * 2^64 rounded to the nearest integer, ties to even, in big integers.</summary>
    private static BigInteger NearestMultiple(double d)
    {
        long bits = BitConverter.DoubleToInt64Bits(d);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        // |d| * 2^64 = mantissa * 2^(exponent - 1075 + 64).
        int shift = exponent - 1075 + 64;
        BigInteger magnitude;
        if (shift >= 0)
        {
            magnitude = (BigInteger)mantissa << shift;
        }
        else
        {
            var divisor = BigInteger.One << -shift;
            var quotient = BigInteger.DivRem(mantissa, divisor, out var remainder);
            var twice = remainder * 2;
            if (twice > divisor || (twice == divisor && !quotient.IsEven))
            {
                quotient++;
            }

            magnitude = quotient;
        }

        return bits < 0 ? -magnitude : magnitude;
    }
}
