using System.Globalization;
using CollabMetrics.Model;

namespace CollabMetrics.IO.WebOfScience;

/// <summary>Turns a <see cref="WosRecord"/> (plain text or tab-delimited) into a <see cref="Publication"/>; docs/formats-wos.md describes the rules.</summary>
internal static class WosPublicationBuilder
{
    private static readonly string[] s_reprintMarkers = ["(reprint author)", "(corresponding author)"];

    internal const int MinYear = 1000;
    internal const int MaxYear = 2999;

    /// <summary>The publication, or null when the record is bad (already reported through <see cref="ReadContext.Fail(CollabMetrics.Model.SourcePosition, string, SkipReason, string)"/>).</summary>
    internal static Publication? Build(WosRecord record, ReadContext context, AddressResolution addresses)
    {
        if (record.InvalidLine > 0)
        {
            context.Fail(context.At(record.InvalidLine, record.Number), record.InvalidField, SkipReason.InvalidEncoding,
                "The bytes are not valid UTF-8. Export the records again as UTF-8 (Web of Science: 'Plain text' or 'Tab delimited (UTF-8)').", record.RawText);
            return null;
        }

        var id = record.Text("UT");
        if (id is null)
        {
            context.Fail(context.At(record.Line, record.Number), "UT", SkipReason.MissingRequiredField,
                "The record has no UT (accession number), which identifies it. Export full records, which always include UT.", record.RawText);
            return null;
        }

        int? year = null;
        if (record.Text("PY") is { } py)
        {
            if (!int.TryParse(py, NumberStyles.None, CultureInfo.InvariantCulture, out int y) || y < MinYear || y > MaxYear)
            {
                context.Fail(context.At(record.LineOf("PY"), record.Number), "PY", SkipReason.InvalidYear,
                    $"'{py}' is not a publication year (a whole number from {MinYear} to {MaxYear}). Correct or remove the PY value.", record.RawText);
                return null;
            }

            year = y;
        }

        int? citations = null;
        if (record.Text("TC") is { } tc)
        {
            if (!int.TryParse(tc, NumberStyles.None, CultureInfo.InvariantCulture, out int c))
            {
                context.Fail(context.At(record.LineOf("TC"), record.Number), "TC", SkipReason.InvalidNumber,
                    $"'{tc}' is not a citation count (a whole number of zero or more). Correct or remove the TC value.", record.RawText);
                return null;
            }

            citations = c;
        }

        var type = DocumentTypes.FromWebOfScience(record.Text("DT"), out bool retracted);
        return new Publication
        {
            DocumentType = type,
            IsRetracted = retracted,
            Id = id,
            Source = PublicationSource.WebOfScience,
            Position = context.At(record.Line, record.Number),
            Doi = Doi.Normalize(record.Text("DI")),
            Year = year,
            Citations = citations,
            Authors = BuildAuthors(record, addresses),
            Technologies = BuildTechnologies(record, context.Options.Technologies),
        };
    }

    private static Author[] BuildAuthors(WosRecord record, AddressResolution addresses)
    {
        var byline = new Byline();
        var full = record.Items("AF");
        var abbreviated = record.Items("AU");
        int n = Math.Max(full.Count, abbreviated.Count);
        for (int i = 0; i < n; i++)
        {
            string? name = i < full.Count ? Clean(full[i]) : Clean(abbreviated[i]);
            string? alternate = i < abbreviated.Count ? Clean(abbreviated[i]) : null;
            byline.Add(name, alternateName: alternate);
        }

        var unlinked = new List<Affiliation>();
        foreach (var entry in record.Items("C1"))
        {
            var text = entry.Trim();
            string? names = null;
            if (text.StartsWith('['))
            {
                int close = text.IndexOf(']', StringComparison.Ordinal);
                if (close > 0)
                {
                    names = text[1..close];
                    text = text[(close + 1)..].Trim();
                }
            }

            var address = TrimAddress(text);
            if (address.Length == 0)
            {
                continue;
            }

            var affiliation = addresses.Create(address, InstitutionOf(address));
            if (names is null)
            {
                unlinked.Add(affiliation);
                continue;
            }

            foreach (var name in names.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                byline.AddAffiliation(byline.FindOrAdd(name), affiliation);
            }
        }

        byline.AddUnlinked(unlinked);

        // RP: the reprint (corresponding) authors; their addresses stand in only when C1 gives none.
        if (record.Text("RP") is { } rp)
        {
            bool useAddresses = !byline.AnyAffiliation();
            bool anyMarker = false;
            foreach (var part in rp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // "Russell, TP (reprint author), Univ Massachusetts, ..., USA." or "(corresponding author)".
                int open = FindMarker(part, out int close);
                if (open < 0)
                {
                    continue;
                }

                anyMarker = true;
                MarkReprint(byline, addresses, part[..open].Trim(), part[close..].TrimStart(',', ' '), useAddresses);
            }

            if (!anyMarker)
            {
                // Older records: "RP Wu, L, Univ Sci & Technol China, ..., Peoples R China." (no "(reprint author)").
                var parts = rp.Split(',', 3, StringSplitOptions.TrimEntries);
                if (parts.Length >= 2)
                {
                    MarkReprint(byline, addresses, parts[0] + ", " + parts[1], parts.Length == 3 ? parts[2] : string.Empty, useAddresses);
                }
            }
        }

        return byline.Build();
    }

    private static void MarkReprint(Byline byline, AddressResolution addresses, string name, string address, bool useAddresses)
    {
        if (name.Length == 0)
        {
            return;
        }

        int author = byline.Count == 0 || useAddresses ? byline.FindOrAdd(name) : byline.Find(name);
        if (author < 0)
        {
            return;
        }

        byline.MarkCorresponding(author);
        address = TrimAddress(address);
        if (useAddresses && address.Length > 0)
        {
            byline.AddAffiliation(author, addresses.Create(address, InstitutionOf(address)));
        }
    }

    private static string[] BuildTechnologies(WosRecord record, TechnologyMapping? mapping)
    {
        var labels = new List<string>();
        if (mapping is null)
        {
            AddLabels(record.Text("WC"), labels, null);
        }
        else
        {
            AddLabels(record.Text("WC"), labels, mapping);
            AddLabels(record.Text("SC"), labels, mapping);
        }

        return [.. labels];
    }

    private static void AddLabels(string? text, List<string> into, TechnologyMapping? mapping)
    {
        if (text is null)
        {
            return;
        }

        foreach (var label in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (mapping is not null)
            {
                mapping.Map(label, into);
            }
            else if (!into.Contains(label))
            {
                into.Add(label);
            }
        }
    }

    private static string? Clean(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>The address without the full stop Web of Science ends it with.</summary>
    internal static string TrimAddress(string text) => text.Trim().TrimEnd('.').Trim();

    /// <summary>The organisation: the first segment of a Web of Science address ("Univ Massachusetts Amherst").</summary>
    internal static string? InstitutionOf(string address)
    {
        int comma = address.IndexOf(',', StringComparison.Ordinal);
        var first = (comma >= 0 ? address[..comma] : address).Trim();
        return first.Length == 0 ? null : first;
    }

    /// <summary>The position of "(reprint author)" or "(corresponding author)" in <paramref name="part"/>, or -1; <paramref name="end"/> is just after it.</summary>
    private static int FindMarker(string part, out int end)
    {
        foreach (var marker in s_reprintMarkers)
        {
            int at = part.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                end = at + marker.Length;
                return at;
            }
        }

        end = 0;
        return -1;
    }
}
