using System.Text;
using CollabMetrics.Geography;

namespace CollabMetrics.IO;

/// <summary>
/// Comparison keys for author names as bibliographic exports spell them: "Russell, Thomas P." (full),
/// "Russell, TP" (Web of Science abbreviation), "Russell T.P." (older Scopus), "Russell, T.P." (Scopus with
/// affiliations). Used to link address prefixes and reprint authors to the byline.
/// </summary>
internal static class PersonNameKey
{
    /// <summary>The whole name folded: upper case, no diacritics, punctuation as single spaces.</summary>
    internal static string Exact(string name) => CountryData.NormalizeName(name);

    /// <summary>
    /// Surname and initials: "RUSSELL|TP" for "Russell, Thomas P.", "Russell, TP", "Russell T.P." and "Russell, T.P.".
    /// </summary>
    internal static string Initials(string name)
    {
        name = name.Trim();
        string surname, given;
        int comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            surname = name[..comma];
            given = name[(comma + 1)..].Trim();
        }
        else
        {
            int space = name.LastIndexOf(' ');
            if (space < 0)
            {
                return CountryData.NormalizeName(name) + "|";
            }

            surname = name[..space];
            given = name[(space + 1)..].Trim();
        }

        var sb = new StringBuilder(CountryData.NormalizeName(surname)).Append('|');
        bool compact = given.Length is > 0 and <= 4;
        foreach (var ch in given)
        {
            if (!char.IsUpper(ch) || !char.IsLetter(ch))
            {
                compact = false;
                break;
            }
        }

        if (compact)
        {
            // "TP": already initials.
            return sb.Append(CountryData.NormalizeName(given).Replace(" ", string.Empty, StringComparison.Ordinal)).ToString();
        }

        bool atWordStart = true;
        foreach (var ch in given)
        {
            if (char.IsLetter(ch))
            {
                if (atWordStart)
                {
                    var folded = CountryData.NormalizeName(ch.ToString());
                    sb.Append(folded.Length > 0 ? folded[0] : char.ToUpperInvariant(ch));
                }

                atWordStart = false;
            }
            else
            {
                atWordStart = true;
            }
        }

        return sb.ToString();
    }
}
