using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CollabMetrics.Geography;

/// <summary>
/// Resolves the country of a free-text affiliation address ("Univ Massachusetts, Amherst, MA 01003 USA") from
/// its last comma-separated segment, as Web of Science, Scopus and OpenAlex raw affiliation strings write it.
/// </summary>
/// <remarks>
/// <para>
/// The resolver never searches for a country name inside the text: "Indiana Univ, Bloomington, IN 47405 USA" is
/// the United States, not India; "Beth Israel Deaconess Med Ctr, Boston, MA 02215 USA" is not Israel;
/// "Papua New Guinea" is not Guinea. It looks, in this order, at:
/// </para>
/// <list type="number">
/// <item>the last three and the last two segments joined, for names that contain a comma ("Korea, Republic of");</item>
/// <item>the last segment as a whole: ISO 3166-1 alpha-2, alpha-3, English short, common and official names,
/// Web of Science and Scopus spellings ("Peoples R China", "North Ireland", "U Arab Emirates"), historical names
/// (USSR, Yugoslavia, ...) and the caller's aliases;</item>
/// <item>the last segment without postal codes and a leading US state or Canadian province code
/// ("TN 37830 USA", "ON K1A 0R6 Canada");</item>
/// <item>postal codes alone: a US state code with a ZIP code ("TN 37830"), a Canadian postal code
/// ("ON K1A 0R6"), a UK postcode ("Coventry CV4 7AL").</item>
/// </list>
/// <para>
/// When the result is China and the segment before it is Hong Kong, Macao or Taiwan ("Kowloon, Hong Kong,
/// Peoples R China"), that territory is returned: the resolver always returns ISO codes, and a
/// <see cref="TerritoryPolicy"/> decides later how territories are counted. A lone two-letter segment that is
/// also a US state or Canadian province code ("Bloomington, IN") is ambiguous and left unresolved.
/// </para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
/// <example>
/// <code>
/// var resolver = CountryResolver.Default;
/// Country us = resolver.Resolve("Indiana Univ, Dept Phys, Bloomington, IN 47405 USA");   // US
/// Country hk = resolver.Resolve("Hong Kong Univ Sci &amp; Technol, Kowloon, Hong Kong, Peoples R China"); // HK
/// bool ok = resolver.TryResolve("Somewhere, Atlantis", out _);                        // false
/// </code>
/// </example>
public sealed class CountryResolver
{
    private static readonly FrozenDictionary<string, Country> s_builtIn = BuildBuiltIn();
    private static readonly FrozenSet<string> s_usStates = AddressAliases.UsStates.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> s_provinces = AddressAliases.CanadianProvinces.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] s_emailMarkers = ["Electronic address", "e-mail:", "email:"];

    private readonly FrozenDictionary<string, Country> _aliases;

    /// <summary>Creates a resolver with the built-in tables and the aliases of <paramref name="options"/>.</summary>
    /// <param name="options">Options; default <see cref="CountryResolverOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">An alias is blank, folds to nothing, or maps to <see cref="Country.Unknown"/>.</exception>
    public CountryResolver(CountryResolverOptions? options = null)
    {
        Options = options ?? CountryResolverOptions.Default;
        var aliases = new Dictionary<string, Country>(StringComparer.Ordinal);
        foreach (var (alias, country) in Options.Aliases)
        {
            var key = CountryData.NormalizeName(alias);
            if (key.Length == 0)
            {
                throw new ArgumentException($"Alias '{alias}' has no letters or digits. Give the name as it appears in addresses.", nameof(options));
            }

            if (!country.IsKnown)
            {
                throw new ArgumentException($"Alias '{alias}' maps to no country. Pass a known Country, for example Country.Parse(\"DE\").", nameof(options));
            }

            aliases[key] = country;
        }

        _aliases = aliases.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A resolver with the built-in tables only.</summary>
    public static CountryResolver Default { get; } = new();

    /// <summary>The options this resolver was created with.</summary>
    public CountryResolverOptions Options { get; }

    /// <summary>
    /// The built-in aliases beyond ISO 3166-1 (source spellings, abbreviations and historical names), keyed by
    /// their spelling in the table, for documentation and inspection.
    /// </summary>
    public static IReadOnlyDictionary<string, Country> BuiltInAliases { get; } = BuildBuiltInForDisplay();

    /// <summary>The country of <paramref name="address"/>, or <see cref="Country.Unknown"/> when it cannot be resolved.</summary>
    public Country Resolve(string? address)
    {
        TryResolve(address, out var country);
        return country;
    }

    /// <summary>Tries to resolve the country of an address; false (and <see cref="Country.Unknown"/>) when it cannot.</summary>
    public bool TryResolve([NotNullWhen(true)] string? address, out Country country)
    {
        country = Country.Unknown;
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var segments = Split(address);
        while (segments.Count > 0 && IsNoise(segments[^1]))
        {
            segments.RemoveAt(segments.Count - 1);
        }

        if (segments.Count == 0)
        {
            return false;
        }

        // Names that contain a comma: "Korea, Republic of", "Taiwan, Province of China".
        for (int k = Math.Min(3, segments.Count); k >= 2; k--)
        {
            var key = CountryData.NormalizeName(string.Join(' ', segments.GetRange(segments.Count - k, k)));
            if (TryName(key, out country))
            {
                return true;
            }
        }

        if (!TrySegment(segments[^1], segments.Count > 1, out country))
        {
            return false;
        }

        // "Kowloon, Hong Kong, Peoples R China": the territory, not China.
        if (country == Country.China && segments.Count > 1 && TrySegment(segments[^2], true, out var territory)
            && (territory == Country.HongKong || territory == Country.Macao || territory == Country.Taiwan))
        {
            country = territory;
        }

        return true;
    }

    private static List<string> Split(string address)
    {
        // "..., China. Electronic address: x@y.cn", "..., United States; email: x@y.edu": drop the e-mail part.
        foreach (var marker in s_emailMarkers)
        {
            int at = address.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                address = address[..at];
            }
        }

        var parts = address.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var list = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            var trimmed = part;
            if (trimmed.Contains('@', StringComparison.Ordinal))
            {
                // "Rome, Italy fradefelice@hotmail.it": keep the words, drop the e-mail address.
                var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                trimmed = string.Join(' ', Array.FindAll(words, w => !w.Contains('@', StringComparison.Ordinal)));
            }

            trimmed = trimmed.Trim().TrimEnd('.', ' ');
            if (trimmed.Length > 0)
            {
                list.Add(trimmed);
            }
        }

        return list;
    }

    /// <summary>A trailing segment that cannot name a country: no letters ("60-965"), or an e-mail address.</summary>
    private static bool IsNoise(string segment)
    {
        if (segment.StartsWith("email", StringComparison.OrdinalIgnoreCase) || segment.StartsWith("e-mail", StringComparison.OrdinalIgnoreCase) || segment.Contains('@', StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var ch in segment)
        {
            if (char.IsLetter(ch))
            {
                return false;
            }
        }

        return true;
    }

    private bool TrySegment(string segment, bool hasPrevious, out Country country)
    {
        var key = CountryData.NormalizeName(segment);
        if (key.Length == 0)
        {
            country = Country.Unknown;
            return false;
        }

        if (_aliases.TryGetValue(key, out country) || s_builtIn.TryGetValue(key, out country))
        {
            return true;
        }

        if (key.Length == 2)
        {
            // "Bloomington, IN": a state or province code, not India; left unresolved rather than guessed.
            if (hasPrevious && (s_usStates.Contains(key) || s_provinces.Contains(key)))
            {
                country = Country.Unknown;
                return false;
            }

            return Country.TryParseAlpha2(key, out country);
        }

        if (TryName(key, out country))
        {
            return true;
        }

        return TryPostal(key.Split(' '), out country);
    }

    private bool TryName(string key, out Country country)
    {
        if (_aliases.TryGetValue(key, out country) || s_builtIn.TryGetValue(key, out country))
        {
            return true;
        }

        return key.Length > 2 && CountryData.TryParseName(key, out country);
    }

    /// <summary>
    /// "TN 37830 USA", "ON K1A 0R6 Canada", "TN 37830", "ON K1A 0R6", "Coventry CV4 7AL": postal codes and a leading
    /// state or province code around the country word, or postal codes that identify the country themselves.
    /// </summary>
    private bool TryPostal(string[] tokens, out Country country)
    {
        int start = 0, end = tokens.Length;
        // A state or province code ("TX USA"), or any two-letter region code before a postal code ("PR 00680 USA").
        if (start < end && (s_usStates.Contains(tokens[0]) || s_provinces.Contains(tokens[0])
            || (tokens[0].Length == 2 && tokens.Length > 1 && HasDigit(tokens[1]))))
        {
            start++;
        }

        while (start < end && HasDigit(tokens[start]))
        {
            start++;
        }

        while (end > start && HasDigit(tokens[end - 1]))
        {
            end--;
        }

        if (end > start && (start > 0 || end < tokens.Length))
        {
            var rest = string.Join(' ', tokens, start, end - start);
            if (rest.Length > 2 && TryName(rest, out country))
            {
                return true;
            }
        }

        int n = tokens.Length;

        // US: state code, five-digit ZIP, optional ZIP+4 ("TN 37830", "TN 37830 6285").
        int zip = n >= 3 && IsDigits(tokens[n - 1], 4) && IsDigits(tokens[n - 2], 5) ? n - 2 : n - 1;
        if (zip >= 1 && IsDigits(tokens[zip], 5) && s_usStates.Contains(tokens[zip - 1]))
        {
            country = Country.UnitedStates;
            return true;
        }

        // Canada: "K1A 0R6", optionally after a province code.
        if (n >= 2 && IsCanadianFsa(tokens[n - 2]) && IsCanadianLdu(tokens[n - 1]))
        {
            country = Country.Parse("CA");
            return true;
        }

        // United Kingdom: "CV4 7AL", "AL10 9AB", "WC1E 6BT".
        if (n >= 2 && IsUkOutward(tokens[n - 2]) && IsUkInward(tokens[n - 1]))
        {
            country = Country.UnitedKingdom;
            return true;
        }

        country = Country.Unknown;
        return false;
    }

    private static bool HasDigit(string token)
    {
        foreach (var ch in token)
        {
            if (char.IsAsciiDigit(ch))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDigits(string token, int length)
    {
        if (token.Length != length)
        {
            return false;
        }

        foreach (var ch in token)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCanadianFsa(string t) =>
        t.Length == 3 && char.IsAsciiLetterUpper(t[0]) && char.IsAsciiDigit(t[1]) && char.IsAsciiLetterUpper(t[2]);

    private static bool IsCanadianLdu(string t) =>
        t.Length == 3 && char.IsAsciiDigit(t[0]) && char.IsAsciiLetterUpper(t[1]) && char.IsAsciiDigit(t[2]);

    private static bool IsUkOutward(string t)
    {
        // A9, A99, AA9, AA99, A9A, AA9A.
        if (t.Length < 2 || t.Length > 4 || !char.IsAsciiLetterUpper(t[0]))
        {
            return false;
        }

        int i = char.IsAsciiLetterUpper(t[1]) ? 2 : 1;
        if (i >= t.Length || !char.IsAsciiDigit(t[i]))
        {
            return false;
        }

        i++;
        return i == t.Length || (i == t.Length - 1 && char.IsAsciiLetterOrDigit(t[i]));
    }

    private static bool IsUkInward(string t) =>
        t.Length == 3 && char.IsAsciiDigit(t[0]) && char.IsAsciiLetterUpper(t[1]) && char.IsAsciiLetterUpper(t[2]);

    private static FrozenDictionary<string, Country> BuildBuiltIn()
    {
        var map = new Dictionary<string, Country>(StringComparer.Ordinal);
        foreach (var (alias, code) in AddressAliases.Names)
        {
            map[CountryData.NormalizeName(alias)] = Country.FromKnownCode(code);
        }

        foreach (var (alias, code) in AddressAliases.Historical)
        {
            map[CountryData.NormalizeName(alias)] = Country.FromKnownCode(code);
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, Country> BuildBuiltInForDisplay()
    {
        var map = new Dictionary<string, Country>(StringComparer.Ordinal);
        foreach (var (alias, code) in AddressAliases.Names)
        {
            map[alias] = Country.FromKnownCode(code);
        }

        foreach (var (alias, code) in AddressAliases.Historical)
        {
            map[alias] = Country.FromKnownCode(code);
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
