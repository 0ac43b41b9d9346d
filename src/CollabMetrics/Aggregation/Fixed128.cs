using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CollabMetrics.Aggregation;

/// <summary>
/// A <see cref="FixedPoint"/> value: a 128-bit two's-complement integer (the value times 2^64) held as two 64-bit
/// words, with the arithmetic of <see cref="Int128"/> (addition and negation wrap alike). The library keeps its own
/// type because the ReadyToRun compiler precompiles no method that computes with <see cref="Int128"/> (its layout and
/// calling convention may change between runtime versions, so it is outside the image's stable ABI): every method of
/// the merge and the finish was compiled at run time. This struct's layout is the library's, so that code is
/// precompiled. Only what the sums need is here: add, subtract, negate, compare, and exact conversions.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct Fixed128 : IEquatable<Fixed128>, IComparable<Fixed128>
{
    /// <summary>The low 64 bits.</summary>
    internal readonly ulong Low;

    /// <summary>The high 64 bits, signed: the integer part of the fixed-point value.</summary>
    internal readonly long High;

    /// <summary>The value <c>high * 2^64 + low</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Fixed128(long high, ulong low)
    {
        High = high;
        Low = low;
    }

    internal static Fixed128 Zero => default;

    /// <summary>The smallest value, -2^127.</summary>
    internal static Fixed128 MinValue => new(long.MinValue, 0);

    /// <summary>The largest value, 2^127 - 1.</summary>
    internal static Fixed128 MaxValue => new(long.MaxValue, ulong.MaxValue);

    /// <summary>Whether the value is below zero.</summary>
    internal bool IsNegative => High < 0;

    /// <summary>Whether the value fits in a <see cref="long"/>.</summary>
    internal bool FitsInt64 => High == ((long)Low >> 63);

    /// <summary>The integer <paramref name="value"/> (not the whole number: the raw 128-bit integer, as <see cref="Int128"/>'s conversion).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator Fixed128(long value) => new(value >> 63, (ulong)value);

    /// <summary>The low 64 bits as a <see cref="long"/> (truncating, as <see cref="Int128"/>'s conversion).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static explicit operator long(Fixed128 value) => (long)value.Low;

    /// <summary>The same 128 bits as an <see cref="Int128"/>.</summary>
    public static explicit operator Int128(Fixed128 value) => new((ulong)value.High, value.Low);

    /// <summary>The same 128 bits as a <see cref="Fixed128"/>.</summary>
    public static explicit operator Fixed128(Int128 value) => new((long)(ulong)(value >> 64), (ulong)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fixed128 operator +(Fixed128 x, Fixed128 y)
    {
        ulong low = x.Low + y.Low;
        return new(x.High + y.High + (low < x.Low ? 1L : 0L), low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fixed128 operator -(Fixed128 x, Fixed128 y)
    {
        ulong low = x.Low - y.Low;
        return new(x.High - y.High - (low > x.Low ? 1L : 0L), low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fixed128 operator -(Fixed128 x)
    {
        ulong low = ~x.Low + 1;
        return new(~x.High + (low == 0 ? 1L : 0L), low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator ==(Fixed128 x, Fixed128 y) => x.Low == y.Low && x.High == y.High;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator !=(Fixed128 x, Fixed128 y) => x.Low != y.Low || x.High != y.High;

    public static bool operator <(Fixed128 x, Fixed128 y) => x.CompareTo(y) < 0;

    public static bool operator >(Fixed128 x, Fixed128 y) => x.CompareTo(y) > 0;

    public static bool operator <=(Fixed128 x, Fixed128 y) => x.CompareTo(y) <= 0;

    public static bool operator >=(Fixed128 x, Fixed128 y) => x.CompareTo(y) >= 0;

    /// <summary>The value as a <see cref="BigInteger"/>, exactly.</summary>
    internal BigInteger ToBigInteger() => ((BigInteger)High << 64) + Low;

    /// <summary>The value of <paramref name="value"/>, which must be within [-2^127, 2^127 - 1].</summary>
    /// <exception cref="OverflowException">The value is out of that range.</exception>
    internal static Fixed128 FromBigInteger(BigInteger value)
    {
        if (value.GetBitLength() > 127)
        {
            throw new OverflowException("The value does not fit in 128 bits.");
        }

        return new((long)(ulong)((value >> 64) & ulong.MaxValue), (ulong)(value & ulong.MaxValue));
    }

    public int CompareTo(Fixed128 other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    public bool Equals(Fixed128 other) => this == other;

    public override bool Equals(object? obj) => obj is Fixed128 other && this == other;

    public override int GetHashCode() => HashCode.Combine(High, Low);

    /// <summary>The 128-bit integer in decimal (invariant culture), as <see cref="Int128"/> writes it.</summary>
    public override string ToString() => ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
