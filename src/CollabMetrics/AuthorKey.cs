using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// The key that identifies an author across publications in author-level networks: the id the source gives
/// (<see cref="Author.Id"/>: an OpenAlex author id, a Scopus author id, an id column of a CSV file) when there is
/// one, else a name key made from <see cref="Author.Name"/>.
/// </summary>
/// <remarks>
/// <para>
/// The name key is the normalised "LAST, F" form: the surname, folded (upper case, diacritics removed, every run of
/// characters other than letters and digits turned into one space, trimmed), a comma and a space, and the first
/// letter of the given names, folded the same way. The surname is the text before the first comma; without a
/// comma, the text before the last space ("Russell T.P."); a name of one word is all surname, and its key is the
/// folded surname alone. "Russell, Thomas P.", "Russell, TP", "Russell T.P." and "RUSSELL, T." all give
/// "RUSSELL, T"; "Sun, Zhiwei" and "Sun, ZW" give "SUN, Z"; "Perianes-Rodríguez, A." gives "PERIANES RODRIGUEZ, A".
/// A name without any letter or digit in its surname gives no key.
/// </para>
/// <para>
/// Two people with the same surname and first initial share a name key (a homonym), and one person written with
/// different first names or an id in one source and a name in another gets two keys: the usual limits of
/// name-based author disambiguation, stated with every author-level result.
/// </para>
/// </remarks>
internal static class AuthorKey
{
    /// <summary>The longest name key made; longer surnames are cut.</summary>
    internal const int MaxLength = 256;

    /// <summary>Writes the name key of <paramref name="name"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/> + 3 long); returns its length, or 0 when the name gives no key.</summary>
    internal static int FromName(ReadOnlySpan<char> name, Span<char> destination)
    {
        name = name.Trim();
        ReadOnlySpan<char> surname, given;
        int comma = name.IndexOf(',');
        if (comma >= 0)
        {
            surname = name[..comma];
            given = name[(comma + 1)..];
        }
        else
        {
            int space = name.LastIndexOf(' ');
            surname = space < 0 ? name : name[..space];
            given = space < 0 ? [] : name[(space + 1)..];
        }

        int length = Fold(surname, destination[..MaxLength]);
        if (length == 0)
        {
            return 0;
        }

        foreach (char ch in given)
        {
            string? folded = ch < 128 ? null : LatinFolding.Fold(ch);
            if (folded is not null || char.IsLetterOrDigit(ch))
            {
                destination[length++] = ',';
                destination[length++] = ' ';
                destination[length++] = folded is not null ? folded[0] : char.ToUpperInvariant(ch);
                break;
            }
        }

        return length;
    }

    /// <summary>The name key of <paramref name="name"/>, or null when it gives none.</summary>
    internal static string? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        Span<char> buffer = stackalloc char[MaxLength + 3];
        int length = FromName(name, buffer);
        return length == 0 ? null : new string(buffer[..length]);
    }

    /// <summary>Folds <paramref name="text"/> as <see cref="CountryData.NormalizeName"/> does, into <paramref name="destination"/>; returns the length (cut at the destination's length).</summary>
    private static int Fold(ReadOnlySpan<char> text, Span<char> destination)
    {
        int length = 0;
        bool pendingSpace = false;
        foreach (char ch in text)
        {
            string? folded = ch < 128 ? null : LatinFolding.Fold(ch);
            if (folded is null && !char.IsLetterOrDigit(ch))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && length > 0 && length < destination.Length)
            {
                destination[length++] = ' ';
            }

            pendingSpace = false;
            if (folded is not null)
            {
                foreach (char f in folded)
                {
                    if (length < destination.Length)
                    {
                        destination[length++] = f;
                    }
                }
            }
            else if (length < destination.Length)
            {
                destination[length++] = char.ToUpperInvariant(ch);
            }
        }

        // A cut may leave a trailing space.
        while (length > 0 && destination[length - 1] == ' ')
        {
            length--;
        }

        return length;
    }
}
