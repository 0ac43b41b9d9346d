using System.Text;

namespace CollabMetrics.IO.Csv;

/// <summary>The column names of the CollabMetrics CSV format, in the order the writer writes them.</summary>
internal static class CsvColumns
{
    public const string PublicationId = "publication_id";
    public const string Source = "source";
    public const string Doi = "doi";
    public const string Year = "year";
    public const string AuthorPosition = "author_position";
    public const string AuthorId = "author_id";
    public const string Corresponding = "corresponding";
    public const string InstitutionId = "institution_id";
    public const string InstitutionName = "institution_name";
    public const string Country = "country";
    public const string Technologies = "technologies";
    public const string Citations = "citations";
    public const string DocumentType = "document_type";
    public const string Retracted = "retracted";
    public const string Paratext = "paratext";
    public const string AuthorsTruncated = "authors_truncated";

    /// <summary>Every column, in writing order.</summary>
    public static readonly string[] All =
    [
        PublicationId, Source, Doi, Year, AuthorPosition, AuthorId, Corresponding,
        InstitutionId, InstitutionName, Country, Technologies, Citations,
        DocumentType, Retracted, Paratext, AuthorsTruncated,
    ];

    /// <summary>Columns a file must have.</summary>
    public static readonly string[] Required = [PublicationId, Year, AuthorPosition, Country];

    /// <summary>
    /// Matches a header row to the known columns, independently of the CSV parser: names compare ignoring case and
    /// surrounding white space (and a byte order mark); the first of repeated names wins. Names that were not valid
    /// UTF-8 match nothing and are listed; unknown names are listed with the closest known column when one is
    /// near (a misspelling).
    /// </summary>
    /// <param name="names">The header's names, decoded.</param>
    /// <param name="valid">For each name, whether its bytes were valid UTF-8.</param>
    public static HeaderMatch MatchHeader(IReadOnlyList<string> names, IReadOnlyList<bool> valid)
    {
        var index = new int[All.Length];
        Array.Fill(index, -1);
        var invalid = new List<string>();
        var unknown = new List<(string Name, string? Suggestion)>();
        for (int i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim().TrimStart('\uFEFF').Trim();
            if (!valid[i])
            {
                invalid.Add(name);
                continue;
            }

            int column = Array.FindIndex(All, c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (column < 0)
            {
                if (name.Length > 0)
                {
                    unknown.Add((name, Closest(name)));
                }

                continue;
            }

            if (index[column] < 0)
            {
                index[column] = i;
            }
        }

        string? missing = null;
        foreach (var column in Required)
        {
            if (index[Array.IndexOf(All, column)] < 0)
            {
                missing = column;
                break;
            }
        }

        return new HeaderMatch(index, invalid, unknown, missing);
    }

    /// <summary>The known column within two edits of <paramref name="name"/>, or null.</summary>
    internal static string? Closest(string name)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (var column in All)
        {
            int d = Distance(name.ToLowerInvariant(), column);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = column;
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>Joins technology labels with <c>;</c>, escaping <c>\</c> as <c>\\</c> and <c>;</c> as <c>\;</c>.</summary>
    public static string JoinTechnologies(IReadOnlyList<string> labels, StringBuilder scratch)
    {
        if (labels.Count == 0)
        {
            return string.Empty;
        }

        if (labels.Count == 1 && labels[0].AsSpan().IndexOfAny('\\', ';') < 0)
        {
            return labels[0];
        }

        scratch.Clear();
        for (int i = 0; i < labels.Count; i++)
        {
            if (i > 0)
            {
                scratch.Append(';');
            }

            foreach (char c in labels[i])
            {
                if (c is '\\' or ';')
                {
                    scratch.Append('\\');
                }

                scratch.Append(c);
            }
        }

        return scratch.ToString();
    }

    /// <summary>Splits a <c>technologies</c> value written by <see cref="JoinTechnologies"/>; empty labels are dropped.</summary>
    public static string[] SplitTechnologies(string value, StringBuilder scratch)
    {
        if (value.Length == 0)
        {
            return [];
        }

        if (value.AsSpan().IndexOfAny('\\', ';') < 0)
        {
            return [value];
        }

        var labels = new List<string>();
        scratch.Clear();
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                scratch.Append(value[++i]);
            }
            else if (c == ';')
            {
                AddLabel(labels, scratch);
            }
            else
            {
                scratch.Append(c);
            }
        }

        AddLabel(labels, scratch);
        return [.. labels];

        static void AddLabel(List<string> labels, StringBuilder scratch)
        {
            var label = scratch.ToString();
            if (!string.IsNullOrWhiteSpace(label))
            {
                labels.Add(label);
            }

            scratch.Clear();
        }
    }
}

/// <summary>A header row matched to the CollabMetrics CSV columns.</summary>
/// <param name="Index">For each of <see cref="CsvColumns.All"/>, its index in the row, or -1.</param>
/// <param name="InvalidNames">Names that were not valid UTF-8 (ignored).</param>
/// <param name="Unknown">Names that are not columns of the format (ignored), with the closest column when near.</param>
/// <param name="MissingRequired">The first required column that is absent, or null.</param>
internal sealed record HeaderMatch(int[] Index, IReadOnlyList<string> InvalidNames, IReadOnlyList<(string Name, string? Suggestion)> Unknown, string? MissingRequired);
