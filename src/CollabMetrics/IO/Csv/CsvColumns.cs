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

    /// <summary>Every column, in writing order.</summary>
    public static readonly string[] All =
    [
        PublicationId, Source, Doi, Year, AuthorPosition, AuthorId, Corresponding,
        InstitutionId, InstitutionName, Country, Technologies, Citations,
    ];

    /// <summary>Columns a file must have.</summary>
    public static readonly string[] Required = [PublicationId, Year, AuthorPosition, Country];

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
