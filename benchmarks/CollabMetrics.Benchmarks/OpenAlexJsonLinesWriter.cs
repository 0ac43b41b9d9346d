using System.Text.Json;
using CollabMetrics.Model;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Writes publications as OpenAlex works in JSON Lines (one work object a line, as in the OpenAlex snapshot), for
/// the ingest benchmarks: id, doi, publication_year, authorships (author, institutions with country_code, countries,
/// is_corresponding, raw_affiliation_strings) and topics carrying the technology labels.
/// </summary>
internal static class OpenAlexJsonLinesWriter
{
    public static void Write(IEnumerable<Publication> publications, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
        var countries = new List<string>();
        foreach (var p in publications)
        {
            json.WriteStartObject();
            json.WriteString("id", "https://openalex.org/" + p.Id);
            if (p.Doi is not null)
            {
                json.WriteString("doi", "https://doi.org/" + p.Doi);
            }

            json.WriteString("display_name", "Synthetic work " + p.Id);
            if (p.Year is int year)
            {
                json.WriteNumber("publication_year", year);
            }

            json.WriteStartArray("authorships");
            for (int u = 0; u < p.Authors.Count; u++)
            {
                var author = p.Authors[u];
                json.WriteStartObject();
                json.WriteString("author_position", u == 0 ? "first" : u == p.Authors.Count - 1 ? "last" : "middle");
                json.WriteStartObject("author");
                if (author.Id is not null)
                {
                    json.WriteString("id", "https://openalex.org/" + author.Id);
                    json.WriteString("display_name", "Author " + author.Id);
                }
                else
                {
                    json.WriteNull("id");
                    json.WriteString("display_name", "Author " + (u + 1));
                }

                json.WriteEndObject();
                json.WriteStartArray("institutions");
                countries.Clear();
                foreach (var a in author.Affiliations)
                {
                    json.WriteStartObject();
                    json.WriteString("id", "https://openalex.org/" + a.InstitutionId);
                    json.WriteString("display_name", a.InstitutionName);
                    json.WriteString("country_code", a.Country.Code);
                    json.WriteString("type", "education");
                    json.WriteEndObject();
                    if (!countries.Contains(a.Country.Code))
                    {
                        countries.Add(a.Country.Code);
                    }
                }

                json.WriteEndArray();
                json.WriteStartArray("countries");
                foreach (var c in countries)
                {
                    json.WriteStringValue(c);
                }

                json.WriteEndArray();
                json.WriteBoolean("is_corresponding", author.IsCorresponding);
                json.WriteStartArray("raw_affiliation_strings");
                foreach (var a in author.Affiliations)
                {
                    json.WriteStringValue($"{a.InstitutionName}, {a.Country.CommonName}");
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("topics");
            foreach (var t in p.Technologies)
            {
                json.WriteStartObject();
                json.WriteString("display_name", t);
                json.WriteNumber("score", 0.9);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("cited_by_count", 0);
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
            json.Reset();
        }
    }
}
