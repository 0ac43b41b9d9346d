using System.Globalization;
using System.Text;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics.Tests.IO.Csv;

/// <summary>
/// A deliberately simple reader of the CollabMetrics CSV format, written from docs/formats.md and sharing no parsing
/// code with the library: a byte-by-byte RFC 4180 splitter, then the documented grouping (contiguous rows of one
/// publication_id) and validation rules, checked one row at a time in the documented order. It keeps whole strings and
/// lists and is slow on purpose; the chunked reader is compared with it field for field.
/// </summary>
internal static class ReferenceCsvReader
{
    private static readonly string[] Columns =
    [
        "publication_id", "source", "doi", "year", "author_position", "author_id", "corresponding",
        "institution_id", "institution_name", "country", "technologies", "citations",
        "document_type", "retracted", "paratext", "authors_truncated",
    ];

    private static readonly string[] Sources = ["Unknown", "OpenAlex", "WebOfScience", "Scopus", "CollabMetricsCsv", "Synthetic"];

    /// <summary>A rejected record: where, why, which column.</summary>
    public sealed record Reject(SourcePosition Position, SkipReason Reason, string? Field);

    /// <summary>What reading a file gives: publications, records read, skips by reason, rejects in record order, warnings.</summary>
    public sealed record Result(List<Publication> Publications, long RecordsRead, Dictionary<SkipReason, long> Skipped, List<Reject> Rejects, long Warnings, long RepeatedHeaderRows);

    /// <summary>One CSV row: its first line, its unescaped fields, whether its quoting is broken or never closed, its raw bytes.</summary>
    private sealed record Row(long Line, List<byte[]> Fields, bool Malformed, bool Unterminated, byte[] Raw);

    private sealed class Group(string idText, byte[] id, long line, long record)
    {
        public string IdText { get; } = idText;

        public byte[] Id { get; } = id;

        public long Line { get; } = line;

        public long Record { get; } = record;

        public Reject? Rejected { get; set; }

        public int? Year { get; set; }

        public int? Citations { get; set; }

        public DocumentType? Type { get; set; }

        public bool?[] Flags { get; } = new bool?[3];

        public byte[]?[] Texts { get; } = new byte[]?[3];

        public List<(int Position, long Line, string? AuthorId, bool Corresponding, string? InstitutionId, string? InstitutionName, Country Country)> Rows { get; } = [];
    }

    public static Result Read(byte[] data, string file)
    {
        var rows = Split(data);
        var publications = new List<Publication>();
        var rejects = new List<Reject>();
        var skipped = new Dictionary<SkipReason, long>();
        long warnings = 0, repeated = 0, records = 0;
        if (rows.Count == 0)
        {
            return new Result(publications, 0, skipped, rejects, 0, 0);
        }

        var header = rows[0].Fields.Select(f => Encoding.UTF8.GetString(f).Trim().TrimStart('\uFEFF').Trim()).ToList();
        int width = header.Count;
        var index = new Dictionary<string, int>();
        for (int i = 0; i < header.Count; i++)
        {
            string? known = Columns.FirstOrDefault(c => string.Equals(c, header[i], StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                warnings += header[i].Length > 0 ? 1 : 0;
            }
            else
            {
                index.TryAdd(known, i);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        Group? open = null;
        for (int r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            byte[] id = Field(row, "publication_id");
            if (IsRepeatedHeader(row))
            {
                repeated++;
                warnings++;
                continue;
            }

            if (open is not null && id.Length > 0 && open.Id.AsSpan().SequenceEqual(id))
            {
                AddRow(open, row, r);
                continue;
            }

            Close(open);
            open = new Group(Encoding.UTF8.GetString(id), id, row.Line, ++records);
            if (id.Length == 0)
            {
                Fail(open, row.Line, "publication_id", SkipReason.MissingRequiredField);
            }
            else if (!seen.Add(Convert.ToHexString(id)))
            {
                Fail(open, row.Line, "publication_id", SkipReason.Inconsistent);
            }
            else
            {
                AddRow(open, row, r);
            }
        }

        Close(open);
        return new Result(publications, records, skipped, rejects, warnings, repeated);

        byte[] Field(Row row, string column) =>
            index.TryGetValue(column, out int i) && i < row.Fields.Count ? row.Fields[i] : [];

        string Text(Row row, string column) => Encoding.UTF8.GetString(Field(row, column));

        bool IsRepeatedHeader(Row row) =>
            string.Equals(Text(row, "publication_id").Trim(' ', '\t'), "publication_id", StringComparison.OrdinalIgnoreCase)
            && string.Equals(Text(row, "year").Trim(' ', '\t'), "year", StringComparison.OrdinalIgnoreCase);

        void Fail(Group group, long line, string? field, SkipReason reason)
        {
            group.Rejected = new Reject(new SourcePosition(file, line, group.Record), reason, field);
            rejects.Add(group.Rejected);
            skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
        }

        bool HasLaterDataRow(int r)
        {
            for (int k = r + 1; k < rows.Count; k++)
            {
                if (!IsRepeatedHeader(rows[k]))
                {
                    return true;
                }
            }

            return false;
        }

        void AddRow(Group group, Row row, int r)
        {
            if (group.Rejected is not null)
            {
                return;
            }

            long line = row.Line;
            if (row.Unterminated)
            {
                Fail(group, line, null, SkipReason.Truncated);
                return;
            }

            if (row.Malformed)
            {
                Fail(group, line, null, SkipReason.Malformed);
                return;
            }

            if (row.Fields.Count != width)
            {
                Fail(group, line, null, row.Fields.Count < width && !HasLaterDataRow(r) ? SkipReason.Truncated : SkipReason.Malformed);
                return;
            }

            if (!IsUtf8(row.Raw))
            {
                Fail(group, line, Columns.FirstOrDefault(c => !IsUtf8(Field(row, c))), SkipReason.InvalidEncoding);
                return;
            }

            // Publication-level values: empty is "not given on this row"; given values must agree.
            string year = Text(row, "year");
            if (year.Length > 0)
            {
                if (!TryInt(year, out int value) || value < 1000 || value > 2999)
                {
                    Fail(group, line, "year", SkipReason.InvalidYear);
                    return;
                }

                if (group.Year is int y && y != value)
                {
                    Fail(group, line, "year", SkipReason.Inconsistent);
                    return;
                }

                group.Year = value;
            }

            string citations = Text(row, "citations");
            if (citations.Length > 0)
            {
                if (!TryInt(citations, out int value) || value < 0)
                {
                    Fail(group, line, "citations", SkipReason.InvalidNumber);
                    return;
                }

                if (group.Citations is int c && c != value)
                {
                    Fail(group, line, "citations", SkipReason.Inconsistent);
                    return;
                }

                group.Citations = value;
            }

            string type = Text(row, "document_type");
            if (type.Length > 0 && type.Trim(' ', '\t').Length > 0)
            {
                if (!DocumentTypes.TryParse(type.Trim(' ', '\t'), out var value))
                {
                    Fail(group, line, "document_type", SkipReason.Malformed);
                    return;
                }

                if (group.Type is DocumentType t && t != value)
                {
                    Fail(group, line, "document_type", SkipReason.Inconsistent);
                    return;
                }

                group.Type = value;
            }

            string[] flags = ["retracted", "paratext", "authors_truncated"];
            for (int f = 0; f < flags.Length; f++)
            {
                string text = Text(row, flags[f]);
                if (text.Length == 0)
                {
                    continue;
                }

                if (!TryFlag(text, out bool value))
                {
                    Fail(group, line, flags[f], SkipReason.Malformed);
                    return;
                }

                if (group.Flags[f] is bool b && b != value)
                {
                    Fail(group, line, flags[f], SkipReason.Inconsistent);
                    return;
                }

                group.Flags[f] = value;
            }

            string[] texts = ["doi", "technologies", "source"];
            for (int t = 0; t < texts.Length; t++)
            {
                byte[] value = Field(row, texts[t]);
                if (value.Length == 0)
                {
                    continue;
                }

                if (group.Texts[t] is { } stored && !stored.AsSpan().SequenceEqual(value))
                {
                    Fail(group, line, texts[t], SkipReason.Inconsistent);
                    return;
                }

                group.Texts[t] ??= value;
            }

            // Author-level values.
            int position = 0;
            string positionText = Text(row, "author_position");
            if (positionText.Length > 0 && (!TryInt(positionText, out position) || position < 1))
            {
                Fail(group, line, "author_position", SkipReason.InvalidNumber);
                return;
            }

            var country = Country.Unknown;
            string code = Text(row, "country").Trim(' ', '\t');
            if (code.Length > 0 && !Country.TryParseAlpha2(code, out country))
            {
                Fail(group, line, "country", SkipReason.UnknownCountryCode);
                return;
            }

            bool corresponding = false;
            string correspondingText = Text(row, "corresponding");
            if (correspondingText.Length > 0 && !TryFlag(correspondingText, out corresponding))
            {
                Fail(group, line, "corresponding", SkipReason.Malformed);
                return;
            }

            group.Rows.Add((position, line, NullIfEmpty(Text(row, "author_id")), corresponding,
                NullIfEmpty(Text(row, "institution_id")), NullIfEmpty(Text(row, "institution_name")), country));
        }

        void Close(Group? group)
        {
            if (group is null || group.Rejected is not null)
            {
                return;
            }

            var source = PublicationSource.CollabMetricsCsv;
            if (group.Texts[2] is { } sourceText)
            {
                string name = Encoding.UTF8.GetString(sourceText).Trim(' ', '\t');
                int s = Array.FindIndex(Sources, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
                if (s < 0)
                {
                    Fail(group, group.Line, "source", SkipReason.Malformed);
                    return;
                }

                source = Enum.Parse<PublicationSource>(Sources[s]);
            }

            // Authors by position (rows of one author in file order), rows without a position are publication-level.
            var authors = new List<Author>();
            foreach (var rowsOfAuthor in group.Rows.Where(x => x.Position > 0).OrderBy(x => x.Position).GroupBy(x => x.Position))
            {
                var first = rowsOfAuthor.First();
                var affiliations = new List<Affiliation>();
                foreach (var row in rowsOfAuthor)
                {
                    if (row.AuthorId != first.AuthorId || row.Corresponding != first.Corresponding)
                    {
                        Fail(group, row.Line, row.AuthorId != first.AuthorId ? "author_id" : "corresponding", SkipReason.Inconsistent);
                        return;
                    }

                    if (row.InstitutionId is not null || row.InstitutionName is not null || row.Country != Country.Unknown)
                    {
                        affiliations.Add(new Affiliation { InstitutionId = row.InstitutionId, InstitutionName = row.InstitutionName, Country = row.Country });
                    }
                }

                authors.Add(new Author { Id = first.AuthorId, IsCorresponding = first.Corresponding, Affiliations = affiliations });
            }

            publications.Add(new Publication
            {
                Id = group.IdText,
                Source = source,
                Position = new SourcePosition(file, group.Line, group.Record),
                Doi = group.Texts[0] is { } doi ? Doi.Normalize(Encoding.UTF8.GetString(doi)) : null,
                Year = group.Year,
                Citations = group.Citations,
                Authors = authors,
                Technologies = group.Texts[1] is { } labels ? SplitLabels(Encoding.UTF8.GetString(labels)) : [],
                DocumentType = group.Type ?? DocumentType.Unknown,
                IsRetracted = group.Flags[0] == true,
                IsParatext = group.Flags[1] == true,
                AuthorsTruncated = group.Flags[2] == true,
            });
        }
    }

    /// <summary>RFC 4180 rows of <paramref name="data"/> (after a UTF-8 byte order mark), byte by byte; empty lines skipped.</summary>
    private static List<Row> Split(byte[] data)
    {
        var rows = new List<Row>();
        int i = data.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        long line = 1;
        var field = new List<byte>();
        while (i < data.Length)
        {
            if (data[i] is (byte)'\n' or (byte)'\r')
            {
                i += data[i] == '\r' && i + 1 < data.Length && data[i + 1] == '\n' ? 2 : 1;
                line++;
                continue;
            }

            long rowLine = line;
            int rowStart = i;
            var fields = new List<byte[]>();
            bool malformed = false, unterminated = false;
            while (true)
            {
                field.Clear();
                if (i < data.Length && data[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= data.Length)
                        {
                            unterminated = true;
                            break;
                        }

                        byte b = data[i];
                        if (b == '"')
                        {
                            if (i + 1 < data.Length && data[i + 1] == '"')
                            {
                                field.Add(b);
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        if (b == '\n' || (b == '\r' && !(i + 1 < data.Length && data[i + 1] == '\n')))
                        {
                            line++;
                        }

                        field.Add(b);
                        i++;
                    }

                    while (i < data.Length && data[i] is not ((byte)',' or (byte)'\n' or (byte)'\r'))
                    {
                        malformed = true;
                        field.Add(data[i++]);
                    }
                }
                else
                {
                    while (i < data.Length && data[i] is not ((byte)',' or (byte)'\n' or (byte)'\r'))
                    {
                        malformed |= data[i] == '"';
                        field.Add(data[i++]);
                    }
                }

                fields.Add([.. field]);
                if (i < data.Length && data[i] == ',')
                {
                    i++;
                    continue;
                }

                break;
            }

            rows.Add(new Row(rowLine, fields, malformed, unterminated, data[rowStart..i]));
            if (i < data.Length)
            {
                i += data[i] == '\r' && i + 1 < data.Length && data[i + 1] == '\n' ? 2 : 1;
                line++;
            }
        }

        return rows;
    }

    private static bool IsUtf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text.Trim(' ', '\t'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool TryFlag(string text, out bool value)
    {
        string t = text.Trim(' ', '\t').ToLowerInvariant();
        value = t is "true" or "1" or "yes";
        return value || t is "false" or "0" or "no";
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>Labels separated by ';', with '\;' and '\\' escapes; blank labels dropped.</summary>
    private static List<string> SplitLabels(string value)
    {
        var labels = new List<string>();
        var label = new StringBuilder();
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                label.Append(value[++i]);
            }
            else if (value[i] == ';')
            {
                Add();
            }
            else
            {
                label.Append(value[i]);
            }
        }

        Add();
        return labels;

        void Add()
        {
            if (!string.IsNullOrWhiteSpace(label.ToString()))
            {
                labels.Add(label.ToString());
            }

            label.Clear();
        }
    }
}
