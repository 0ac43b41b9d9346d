using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text;

namespace CollabMetrics.Geography;

/// <summary>Lookup tables behind <see cref="Country"/>, built once from <see cref="IsoCountryTable"/>.</summary>
/// <remarks>
/// Each group of tables is built when it is first used: a read that only turns codes into countries and back (every
/// streamed table from a file with country codes) builds the two arrays by id, not the name dictionaries, the list of
/// suggestions for a mistyped name or the list of every country.
/// </remarks>
internal static class CountryData
{
    private static readonly IsoCountryEntry?[] s_byId = BuildById();
    private static readonly string[] s_codes = BuildCodes();

    /// <summary>Every country, ordered by code.</summary>
    internal static IReadOnlyList<Country> All => Everything.All;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsKnown(int id) => (uint)id <= Country.MaxId && s_byId[id] is not null;

    internal static IsoCountryEntry? EntryOf(int id) => s_byId[id];

    internal static string CodeOf(int id) => s_codes[id];

    /// <summary>
    /// A name a user gives (alpha-3 code, ISO short, common or official name, or a common English name of
    /// <see cref="CountryNames"/>); false for unknown and for ambiguous names.
    /// </summary>
    internal static bool TryParseName(ReadOnlySpan<char> text, out Country country)
    {
        var key = NormalizeName(text);
        if (key.Length > 0 && Names.ByUserName.TryGetValue(key, out country))
        {
            return true;
        }

        country = Country.Unknown;
        return false;
    }

    /// <summary>The countries an ambiguous name (such as "Korea") may mean, or null when the name is not ambiguous.</summary>
    internal static IReadOnlyList<Country>? AmbiguousChoices(ReadOnlySpan<char> text) =>
        Names.Ambiguous.TryGetValue(NormalizeName(text), out var choices) ? choices : null;

    /// <summary>"KR (South Korea) or KP (North Korea)".</summary>
    internal static string DescribeChoices(IReadOnlyList<Country> choices)
    {
        var parts = new string[choices.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = $"{choices[i].Code} ({choices[i].CommonName})";
        }

        return parts.Length <= 1 ? string.Concat(parts) : string.Join(", ", parts[..^1]) + " or " + parts[^1];
    }

    /// <summary>
    /// Up to <paramref name="max"/> country names closest to <paramref name="text"/> by edit distance on the folded
    /// names (and codes), as "United Kingdom (GB)", nearest first; empty when nothing is close.
    /// </summary>
    internal static IReadOnlyList<string> Closest(string text, int max = 3)
    {
        var key = NormalizeName(text);
        if (key.Length == 0)
        {
            return [];
        }

        int limit = Math.Max(1, key.Length / 3);
        var best = new List<(int Distance, string Display, string Code)>();
        foreach (var (candidate, display, code) in Suggestions.Entries)
        {
            int distance = NameDistance.Between(key, candidate, limit);
            if (distance <= limit || (key.Length >= 3 && candidate.StartsWith(key, StringComparison.Ordinal)))
            {
                best.Add((Math.Min(distance, limit), display, code));
            }
        }

        best.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Display, b.Display));
        var result = new List<string>(max);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, display, code) in best)
        {
            if (seen.Add(code))
            {
                result.Add(display);
                if (result.Count == max)
                {
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>Looks up a key already folded by <see cref="NormalizeName"/> (alpha-3 codes and names).</summary>
    internal static bool TryGetByKey(string key, out Country country)
    {
        if (key.Length > 0 && Names.ByName.TryGetValue(key, out country))
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

    private static FrozenDictionary<string, Country> BuildUserNames()
    {
        var names = new Dictionary<string, Country>(Names.ByName, StringComparer.Ordinal);
        foreach (var (name, code) in CountryNames.Common)
        {
            names[NormalizeName(name)] = Country.FromIdUnchecked(IdOf(code));
        }

        foreach (var (name, _) in CountryNames.Ambiguous)
        {
            names.Remove(NormalizeName(name));
        }

        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, Country[]> BuildAmbiguous()
    {
        var names = new Dictionary<string, Country[]>(StringComparer.Ordinal);
        foreach (var (name, codes) in CountryNames.Ambiguous)
        {
            names[NormalizeName(name)] = Array.ConvertAll(codes, c => Country.FromIdUnchecked(IdOf(c)));
        }

        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static (string Key, string Display, string Code)[] BuildSuggestions()
    {
        var list = new List<(string, string, string)>();
        foreach (var (key, country) in Names.ByUserName)
        {
            var entry = s_byId[country.Id]!;
            list.Add((key, $"{entry.CommonName ?? entry.Name} ({entry.Alpha2})", entry.Alpha2));
        }

        for (int id = 1; id <= Country.MaxId; id++)
        {
            if (s_byId[id] is { } e)
            {
                list.Add((e.Alpha2, $"{e.CommonName ?? e.Name} ({e.Alpha2})", e.Alpha2));
            }
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return [.. list];
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

    /// <summary>The names a user or an address may give, by folded key (<see cref="NormalizeName"/>).</summary>
    private static class Names
    {
        internal static readonly FrozenDictionary<string, Country> ByName = BuildNames();
        internal static readonly FrozenDictionary<string, Country> ByUserName = BuildUserNames();
        internal static readonly FrozenDictionary<string, Country[]> Ambiguous = BuildAmbiguous();
    }

    /// <summary>The keys, labels and codes <see cref="Closest"/> searches, ordered by key.</summary>
    private static class Suggestions
    {
        internal static readonly (string Key, string Display, string Code)[] Entries = BuildSuggestions();
    }

    /// <summary>The list of every country.</summary>
    private static class Everything
    {
        internal static readonly IReadOnlyList<Country> All = Array.AsReadOnly(BuildAll());
    }

    private static int IdOf(string alpha2) => ((alpha2[0] - 'A') * 26) + (alpha2[1] - 'A') + 1;
}
