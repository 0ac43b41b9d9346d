using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace CollabMetrics.Aggregation;

/// <summary>
/// The numbers a cube sums: fixed point with 64 fractional bits in a 128-bit integer (<see cref="Fixed128"/>: value =
/// raw / 2^64), so that any order of the same contributions (any thread count, any split into shards, any merge order)
/// gives the same bits. A contribution is a <see cref="double"/> converted once (<see cref="FromDouble"/>): exactly
/// when it is at least 2^-11 (its last bit is then at least 2^-64), else rounded to the nearest multiple of 2^-64, ties
/// to even. Sums are exact integer additions; a value becomes a double only when it is read (<see cref="ToDouble"/>,
/// correctly rounded). The integer part holds 63 bits, far beyond any count.
/// </summary>
internal static class FixedPoint
{
    /// <summary>Fractional bits.</summary>
    internal const int FractionBits = 64;

    /// <summary>A value that was not computed (a partial cube's missing weighting): reads as <see cref="double.NaN"/> and stays so in sums.</summary>
    internal static Fixed128 NaN => Fixed128.MinValue;

    /// <summary>One, in fixed point.</summary>
    internal static Fixed128 One => new(1, 0);

    /// <summary>The whole number <paramref name="value"/>, in fixed point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Fixed128 Whole(long value) => new(value, 0);

    /// <summary>
    /// The fixed-point value of <paramref name="value"/>: exact when its last significant bit is worth at least
    /// 2^-64, else rounded to the nearest multiple of 2^-64 (ties to even). NaN gives <see cref="NaN"/>.
    /// </summary>
    /// <exception cref="OverflowException">The value is infinite or 2^62 or more in magnitude.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Fixed128 FromDouble(double value)
    {
        // Whole numbers (counts, the common case) directly; NaN converts to 0 and fails the comparison.
        long whole = (long)value;
        if (whole == value && whole is > -(1L << 62) and < 1L << 62)
        {
            return new Fixed128(whole, 0);
        }

        return FromFraction(value);
    }

    /// <summary><see cref="FromDouble"/> of a value that is not a whole number below 2^62 in magnitude.</summary>
    private static Fixed128 FromFraction(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF);
        ulong mantissa = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        if (exponent == 0)
        {
            if (mantissa == 0)
            {
                return Fixed128.Zero;
            }

            exponent = 1;
        }
        else
        {
            mantissa |= 1UL << 52;
        }

        // value = mantissa * 2^(exponent - 1075); in fixed point, mantissa * 2^(exponent - 1075 + 64).
        int shift = exponent - 1011;
        Fixed128 result;
        if (shift >= 0)
        {
            if (shift > 74)
            {
                return double.IsNaN(value) ? NaN : throw new OverflowException($"The value {value.ToString("R", CultureInfo.InvariantCulture)} is too large to be summed in a cube.");
            }

            // mantissa < 2^53, so the high word (at most mantissa << 10) stays below 2^63.
            result = shift == 0 ? new Fixed128(0, mantissa)
                : shift < 64 ? new Fixed128((long)(mantissa >> (64 - shift)), mantissa << shift)
                : new Fixed128((long)(mantissa << (shift - 64)), 0);
        }
        else if (shift > -64)
        {
            int drop = -shift;
            ulong quotient = mantissa >> drop;
            ulong remainder = mantissa & ((1UL << drop) - 1);
            ulong half = 1UL << (drop - 1);
            if (remainder > half || (remainder == half && (quotient & 1) != 0))
            {
                quotient++;
            }

            result = new Fixed128(0, quotient);
        }
        else
        {
            result = Fixed128.Zero;
        }

        return bits < 0 ? -result : result;
    }

    /// <summary>The double nearest to a fixed-point value (ties to even); <see cref="NaN"/> gives <see cref="double.NaN"/>.</summary>
    internal static double ToDouble(Fixed128 value)
    {
        if (value == NaN)
        {
            return double.NaN;
        }

        bool negative = value.IsNegative;
        var magnitude = negative ? -value : value;
        ulong high = (ulong)magnitude.High, low = magnitude.Low;
        if (high == 0 && low == 0)
        {
            return 0.0;
        }

        int length = high != 0 ? 128 - BitOperations.LeadingZeroCount(high) : 64 - BitOperations.LeadingZeroCount(low);
        double result;
        if (length <= 53)
        {
            result = Math.ScaleB((double)low, -FractionBits);
        }
        else
        {
            // 1 <= drop <= 74: the quotient is the top 53 bits; round on the bit below them, ties to even.
            int drop = length - 53;
            ulong quotient = drop >= 64 ? high >> (drop - 64) : (low >> drop) | (high << (64 - drop));
            int round = drop - 1;
            bool roundBit = ((round >= 64 ? high >> (round - 64) : low >> round) & 1) != 0;
            bool sticky = round switch
            {
                0 => false,
                <= 64 => (low & (ulong.MaxValue >> (64 - round))) != 0,
                _ => low != 0 || (high & (ulong.MaxValue >> (128 - round))) != 0,
            };
            if (roundBit && (sticky || (quotient & 1) != 0))
            {
                quotient++;
            }

            result = Math.ScaleB((double)quotient, drop - FractionBits);
        }

        return negative ? -result : result;
    }

    /// <summary>The sum of two values; <see cref="NaN"/> when either is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Fixed128 Add(Fixed128 x, Fixed128 y) => x == NaN || y == NaN ? NaN : x + y;

    /// <summary>
    /// The exact decimal text of a value (invariant culture): the shortest round-trip double when that double is the
    /// value exactly (whole counts read as before), else every digit (a multiple of 2^-64 has at most 64 decimals),
    /// which any reader parses to the correctly rounded double and <see cref="Parse"/> reads back exactly. NaN is empty.
    /// </summary>
    internal static string Format(Fixed128 value)
    {
        if (value == NaN)
        {
            return string.Empty;
        }

        double nearest = ToDouble(value);
        if (FromDouble(nearest) == value)
        {
            return nearest.ToString("R", CultureInfo.InvariantCulture);
        }

        bool negative = value.IsNegative;
        var magnitude = (negative ? -value : value).ToBigInteger();
        // value = magnitude / 2^64 = magnitude * 5^64 / 10^64.
        var digits = (magnitude * BigInteger.Pow(5, FractionBits)).ToString(CultureInfo.InvariantCulture).PadLeft(FractionBits + 1, '0');
        var whole = digits[..^FractionBits];
        var fraction = digits[^FractionBits..].TrimEnd('0');
        return (negative ? "-" : string.Empty) + whole + (fraction.Length > 0 ? "." + fraction : string.Empty);
    }

    /// <summary>
    /// Reads a number written by <see cref="Format"/>: a number of at most 17 significant digits, or in exponent
    /// notation, is read as a double and converted (<see cref="FromDouble"/>, as the engine converts a contribution);
    /// a plain decimal of more digits (the exact text of a value that is not a double) is read exactly, rounded to a
    /// multiple of 2^-64 (ties to even) only when it has more decimals than such a multiple. Empty is <see cref="NaN"/>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a finite number, or is too large for a count.</exception>
    internal static Fixed128 Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return NaN;
        }

        var span = text.AsSpan();
        bool negative = span[0] == '-';
        var body = negative || span[0] == '+' ? span[1..] : span;
        int point = body.IndexOf('.');
        var wholeText = point < 0 ? body : body[..point];
        var fractionText = point < 0 ? [] : body[(point + 1)..];
        bool plain = wholeText.Length + fractionText.Length > 0 && !wholeText.ContainsAnyExceptInRange('0', '9') && !fractionText.ContainsAnyExceptInRange('0', '9');
        if (!plain || SignificantDigits(wholeText, fractionText) <= 15 || (fractionText.Length > 0 && SignificantDigits(wholeText, fractionText) <= 17))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new FormatException($"'{text}' is not a finite number.");
            }

            return FromDouble(value);
        }

        var whole = wholeText.Length == 0 ? BigInteger.Zero : BigInteger.Parse(wholeText, NumberStyles.None, CultureInfo.InvariantCulture);
        var numerator = fractionText.Length == 0 ? BigInteger.Zero : BigInteger.Parse(fractionText, NumberStyles.None, CultureInfo.InvariantCulture);
        var denominator = BigInteger.Pow(10, fractionText.Length);

        // The fraction times 2^64, rounded to nearest, ties to even.
        var scaled = BigInteger.DivRem(numerator << FractionBits, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !scaled.IsEven))
        {
            scaled++;
        }

        var raw = (whole << FractionBits) + scaled;
        if (raw.GetBitLength() > 126)
        {
            throw new FormatException($"'{text}' is too large for a count.");
        }

        return Fixed128.FromBigInteger(negative ? -raw : raw);
    }

    private static int SignificantDigits(ReadOnlySpan<char> whole, ReadOnlySpan<char> fraction)
    {
        int leading = whole.IndexOfAnyExcept('0');
        if (leading >= 0)
        {
            return whole.Length - leading + fraction.Length;
        }

        int first = fraction.IndexOfAnyExcept('0');
        return first < 0 ? 1 : fraction.Length - first;
    }
}
