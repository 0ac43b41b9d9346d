using System.Collections.Frozen;
using System.Text;

namespace CollabMetrics.Geography;

/// <summary>Lookup tables behind <see cref="Country"/>, built once from <see cref="IsoCountryTable"/>.</summary>
internal static class CountryData
{
    private static readonly IsoCountryEntry?[] s_byId = BuildById();
    private static readonly string[] s_codes = BuildCodes();
    private static readonly FrozenDictionary<string, Country> s_byName = BuildNames();

    internal static readonly IReadOnlyList<Country> All = BuildAll();

    internal static bool IsKnown(int id) => (uint)id <= Country.MaxId && s_byId[id] is not null;

    internal static IsoCountryEntry? EntryOf(int id) => s_byId[id];

    internal static string CodeOf(int id) => s_codes[id];

    internal static bool TryParseName(ReadOnlySpan<char> text, out Country country)
    {
        var key = NormalizeName(text);
        if (key.Length > 0 && s_byName.TryGetValue(key, out country))
        {
            return true;
        }

        country = Country.Unknown;
        return false;
    }

    /// <summary>Looks up a key already folded by <see cref="NormalizeName"/> (alpha-3 codes and names).</summary>
    internal static bool TryGetByKey(string key, out Country country)
    {
        if (key.Length > 0 && s_byName.TryGetValue(key, out country))
        {
            return true;
        }

        country = Country.Unknown;
        return false;
    }

    /// <summary>
    /// Folds a name to a comparison key: upper case, diacritics removed, every run of characters other than
    /// letters and digits turned into one space, trimmed. "Côte d'Ivoire" and "COTE D IVOIRE" give the same key.
    /// </summary>
    internal static string NormalizeName(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (var ch in text)
        {
            string? folded = ch < 128 ? null : LatinFolding.Fold(ch);
            if (folded is not null || char.IsLetterOrDigit(ch))
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                pendingSpace = false;
                if (folded is not null)
                {
                    sb.Append(folded);
                }
                else
                {
                    sb.Append(char.ToUpperInvariant(ch));
                }
            }
            else
            {
                // Any other character (space, punctuation, apostrophe) separates words.
                pendingSpace = true;
            }
        }

        return sb.ToString();
    }

    private static IsoCountryEntry?[] BuildById()
    {
        var table = new IsoCountryEntry?[Country.MaxId + 1];
        foreach (var e in IsoCountryTable.Entries)
        {
            table[IdOf(e.Alpha2)] = e;
        }

        // Kosovo: user-assigned, but used by OpenAlex, the European Commission and the World Bank.
        table[IdOf("XK")] = new IsoCountryEntry("XK", "XKX", string.Empty, "Kosovo", null, "Republic of Kosovo");
        return table;
    }

    private static string[] BuildCodes()
    {
        var codes = new string[Country.MaxId + 1];
        codes[0] = string.Empty;
        for (int id = 1; id <= Country.MaxId; id++)
        {
            int a = (id - 1) / 26, b = (id - 1) % 26;
            codes[id] = string.Concat((char)('A' + a), (char)('A' + b));
        }

        return codes;
    }

    private static FrozenDictionary<string, Country> BuildNames()
    {
        var names = new Dictionary<string, Country>(StringComparer.Ordinal);
        for (int id = 1; id <= Country.MaxId; id++)
        {
            if (s_byId[id] is not { } e)
            {
                continue;
            }

            var c = Country.FromIdUnchecked(id);
            names.TryAdd(NormalizeName(e.Alpha3), c);
            names.TryAdd(NormalizeName(e.Name), c);
            if (e.CommonName is { } common)
            {
                names.TryAdd(NormalizeName(common), c);
            }

            if (e.OfficialName is { } official)
            {
                names.TryAdd(NormalizeName(official), c);
            }
        }

        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Country[] BuildAll()
    {
        var list = new List<Country>();
        for (int id = 1; id <= Country.MaxId; id++)
        {
            if (s_byId[id] is not null)
            {
                list.Add(Country.FromIdUnchecked(id));
            }
        }

        return [.. list];
    }

    private static int IdOf(string alpha2) => ((alpha2[0] - 'A') * 26) + (alpha2[1] - 'A') + 1;
}
