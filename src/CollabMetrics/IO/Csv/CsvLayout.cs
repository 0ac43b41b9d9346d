using System.Text;

namespace CollabMetrics.IO.Csv;

/// <summary>The columns of one CollabMetrics CSV file: where each known column is, and how many fields a row has.</summary>
internal sealed class CsvLayout
{
    internal const int PublicationId = 0;
    internal const int Source = 1;
    internal const int Doi = 2;
    internal const int Year = 3;
    internal const int AuthorPosition = 4;
    internal const int AuthorId = 5;
    internal const int Corresponding = 6;
    internal const int InstitutionId = 7;
    internal const int InstitutionName = 8;
    internal const int Country = 9;
    internal const int Technologies = 10;
    internal const int Citations = 11;
    internal const int DocumentType = 12;
    internal const int Retracted = 13;
    internal const int Paratext = 14;
    internal const int AuthorsTruncated = 15;

    internal CsvLayout(int[] index, int width)
    {
        Index = index;
        Width = width;
    }

    /// <summary>For each of <see cref="CsvColumns.All"/>, its field index in a row, or -1.</summary>
    internal int[] Index { get; }

    /// <summary>Fields in the header row.</summary>
    internal int Width { get; }

    /// <summary>The name of field <paramref name="field"/> when it is a known column, else null.</summary>
    internal string? ColumnName(int field)
    {
        int known = Array.IndexOf(Index, field);
        return known >= 0 ? CsvColumns.All[known] : null;
    }

    /// <summary>Whether <paramref name="value"/> is <paramref name="name"/>, ignoring ASCII case and surrounding spaces and tabs (a header cell).</summary>
    internal static bool IsHeaderName(ReadOnlySpan<byte> value, ReadOnlySpan<byte> name) =>
        value.Length >= name.Length && System.Text.Ascii.EqualsIgnoreCase(value.Trim(" \t"u8), name);

    /// <summary>Whether UTF-8 <paramref name="text"/> is empty or only white space, as <see cref="string.IsNullOrWhiteSpace"/> says.</summary>
    internal static bool IsWhiteSpace(ReadOnlySpan<byte> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (b >= 0x80)
            {
                return string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(text));
            }

            if (!char.IsWhiteSpace((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
