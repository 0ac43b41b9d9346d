using System.Globalization;
using System.Text.Json;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics.Tests.IO.OpenAlex;

/// <summary>
/// A deliberately simple reader of OpenAlex JSON Lines, written from the mapping in docs/formats.md with
/// <see cref="JsonDocument"/> and sharing no parsing code with the library: each non-blank line is one work, parsed
/// whole, then mapped field by field (raw affiliation strings are not resolved: the reader under test runs with
/// <see cref="ReadOptions.ResolveRawAffiliations"/> off, and no technology mapping).
/// </summary>
internal static class ReferenceOpenAlexReader
{
    private static readonly string[] WorkKeys = ["id", "doi", "publication_year", "cited_by_count", "authorships", "primary_topic", "topics", "concepts", "type", "is_retracted", "is_paratext", "is_authors_truncated", "fwci", "citation_normalized_percentile"];

    private static readonly string[] AuthorshipKeys = ["author", "institutions", "countries", "is_corresponding", "raw_affiliation_strings", "affiliations"];

    /// <summary>A rejected work: where, why, which field.</summary>
    public sealed record Reject(SourcePosition Position, SkipReason Reason, string? Field);

    /// <summary>What reading a file gives: publications, records read, skips by reason, rejects in record order.</summary>
    public sealed record Result(List<Publication> Publications, long RecordsRead, Dictionary<SkipReason, long> Skipped, List<Reject> Rejects);

    private sealed class BadWork(SkipReason reason, string? field) : Exception(reason.ToString())
    {
        public SkipReason Reason { get; } = reason;

        public string? Field { get; } = field;
    }

    public static Result Read(byte[] data, string file)
    {
        var publications = new List<Publication>();
        var rejects = new List<Reject>();
        var skipped = new Dictionary<SkipReason, long>();
        long record = 0, line = 0;
        int start = data.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        while (start < data.Length)
        {
            int end = Array.IndexOf(data, (byte)'\n', start);
            int next = end < 0 ? data.Length : end + 1;
            end = end < 0 ? data.Length : end;
            var lineBytes = data[start..end];
            start = next;
            line++;
            if (lineBytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                continue;
            }

            record++;
            var position = new SourcePosition(file, line, record);
            try
            {
                publications.Add(Work(lineBytes, position));
            }
            catch (BadWork bad)
            {
                rejects.Add(new Reject(position, bad.Reason, bad.Field));
                skipped[bad.Reason] = skipped.GetValueOrDefault(bad.Reason) + 1;
            }
        }

        return new Result(publications, record, skipped, rejects);
    }

    private static Publication Work(byte[] line, SourcePosition position)
    {
        if (!IsUtf8(line))
        {
            throw new BadWork(SkipReason.InvalidEncoding, null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            throw new BadWork(OpenDepth(line) > 0 ? SkipReason.Truncated : SkipReason.Malformed, null);
        }

        using (document)
        {
            var work = document.RootElement;
            if (work.ValueKind != JsonValueKind.Object)
            {
                throw new BadWork(SkipReason.Malformed, null);
            }

            NoDuplicates(work, WorkKeys);
            string? id = String(work, "id");
            if (id is null)
            {
                throw new BadWork(SkipReason.MissingRequiredField, "id");
            }

            int? year = null;
            if (work.TryGetProperty("publication_year", out var y) && y.ValueKind != JsonValueKind.Null)
            {
                string text = y.ValueKind == JsonValueKind.String ? y.GetString()! : y.GetRawText();
                if (!(y.ValueKind is JsonValueKind.Number or JsonValueKind.String) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                {
                    throw new BadWork(SkipReason.InvalidYear, "publication_year");
                }

                year = value is >= 1000 and <= 2999 ? value : throw new BadWork(SkipReason.InvalidYear, "publication_year");
            }

            int? citations = null;
            if (work.TryGetProperty("cited_by_count", out var c) && c.ValueKind != JsonValueKind.Null)
            {
                citations = c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out int value) && value >= 0
                    ? value
                    : throw new BadWork(SkipReason.InvalidNumber, "cited_by_count");
            }

            var authors = new List<Author>();
            if (work.TryGetProperty("authorships", out var authorships) && authorships.ValueKind == JsonValueKind.Array)
            {
                int i = 0;
                foreach (var authorship in authorships.EnumerateArray())
                {
                    authors.Add(Authorship(authorship, i++));
                }
            }

            string? type = String(work, "type");
            return new Publication
            {
                Id = id,
                Source = PublicationSource.OpenAlex,
                Position = position,
                Doi = Doi.Normalize(String(work, "doi")),
                Year = year,
                Citations = citations,
                Authors = authors,
                Technologies = Field(work) is { } label ? [label] : [],
                DocumentType = type is null ? DocumentType.Unknown : DocumentTypes.TryParse(type, out var t) ? t : DocumentType.Other,
                IsRetracted = Flag(work, "is_retracted"),
                IsParatext = Flag(work, "is_paratext"),
                AuthorsTruncated = Flag(work, "is_authors_truncated"),
            };
        }
    }

    private static Author Authorship(JsonElement authorship, int index)
    {
        NoDuplicates(authorship, AuthorshipKeys, $"authorships[{index}].");
        var countries = new List<Country>();
        if (authorship.TryGetProperty("countries", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            int k = 0;
            foreach (var code in list.EnumerateArray())
            {
                countries.Add(Code(code) ?? throw new BadWork(SkipReason.UnknownCountryCode, $"authorships[{index}].countries[{k}]"));
                k++;
            }
        }

        var raw = new List<string>();
        if (authorship.TryGetProperty("raw_affiliation_strings", out var strings) && strings.ValueKind == JsonValueKind.Array)
        {
            raw.AddRange(strings.EnumerateArray().Select(s => s.GetString()!));
        }

        string? soleRaw = raw.Count == 1 ? raw[0] : null;
        var affiliations = new List<Affiliation>();
        if (authorship.TryGetProperty("institutions", out var institutions) && institutions.ValueKind == JsonValueKind.Array)
        {
            int k = 0;
            foreach (var institution in institutions.EnumerateArray())
            {
                var country = institution.TryGetProperty("country_code", out var code)
                    ? Code(code) ?? throw new BadWork(SkipReason.UnknownCountryCode, $"authorships[{index}].institutions[{k}].country_code")
                    : Country.Unknown;
                if (countries.Count > 0 && !countries.Contains(country))
                {
                    country = Country.Unknown;
                }

                affiliations.Add(new Affiliation { InstitutionId = String(institution, "id"), InstitutionName = String(institution, "display_name"), Country = country, Address = soleRaw });
                k++;
            }
        }

        foreach (var country in countries)
        {
            if (!affiliations.Any(a => a.Country == country))
            {
                affiliations.Add(new Affiliation { Country = country, Address = soleRaw });
            }
        }

        var author = authorship.TryGetProperty("author", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        return new Author
        {
            Id = author.ValueKind == JsonValueKind.Object ? String(author, "id") : null,
            Name = author.ValueKind == JsonValueKind.Object ? String(author, "display_name") : null,
            IsCorresponding = Flag(authorship, "is_corresponding"),
            Affiliations = affiliations,
        };
    }

    /// <summary>A country code, Unknown for null, null when it is not a known code.</summary>
    private static Country? Code(JsonElement code)
    {
        if (code.ValueKind == JsonValueKind.Null)
        {
            return Country.Unknown;
        }

        return code.ValueKind == JsonValueKind.String && Country.TryParseAlpha2(code.GetString(), out var country) ? country : (Country?)null;
    }

    /// <summary>The field of the primary topic, else of the first topic.</summary>
    private static string? Field(JsonElement work)
    {
        if (work.TryGetProperty("primary_topic", out var primary) && primary.ValueKind == JsonValueKind.Object
            && primary.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.Object && String(field, "display_name") is { } name)
        {
            return name;
        }

        if (work.TryGetProperty("topics", out var topics) && topics.ValueKind == JsonValueKind.Array)
        {
            foreach (var topic in topics.EnumerateArray())
            {
                return topic.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.Object ? String(f, "display_name") : null;
            }
        }

        return null;
    }

    private static void NoDuplicates(JsonElement element, string[] keys, string place = "")
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (keys.Contains(property.Name) && !seen.Add(property.Name))
            {
                throw new BadWork(SkipReason.Malformed, place + property.Name);
            }
        }
    }

    private static string? String(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>Objects and arrays opened and not closed (outside strings) when the text ends.</summary>
    private static int OpenDepth(byte[] line)
    {
        int depth = 0;
        bool inString = false;
        for (int i = 0; i < line.Length; i++)
        {
            byte b = line[i];
            if (inString)
            {
                if (b == '\\')
                {
                    i++;
                }
                else if (b == '"')
                {
                    inString = false;
                }
            }
            else if (b == '"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                depth++;
            }
            else if (b is (byte)'}' or (byte)']')
            {
                depth--;
            }
        }

        return depth;
    }

    private static bool IsUtf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);
}
