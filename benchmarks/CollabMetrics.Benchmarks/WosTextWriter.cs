using System.Text;
using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// Writes publications as a Web of Science plain-text export (FN/VR header, PT ... ER records, C1 addresses with
/// [author] prefixes, RP, WC categories carrying the technology labels, PY, DI, UT), for the ingest benchmarks.
/// </summary>
internal static class WosTextWriter
{
    private static readonly Dictionary<string, string> s_wosNames = new(StringComparer.Ordinal)
    {
        ["US"] = "USA",
        ["CN"] = "Peoples R China",
        ["GB"] = "England",
        ["KR"] = "South Korea",
        ["AE"] = "U Arab Emirates",
        ["RU"] = "Russia",
        ["IR"] = "Iran",
        ["TW"] = "Taiwan",
        ["VN"] = "Vietnam",
    };

    public static void Write(IEnumerable<Publication> publications, string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.NewLine = "\n";
        writer.WriteLine("FN Clarivate Analytics Web of Science");
        writer.WriteLine("VR 1.0");
        var names = new List<string>();
        var byAddress = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var p in publications)
        {
            names.Clear();
            byAddress.Clear();
            order.Clear();
            for (int u = 0; u < p.Authors.Count; u++)
            {
                names.Add($"Synth{u + 1}, A");
            }

            writer.WriteLine("PT J");
            Field(writer, "AU", names);
            Field(writer, "AF", names);
            writer.WriteLine($"TI Synthetic work {p.Id}");
            writer.WriteLine("SO SYNTHETIC JOURNAL OF COLLABORATION");
            string? corresponding = null;
            for (int u = 0; u < p.Authors.Count; u++)
            {
                foreach (var a in p.Authors[u].Affiliations)
                {
                    var address = Address(a);
                    if (!byAddress.TryGetValue(address, out var authors))
                    {
                        byAddress[address] = authors = [];
                        order.Add(address);
                    }

                    if (!authors.Contains(names[u]))
                    {
                        authors.Add(names[u]);
                    }

                    if (p.Authors[u].IsCorresponding && corresponding is null)
                    {
                        corresponding = $"{names[u]} (corresponding author), {address}";
                    }
                }
            }

            var lines = new List<string>(order.Count);
            foreach (var address in order)
            {
                lines.Add($"[{string.Join("; ", byAddress[address])}] {address}");
            }

            Field(writer, "C1", lines);
            if (corresponding is not null)
            {
                writer.WriteLine($"RP {corresponding}");
            }

            if (p.Technologies.Count > 0)
            {
                writer.WriteLine($"WC {string.Join("; ", p.Technologies)}");
            }

            if (p.Year is int year)
            {
                writer.WriteLine($"PY {year}");
            }

            if (p.Doi is not null)
            {
                writer.WriteLine($"DI {p.Doi}");
            }

            writer.WriteLine($"UT WOS:{p.Id}");
            writer.WriteLine("ER");
            writer.WriteLine();
        }

        writer.WriteLine("EF");
    }

    private static string Address(Affiliation a) => $"{a.InstitutionName}, Synthetic City, {CountryName(a.Country)}.";

    private static string CountryName(Country country) =>
        s_wosNames.TryGetValue(country.Code, out var name) ? name
        : country.CommonName.Contains(',', StringComparison.Ordinal) ? country.Code
        : country.CommonName;

    private static void Field(StreamWriter writer, string tag, List<string> values)
    {
        for (int i = 0; i < values.Count; i++)
        {
            writer.Write(i == 0 ? tag + " " : "   ");
            writer.WriteLine(values[i]);
        }
    }
}
