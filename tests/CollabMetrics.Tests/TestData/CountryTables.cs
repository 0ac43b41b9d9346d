using System.Text;
using CollabMetrics.Model;

namespace CollabMetrics.Tests.TestData;

/// <summary>Reads the checked per-record country tables next to the fixtures (*.countries.tsv) and sums up publications.</summary>
internal static class CountryTables
{
    public static List<(long Record, string Id, string[] Countries)> Read(string path)
    {
        var rows = new List<(long, string, string[])>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            var countries = parts[2] == "-" ? [] : parts[2].Split(',');
            rows.Add((long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], countries));
        }

        return rows;
    }

    /// <summary>Records with a country, records with two or more, distinct countries, distinct pairs, summed pair weight.</summary>
    public static (int WithCountry, int Multi, int Distinct, int Pairs, int PairWeight) Totals(IEnumerable<Publication> publications)
    {
        int with = 0, multi = 0, weight = 0;
        var distinct = new HashSet<string>();
        var pairs = new HashSet<string>();
        foreach (var p in publications)
        {
            var codes = p.Countries.Select(c => c.Code).ToList();
            with += codes.Count > 0 ? 1 : 0;
            multi += codes.Count >= 2 ? 1 : 0;
            distinct.UnionWith(codes);
            for (int i = 0; i < codes.Count; i++)
            {
                for (int j = i + 1; j < codes.Count; j++)
                {
                    pairs.Add(codes[i] + "-" + codes[j]);
                    weight++;
                }
            }
        }

        return (with, multi, distinct.Count, pairs.Count, weight);
    }

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}
