using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CollabMetrics.Geography;

/// <summary>
/// A country or territory, identified by its ISO 3166-1 alpha-2 code. A two-byte value type: cheap to
/// store per affiliation, compare and hash.
/// </summary>
/// <remarks>
/// <para>
/// Every ISO 3166-1 entry is known (249 codes), plus <c>XK</c> (Kosovo), the user-assigned code that
/// OpenAlex, the European Commission and the World Bank use. <see cref="Unknown"/> (the default value) stands
/// for "no resolved country".
/// </para>
/// <para>
/// <see cref="Parse(string)"/> accepts alpha-2 and alpha-3 codes, the English short, common and official
/// names, and common English names and abbreviations (<c>UK</c>, <c>USA</c>, <c>Russia</c>, <c>Turkey</c>,
/// <c>DR Congo</c>), ignoring case, diacritics and punctuation. A name that stands for several countries
/// (<c>Korea</c>, <c>Congo</c>, <c>Virgin Islands</c>) is refused with the choices. Every API that takes a
/// country or unit by name uses this table. Free-text addresses are resolved by <c>CountryResolver</c>, not here.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// Country cn = Country.Parse("CHN");          // CN
/// Country kr = Country.Parse("South Korea");  // KR
/// string name = kr.Name;                      // "Korea, Republic of"
/// </code>
/// </example>
public readonly struct Country : IEquatable<Country>, IComparable<Country>, ISpanFormattable
{
    /// <summary>The largest value of <see cref="Id"/>; ids run from 1 to this value (26 x 26).</summary>
    internal const int MaxId = 26 * 26;

    private readonly ushort _id;

    private Country(ushort id) => _id = id;

    /// <summary>No resolved country: the default value.</summary>
    public static Country Unknown => default;

    /// <summary>Whether this value is a country rather than <see cref="Unknown"/>.</summary>
    public bool IsKnown => _id != 0;

    /// <summary>
    /// A dense integer from 1 to 676 derived from the alpha-2 code (0 for <see cref="Unknown"/>), usable as an
    /// array index. Stable across runs and machines.
    /// </summary>
    public int Id => _id;

    /// <summary>The ISO 3166-1 alpha-2 code, such as <c>CN</c>; an empty string for <see cref="Unknown"/>.</summary>
    public string Code => _id == 0 ? string.Empty : CountryData.CodeOf(_id);

    /// <summary>The ISO 3166-1 alpha-3 code, such as <c>CHN</c>; an empty string for <see cref="Unknown"/>.</summary>
    public string Alpha3 => CountryData.EntryOf(_id)?.Alpha3 ?? string.Empty;

    /// <summary>The English short name of ISO 3166-1, such as <c>Korea, Republic of</c>.</summary>
    public string Name => CountryData.EntryOf(_id)?.Name ?? string.Empty;

    /// <summary>The English common name where ISO gives one (<c>South Korea</c>), else <see cref="Name"/>.</summary>
    public string CommonName => CountryData.EntryOf(_id) is { } e ? e.CommonName ?? e.Name : string.Empty;

    /// <summary>Every known country, ordered by code.</summary>
    public static IReadOnlyList<Country> All => CountryData.All;

    /// <summary>China (CN).</summary>
    public static Country China => FromKnownCode("CN");

    /// <summary>Hong Kong (HK).</summary>
    public static Country HongKong => FromKnownCode("HK");

    /// <summary>Macao (MO).</summary>
    public static Country Macao => FromKnownCode("MO");

    /// <summary>Taiwan (TW).</summary>
    public static Country Taiwan => FromKnownCode("TW");

    /// <summary>The United Kingdom (GB), which includes England, Scotland, Wales and Northern Ireland.</summary>
    public static Country UnitedKingdom => FromKnownCode("GB");

    /// <summary>The United States (US).</summary>
    public static Country UnitedStates => FromKnownCode("US");

    /// <summary>The country with the given <see cref="Id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is not the id of a known country.</exception>
    public static Country FromId(int id)
    {
        if (id == 0)
        {
            return Unknown;
        }

        if (id < 0 || id > MaxId || !CountryData.IsKnown(id))
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "Not the id of a known country.");
        }

        return new Country((ushort)id);
    }

    /// <summary>Parses a country code or English name (see the remarks of <see cref="Country"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">
    /// The text is not a known country code or name (the message gives the closest names), or stands for several
    /// countries (the message lists them).
    /// </exception>
    public static Country Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var country))
        {
            ThrowUnknown(text);
        }

        return country;
    }

    /// <summary>
    /// Tries to parse a country code or English name. Returns false, and <see cref="Unknown"/>, when the
    /// text is empty, not recognised, or ambiguous (such as <c>Korea</c>).
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Country country)
    {
        if (text is null)
        {
            country = Unknown;
            return false;
        }

        return TryParse(text.AsSpan(), out country);
    }

    /// <inheritdoc cref="TryParse(string?, out Country)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Country country)
    {
        text = text.Trim();
        if (text.Length == 2 && TryParseAlpha2(text, out country))
        {
            return true;
        }

        return CountryData.TryParseName(text, out country);
    }

    /// <summary>
    /// Tries to read an ISO 3166-1 alpha-2 code (either case) and nothing else. This is what the CollabMetrics CSV
    /// format and OpenAlex use.
    /// </summary>
    public static bool TryParseAlpha2(ReadOnlySpan<char> code, out Country country)
    {
        if (code.Length == 2)
        {
            int a = char.ToUpperInvariant(code[0]) - 'A';
            int b = char.ToUpperInvariant(code[1]) - 'A';
            if ((uint)a < 26 && (uint)b < 26)
            {
                int id = (a * 26) + b + 1;
                if (CountryData.IsKnown(id))
                {
                    country = new Country((ushort)id);
                    return true;
                }
            }
        }

        country = Unknown;
        return false;
    }

    /// <summary>
    /// As <see cref="TryParseAlpha2(ReadOnlySpan{char}, out Country)"/>, from UTF-8 bytes (no conversion to text): two
    /// ASCII letters of either case that make a known code, and nothing else.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseAlpha2Utf8(ReadOnlySpan<byte> code, out Country country)
    {
        if (code.Length == 2)
        {
            // OR 0x20 lower-cases an ASCII letter and moves no other byte into a-z.
            uint a = (uint)((code[0] | 0x20) - 'a');
            uint b = (uint)((code[1] | 0x20) - 'a');
            if (a < 26 && b < 26)
            {
                int id = (int)((a * 26) + b + 1);
                if (CountryData.IsKnown(id))
                {
                    country = new Country((ushort)id);
                    return true;
                }
            }
        }

        country = Unknown;
        return false;
    }

    internal static Country FromKnownCode(string alpha2) =>
        TryParseAlpha2(alpha2, out var c) ? c : throw new ArgumentException($"'{alpha2}' is not a known code.", nameof(alpha2));

    internal static Country FromIdUnchecked(int id) => new((ushort)id);

    /// <inheritdoc/>
    public bool Equals(Country other) => _id == other._id;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Country other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _id;

    /// <summary>Orders by alpha-2 code; <see cref="Unknown"/> first.</summary>
    public int CompareTo(Country other) => _id.CompareTo(other._id);

    /// <summary>The alpha-2 code, or an empty string for <see cref="Unknown"/>.</summary>
    public override string ToString() => Code;

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => Code;

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var code = Code;
        if (code.AsSpan().TryCopyTo(destination))
        {
            charsWritten = code.Length;
            return true;
        }

        charsWritten = 0;
        return false;
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Country left, Country right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Country left, Country right) => !left.Equals(right);

    /// <summary>Ordering by code.</summary>
    public static bool operator <(Country left, Country right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by code.</summary>
    public static bool operator >(Country left, Country right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by code.</summary>
    public static bool operator <=(Country left, Country right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by code.</summary>
    public static bool operator >=(Country left, Country right) => left.CompareTo(right) >= 0;

    /// <summary>Converts an alpha-2 code, alpha-3 code or English name; throws <see cref="FormatException"/> when unknown.</summary>
    public static implicit operator Country(string code) => Parse(code);

    /// <summary>
    /// Why <paramref name="text"/> is not a country, in one sentence: ambiguous (with the choices) or unknown (with the
    /// closest names).
    /// </summary>
    internal static string DescribeUnknown(string text)
    {
        if (CountryData.AmbiguousChoices(text) is { } choices)
        {
            return $"'{text}' is ambiguous: use {CountryData.DescribeChoices(choices)}.";
        }

        var closest = CountryData.Closest(text);
        return closest.Count > 0
            ? $"'{text}' is not a known country code or name; closest: {string.Join(", ", closest)}."
            : $"'{text}' is not a known ISO 3166-1 alpha-2 or alpha-3 code or English country name.";
    }

    [DoesNotReturn]
    private static void ThrowUnknown(string text) =>
        throw new FormatException(DescribeUnknown(text) + " Use an address resolver for free-text addresses.");
}
