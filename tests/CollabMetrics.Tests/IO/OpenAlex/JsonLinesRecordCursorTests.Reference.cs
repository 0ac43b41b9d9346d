using System.Globalization;
using System.Text;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Model;
using CollabMetrics.Tests.IO.Csv;
using CsCheck;

namespace CollabMetrics.Tests.IO.OpenAlex;

/// <summary>
/// The chunked and the one-thread OpenAlex JSON Lines readers against <see cref="ReferenceOpenAlexReader"/>, an
/// independent reader of the documented mapping, on random files built to stress the fast paths (escapes, surrogate
/// pairs, non-ASCII near vector boundaries, nulls, missing and unknown fields, nested arrays, long lines, blank lines,
/// CRLF, invalid UTF-8, cut lines, repeated keys, chunk cuts anywhere).
/// </summary>
public partial class JsonLinesRecordCursorTests
{
    private static readonly string[] Escaped = [@"\u00e9", @"\ud83d\ude00", @"\""", @"\\", @"\/", "é", "中", "😀", @"\n", @"\t"];

    private static readonly string[] DoiForms =
    [
        "https://doi.org/10.1234/AB.{0}", "10.1234/ab.{0}", "doi:10.1234/ab.{0}", " HTTP://DX.DOI.ORG/10.1234/ab.{0} ", "https:\\/\\/doi.org\\/10.1234\\/ab.{0}",
        "10.1234/\\u00c9.{0}", "notadoi", "\\t10.1/x.{0}",
    ];

    private static readonly string[] CountryCodes = ["FR", "de", "US", "CN", "XK", "jp"];

    [Fact]
    public void MoveNext_RandomWorksLenientAnyThreadsAndChunks_SameAsTheReferenceReader()
    {
        Gen.Int[0, int.MaxValue].Select(Gen.Int[16, 4096]).Sample((seed, blockSize) =>
        {
            var jsonl = HostileJsonLines(new Random(seed));
            var expected = ReferenceOpenAlexReader.Read(jsonl, "t.jsonl");
            var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, ResolveRawAffiliations = false };
            foreach (int workers in (int[])[0, .. Threads])
            {
                var actual = ReadForReference(jsonl, options, workers, blockSize);
                string because = $"seed {seed}, {(workers == 0 ? "one-thread reader" : $"{workers} threads, chunks of {blockSize} bytes")}";

                actual.Error.Should().BeNull(because);
                CsvRecordCursorTests.SameLines(actual.Publications.Select(CsvRecordCursorTests.Describe), expected.Publications.Select(CsvRecordCursorTests.Describe), because);
                CsvRecordCursorTests.SameLines(actual.Rejects.Select(r => r.ToString()), expected.Rejects.Select(r => r.ToString()), because);
                actual.RecordsRead.Should().Be(expected.RecordsRead, because);
                actual.Skipped.Should().BeEquivalentTo(expected.Skipped, because);
            }
        }, iter: 50);
    }

    [Fact]
    public void MoveNext_RandomWorksStrictAnyThreadsAndChunks_FirstErrorAndWorksBeforeAsTheReferenceReader()
    {
        Gen.Int[0, int.MaxValue].Select(Gen.Int[16, 4096]).Sample((seed, blockSize) =>
        {
            var jsonl = HostileJsonLines(new Random(seed));
            var expected = ReferenceOpenAlexReader.Read(jsonl, "t.jsonl");
            var first = expected.Rejects.Count > 0 ? expected.Rejects[0] : null;
            var before = first is null ? expected.Publications : expected.Publications.Where(p => p.Position.Record < first.Position.Record).ToList();
            foreach (int workers in (int[])[0, .. Threads])
            {
                var actual = ReadForReference(jsonl, ReadOptions.Default with { ResolveRawAffiliations = false }, workers, blockSize);
                string because = $"seed {seed}, {(workers == 0 ? "one-thread reader" : $"{workers} threads, chunks of {blockSize} bytes")}";

                actual.Error.Should().Be(first, because);
                CsvRecordCursorTests.SameLines(actual.Publications.Select(CsvRecordCursorTests.Describe), before.Select(CsvRecordCursorTests.Describe), because);
            }
        }, iter: 40);
    }

    private sealed record ReferenceOutcome(List<Publication> Publications, List<ReferenceOpenAlexReader.Reject> Rejects, long RecordsRead, Dictionary<SkipReason, long> Skipped, ReferenceOpenAlexReader.Reject? Error);

    /// <summary>Reads with the one-thread reader (<paramref name="workers"/> 0) or the chunked one.</summary>
    private static ReferenceOutcome ReadForReference(byte[] jsonl, ReadOptions options, int workers, int blockSize)
    {
        var report = new IngestReport(1000);
        var sink = new RejectsList();
        var context = new ReadContext("t.jsonl", options with { Rejects = sink }, report, null, CancellationToken.None);
        var publications = new List<Publication>();
        ReferenceOpenAlexReader.Reject? error = null;
        try
        {
            using RecordCursor cursor = workers == 0
                ? new PublicationCursor(OpenAlexReader.ReadWorks(new MemoryStream(jsonl), context), "t.jsonl")
                : new OpenAlexRecordCursor(new MemoryStream(jsonl), context, workers, keepBatches: false, blockSize);
            while (cursor.MoveNext())
            {
                publications.Add(cursor.Batch.ToPublication(cursor.Index));
            }
        }
        catch (IngestException ex)
        {
            error = new ReferenceOpenAlexReader.Reject(ex.Position, ex.Reason, ex.Field);
        }

        var rejects = sink.Records.Where(r => r.Kind == IngestIssueKind.Skipped).Select(r => new ReferenceOpenAlexReader.Reject(r.Position, r.Reason!.Value, r.Field)).ToList();
        return new ReferenceOutcome(publications, rejects, report.RecordsRead, new Dictionary<SkipReason, long>(report.Skipped), error);
    }

    /// <summary>
    /// Random OpenAlex works, one a line: keys in any order, escapes and non-ASCII at offsets around 16/32/64 bytes,
    /// nulls, missing and unknown fields (nested arrays and objects), DOIs in every form, long strings, blank lines, CRLF,
    /// and now and then a bad work: a cut line, invalid UTF-8, a year or count out of range, an unknown country, a
    /// repeated key, no id.
    /// </summary>
    private static byte[] HostileJsonLines(Random random)
    {
        var output = new List<byte>();
        if (random.Next(8) == 0)
        {
            output.AddRange("\uFEFF"u8.ToArray());
        }

        int works = random.Next(1, 40);
        for (int w = 1; w <= works; w++)
        {
            // At most one problem a work (which of two problems is reported first is not specified).
            var defect = random.Next(3) == 0 ? (Defect)random.Next(1, 12) : Defect.None;
            var members = new List<string>();
            if (defect != Defect.NoId)
            {
                members.Add(random.Next(4) == 0 ? $"\"id\":\"https:\\/\\/openalex.org\\/W{w}{Str(random, 1)}\"" : defect == Defect.NullId ? "\"id\":null" : $"\"id\":\"https://openalex.org/W{w}\"");
            }

            members.Add(random.Next(4) switch
            {
                0 => "\"doi\":null",
                1 => string.Empty,
                _ => $"\"doi\":\"{string.Format(CultureInfo.InvariantCulture, DoiForms[random.Next(DoiForms.Length)], w)}\"",
            });
            members.Add(defect == Defect.Year ? (random.Next(3) switch { 0 => "\"publication_year\":999", 1 => "\"publication_year\":\"20x1\"", _ => "\"publication_year\":2020.5" }) : random.Next(10) switch
            {
                0 => "\"publication_year\":\"2021\"",
                1 => "\"publication_year\":null",
                2 => string.Empty,
                _ => $"\"publication_year\":{1990 + random.Next(35)}",
            });
            members.Add(defect == Defect.Citations ? "\"cited_by_count\":-1" : random.Next(10) switch
            {
                0 => "\"cited_by_count\":null",
                _ => $"\"cited_by_count\":{random.Next(1000)}",
            });
            members.Add(random.Next(6) switch
            {
                0 => "\"type\":\"article\"",
                1 => "\"type\":\"Review\"",
                2 => "\"type\":\"dataset\"",
                3 => "\"type\":\"something-else\"",
                4 => "\"type\":null",
                _ => string.Empty,
            });
            foreach (string flag in (string[])["is_retracted", "is_paratext", "is_authors_truncated"])
            {
                members.Add(random.Next(4) switch { 0 => $"\"{flag}\":true", 1 => $"\"{flag}\":false", 2 => $"\"{flag}\":null", _ => string.Empty });
            }

            members.Add(random.Next(5) switch
            {
                0 => "\"primary_topic\":null",
                1 => $"\"primary_topic\":{{\"id\":\"T1\",\"field\":{{\"id\":\"F\",\"display_name\":\"{Str(random, 2)} Science\"}},\"score\":0.9}}",
                2 => $"\"topics\":[{{\"field\":{{\"display_name\":\"Medicine{Str(random, 1)}\"}}}},{{\"field\":{{\"display_name\":\"Other\"}}}}]",
                _ => string.Empty,
            });
            members.Add(random.Next(5) switch
            {
                0 => "\"abstract_inverted_index\":{\"a\":[1,2,[3,[4,{\"b\":null}]]],\"\\u00e9\":[]}",
                1 => $"\"title\":\"{new string('t', random.Next(100, 5000))}{Str(random, 2)}\"",
                2 => "\"locations\":[{\"source\":null,\"x\":[[],[{}],[[[]]]]},true,false,null,1e5]",
                _ => string.Empty,
            });

            int authors = random.Next(0, 4);
            if (authors > 0 || random.Next(3) == 0)
            {
                var authorships = new List<string>();
                for (int a = 0; a < authors; a++)
                {
                    authorships.Add(Authorship(random, a == authors - 1 ? defect : Defect.None));
                }

                members.Add($"\"authorships\":[{string.Join(',', authorships)}]");
            }
            else if (random.Next(2) == 0)
            {
                members.Add("\"authorships\":null");
            }

            members.RemoveAll(m => m.Length == 0);
            if (defect == Defect.RepeatedKey && members.Count > 0)
            {
                members.Add(members[random.Next(members.Count)]);
            }

            members = [.. members.OrderBy(_ => random.Next())];
            string text = "{" + (random.Next(4) == 0 ? " " : string.Empty) + string.Join(random.Next(3) == 0 ? ", " : ",", members) + "}";
            var bytes = Encoding.UTF8.GetBytes(text).ToList();
            if (defect == Defect.Cut)
            {
                bytes.RemoveRange(bytes.Count / 2, bytes.Count - (bytes.Count / 2));
            }
            else if (defect == Defect.InvalidUtf8)
            {
                int quote = bytes.LastIndexOf((byte)'"');
                bytes.Insert(Math.Max(1, quote), random.Next(2) == 0 ? (byte)0xFF : (byte)0xC3);
            }

            output.AddRange(bytes);
            output.AddRange(random.Next(4) == 0 ? "\r\n"u8.ToArray() : "\n"u8.ToArray());
            if (random.Next(15) == 0)
            {
                output.AddRange(random.Next(2) == 0 ? "\n"u8.ToArray() : " \t\r\n"u8.ToArray());
            }
        }

        if (random.Next(4) == 0)
        {
            while (output.Count > 0 && output[^1] is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t')
            {
                output.RemoveAt(output.Count - 1);
            }
        }

        return [.. output];
    }

    private enum Defect
    {
        None,
        NoId,
        NullId,
        Year,
        Citations,
        RepeatedKey,
        Cut,
        InvalidUtf8,
        UnknownCountry,
        UnknownInstitutionCountry,
        RepeatedAuthorshipKey,
        Other,
    }

    private static string Authorship(Random random, Defect defect)
    {
        var members = new List<string>
        {
            random.Next(6) switch
            {
                0 => "\"author\":null",
                1 => string.Empty,
                _ => $"\"author\":{{\"id\":\"https://openalex.org/A{random.Next(100)}\",\"display_name\":\"{new string('x', OffsetNearBoundary(random))}{Str(random, 2)}\",\"orcid\":null}}",
            },
            random.Next(3) switch { 0 => "\"is_corresponding\":true", 1 => "\"is_corresponding\":null", _ => string.Empty },
            "\"author_position\":\"middle\"",
        };

        var countries = CountryCodes.Where(_ => random.Next(4) == 0).ToList();
        if (defect == Defect.UnknownCountry)
        {
            countries.Insert(random.Next(countries.Count + 1), "ZZ");
        }

        var institutions = new List<string>();
        for (int i = random.Next(0, 3); i > 0; i--)
        {
            string code = defect == Defect.UnknownInstitutionCountry && i == 1 ? "\"FRA\"" : random.Next(5) == 0 ? "null" : $"\"{CountryCodes[random.Next(CountryCodes.Length)]}\"";
            institutions.Add(random.Next(4) == 0
                ? $"{{\"display_name\":\"{Str(random, 1)} Lab\",\"country_code\":{code},\"lineage\":[\"I1\",\"I2\"]}}"
                : $"{{\"id\":\"https://openalex.org/I{random.Next(50)}\",\"display_name\":\"{new string('u', OffsetNearBoundary(random))}{Str(random, 1)}\",\"ror\":null,\"country_code\":{code},\"type\":\"education\"}}");
        }

        members.Add(random.Next(5) == 0 ? string.Empty : $"\"institutions\":[{string.Join(',', institutions)}]");
        members.Add(random.Next(4) == 0 && defect != Defect.UnknownCountry ? string.Empty : $"\"countries\":[{string.Join(',', countries.Select(c => $"\"{c}\""))}]");
        members.Add(random.Next(3) switch
        {
            0 => $"\"raw_affiliation_strings\":[\"Dept {Str(random, 2)}, Somewhere\"]",
            1 => "\"raw_affiliation_strings\":[\"One\",\"Two\"]",
            _ => string.Empty,
        });
        members.RemoveAll(m => m.Length == 0);
        if (defect == Defect.RepeatedAuthorshipKey)
        {
            members.Add(members[random.Next(members.Count)]);
        }

        return "{" + string.Join(',', members.OrderBy(_ => random.Next())) + "}";
    }

    private static int OffsetNearBoundary(Random random) => Math.Max(0, ((16 << random.Next(0, 3)) * random.Next(1, 3)) + random.Next(-4, 4) - 30);

    private static string Str(Random random, int pieces)
    {
        var text = new StringBuilder();
        for (int i = 0; i < pieces; i++)
        {
            text.Append(Escaped[random.Next(Escaped.Length)]);
        }

        return text.ToString();
    }
}
