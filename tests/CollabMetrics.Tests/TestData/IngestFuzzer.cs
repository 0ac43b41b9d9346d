using System.IO.Compression;
using System.Text;
using CollabMetrics.IO;

namespace CollabMetrics.Tests.TestData;

/// <summary>
/// Mutates real export files (byte flips, cuts, deleted and duplicated lines, BOM, CRLF and CR line ends, invalid
/// UTF-8, UTF-16, NUL bytes, huge lines, deep nesting, repeated headers, gzip damage) and reads each mutant in
/// strict and lenient mode, checking what every reader promises: only <see cref="IngestException"/> escapes, every
/// record read is accepted, skipped or merged, and each case ends in bounded time. Seeded, so a failing case can be
/// replayed from its seed and number.
/// </summary>
internal sealed class IngestFuzzer
{
    /// <summary>The limits of a fuzz read: small, so that huge-line mutants cross them at little cost.</summary>
    public static readonly ReadLimits Limits = ReadLimits.Default with { MaxRecordBytes = 4 << 20, MaxFieldBytes = 1 << 20, MaxJsonDepth = 64 };

    private static readonly string[] s_mutations =
    [
        "flip", "cut", "delete-lines", "duplicate-lines", "bom", "crlf", "cr", "invalid-utf8", "utf16", "nul",
        "huge-line", "deep-nesting", "repeat-header", "concatenate", "gzip-cut", "gzip-flip", "gzip-clean-cut", "swap-lines",
    ];

    private readonly List<(string Name, byte[] Bytes)> _seeds;

    public IngestFuzzer(IEnumerable<(string Name, byte[] Bytes)> seeds) => _seeds = [.. seeds];

    /// <summary>The real fixtures, plus a CollabMetrics CSV file written from one of them.</summary>
    public static IngestFuzzer FromFixtures()
    {
        var csv = new StringBuilder("publication_id,source,doi,year,author_position,author_id,corresponding,institution_id,institution_name,country,technologies,citations\n");
        int n = 0;
        foreach (var p in PublicationReader.ReadFile(Fixtures.OpenAlexWorks50, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }))
        {
            int position = 0;
            foreach (var author in p.Authors)
            {
                position++;
                foreach (var affiliation in author.Affiliations.DefaultIfEmpty())
                {
                    csv.Append(CultureInfoInvariant($"\"{p.Id}\",OpenAlex,{p.Doi},{p.Year},{position},{author.Id},{author.IsCorresponding},{affiliation?.InstitutionId},\"{affiliation?.InstitutionName?.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{(affiliation?.Country.IsKnown == true ? affiliation.Country.Code : string.Empty)},\"{string.Join(';', p.Technologies)}\",{p.Citations}\n"));
                }
            }

            if (++n == 15)
            {
                break;
            }
        }

        return new IngestFuzzer(
        [
            ("openalex", File.ReadAllBytes(Fixtures.OpenAlexWorks50)),
            ("openalex-lines", JsonLines(File.ReadAllBytes(Fixtures.OpenAlexWorks50))),
            ("wos", File.ReadAllBytes(Fixtures.WosPlain500)[..200_000]),
            ("wos-tab", File.ReadAllBytes(Fixtures.WosTab71)),
            ("scopus", File.ReadAllBytes(Fixtures.Scopus58)),
            ("csv", Encoding.UTF8.GetBytes(csv.ToString())),
        ]);

        static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);
    }

    /// <summary>The works of an API response as JSON Lines.</summary>
    private static byte[] JsonLines(byte[] response)
    {
        using var document = System.Text.Json.JsonDocument.Parse(response);
        var works = document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? document.RootElement : document.RootElement.GetProperty("results");
        return Encoding.UTF8.GetBytes(string.Concat(works.EnumerateArray().Take(25).Select(w => w.GetRawText().Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal) + "\n")));
    }

    /// <summary>Case <paramref name="number"/> of seed <paramref name="seed"/>: which file, which mutations, and the mutant's bytes.</summary>
    public (string Description, byte[] Bytes) Case(int seed, int number)
    {
        var random = new Random(unchecked((seed * 1_000_003) + number));
        var (name, bytes) = _seeds[number % _seeds.Count];
        int count = 1 + random.Next(3);
        var applied = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var mutation = s_mutations[random.Next(s_mutations.Length)];
            applied.Add(mutation);
            try
            {
                bytes = Mutate(mutation, bytes, random);
            }
            catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException)
            {
                throw new InvalidOperationException($"seed {seed} case {number}: the mutation {string.Join(", ", applied)} failed on {bytes.Length} bytes.", ex);
            }
        }

        return ($"seed {seed} case {number}: {name} with {string.Join(", ", applied)}", bytes);
    }

    private static byte[] Mutate(string mutation, byte[] bytes, Random random)
    {
        switch (mutation)
        {
            case "flip":
            {
                var copy = (byte[])bytes.Clone();
                for (int k = random.Next(1, 12); k > 0 && copy.Length > 0; k--)
                {
                    copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
                }

                return copy;
            }

            case "cut":
                return bytes[..random.Next(bytes.Length + 1)];
            case "delete-lines":
                return EditLines(bytes, random, (lines, i) => lines.RemoveAt(i));
            case "duplicate-lines":
                return EditLines(bytes, random, (lines, i) => lines.Insert(i, lines[i]));
            case "swap-lines":
                return EditLines(bytes, random, (lines, i) => (lines[i], lines[^1]) = (lines[^1], lines[i]));
            case "bom":
                return [0xEF, 0xBB, 0xBF, .. bytes];
            case "crlf":
                return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\r\n"));
            case "cr":
                return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\r"));
            case "invalid-utf8":
                return Insert(bytes, random, [0xFF, 0xC3, 0x28, 0xE2, 0x82]);
            case "utf16":
                return [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes))];
            case "nul":
                return Insert(bytes, random, new byte[random.Next(1, 64)]);
            case "huge-line":
                return Insert(bytes, random, Encoding.ASCII.GetBytes(new string('x', (2 << 20) + random.Next(1000))));
            case "deep-nesting":
            {
                int depth = random.Next(60, 20_000);
                var open = random.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                return Insert(bytes, random, Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth))));
            }

            case "repeat-header":
            {
                int end = Array.IndexOf(bytes, (byte)'\n');
                return end < 0 ? bytes : [.. bytes, .. bytes[..(end + 1)], .. bytes[(end + 1)..Math.Min(bytes.Length, end + 1 + 3000)]];
            }

            case "concatenate":
                return [.. bytes, .. bytes];
            case "gzip-cut":
            {
                var gz = Gzip(bytes);
                return gz[..random.Next(gz.Length)];
            }

            case "gzip-clean-cut":
                return Gzip(bytes)[..^random.Next(1, 9)];
            case "gzip-flip":
            {
                var gz = Gzip(bytes);
                gz[random.Next(gz.Length)] ^= (byte)random.Next(1, 256);
                return gz;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "Not a mutation.");
        }
    }

    private static byte[] Insert(byte[] bytes, Random random, byte[] insert)
    {
        int at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. insert, .. bytes[at..]];
    }

    private static byte[] EditLines(byte[] bytes, Random random, Action<List<byte[]>, int> edit)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(bytes[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            lines.Add(bytes[start..]);
        }

        if (lines.Count == 0)
        {
            return bytes;
        }

        for (int k = random.Next(1, 4); k > 0 && lines.Count > 0; k--)
        {
            edit(lines, random.Next(lines.Count));
        }

        return [.. lines.SelectMany(l => l)];
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
