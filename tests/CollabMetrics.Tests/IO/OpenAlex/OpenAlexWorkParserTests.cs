using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;
using CollabMetrics.Model;
using CollabMetrics.Synthetic;
using CollabMetrics.Tests.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.IO.OpenAlex;

/// <summary>
/// Works parsed straight into record batches (the corpus builder's and the streamed aggregation's path) against the
/// same works parsed into <see cref="Publication"/> objects and written into batches one at a time: random OpenAlex
/// files with every field the reader knows, escaped and unescaped text, repeated ids and DOIs, raw affiliation strings
/// with and without links to institutions, and bad lines mixed in.
/// </summary>
public class OpenAlexWorkParserTests
{
    private static readonly ReadOptions Lenient = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Technologies = TechnologyMapping.Identity };

    private static readonly (string Code, string Name)[] Countries =
    [
        ("IT", "Italy"), ("DE", "Germany"), ("US", "USA"), ("FR", "France"), ("CN", "China"), ("JP", "Japan"), ("BR", "Brazil"), ("GB", "United Kingdom"),
    ];

    private static readonly CorpusOptions[] CorpusSettings = [CorpusOptions.Default, CorpusOptions.Default with { KeepRecordDetails = false, KeepAuthorIds = false }];

    [Fact]
    public void OpenCursor_RandomFiles_GivesThePublicationsOfTheObjectPath()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var file = RandomFile(new Random(seed), 300);
            for (int pass = 0; pass < 2; pass++)
            {
                bool keepBatches = pass == 1;
                var batched = ReadRecords(file, keepBatches, objects: false);
                var objects = ReadRecords(file, keepBatches, objects: true);
                batched.Publications.Should().BeEquivalentTo(objects.Publications, o => o.WithStrictOrdering(), $"seed {seed}, kept batches {keepBatches}");
                batched.Report.Should().BeEquivalentTo(objects.Report, o => o.WithStrictOrdering(), $"seed {seed}");
                batched.Rejects.Should().BeEquivalentTo(objects.Rejects, o => o.WithStrictOrdering(), $"seed {seed}");
                batched.Publications.Should().NotBeEmpty();
            }
        }, iter: 25);
    }

    [Fact]
    public void FromFile_RandomFiles_EveryDetailEqualsTheCorpusBuiltFromPublications()
    {
        Gen.Int[0, int.MaxValue].Sample(seed => WithFile(RandomFile(new Random(seed), 400), path => AssertSameCorpora(path, $"seed {seed}")), iter: 10);
    }

    [Fact]
    public void FromFile_SyntheticWriterFiles_EveryDetailEqualsTheCorpusBuiltFromPublications()
    {
        Gen.Select(Gen.ULong, Gen.Int[50, 400]).Sample((seed, count) =>
        {
            var path = Path.Combine(Path.GetTempPath(), $"cm-oa-{Guid.NewGuid():N}.jsonl");
            try
            {
                CollabMetrics.Benchmarks.OpenAlexJsonLinesWriter.Write(
                    SyntheticCorpus.Generate(SyntheticCorpusOptions.Default with { Seed = seed, Publications = count, FirstYear = 2015, LastYear = 2020 }), path);
                AssertSameCorpora(path, $"synthetic seed {seed}");
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: 5);
    }

    [Fact]
    public void FromFile_FileLargeEnoughForTheBuilderToBeSized_EveryDetailEqualsTheCorpusBuiltFromPublications()
    {
        // Over InputSizeEstimate.MinimumBytes and twice the builder's sample: the builder sizes its tables from the
        // file's estimate after its first records.
        var path = Path.Combine(Path.GetTempPath(), $"cm-oa-{Guid.NewGuid():N}.jsonl");
        try
        {
            CollabMetrics.Benchmarks.OpenAlexJsonLinesWriter.Write(
                SyntheticCorpus.Generate(SyntheticCorpusOptions.Default with { Seed = 11, Publications = 2_400, FirstYear = 2015, LastYear = 2020 }), path);
            new FileInfo(path).Length.Should().BeGreaterThan(InputSizeEstimate.MinimumBytes);
            InputSizeEstimate.Publications([path], PublicationFormat.Auto).Should().BeGreaterThan(2 * CorpusBuilder.DefaultSampleSize);
            AssertSameCorpora(path, "sized builder");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Reads a file into a corpus straight from record batches and through publication objects, with every detail and
    /// with the counts-only options, and compares every publication field for field and the reports' counts.
    /// </summary>
    private static void AssertSameCorpora(string path, string because)
    {
        foreach (var options in CorpusSettings)
        {
            var direct = Corpus.FromFile(path, Lenient, options);
            var report = new IngestReport(100);
            Corpus fromObjects;
            using (var stream = File.OpenRead(path))
            {
                fromObjects = Corpus.Build(new OpenAlexReader().Read(stream, path, Lenient, report), options, report);
            }

            direct.Count.Should().Be(fromObjects.Count, because);
            direct.Count.Should().BeGreaterThan(0);
            for (int i = 0; i < direct.Count; i++)
            {
                direct[i].ToPublication().Should().BeEquivalentTo(fromObjects[i].ToPublication(), o => o.WithStrictOrdering(), $"{because}, publication {i}");
                direct[i].Countries.Should().Equal(fromObjects[i].Countries);
            }

            var a = direct.Report;
            var b = fromObjects.Report;
            (a.RecordsRead, a.Accepted, a.SkippedTotal, a.DuplicateIds, a.DuplicateDois, a.MergeConflicts, a.RawAffiliationFallbacks, a.PublicationsWithoutCountry, a.PublicationsWithoutYear)
                .Should().Be((b.RecordsRead, b.Accepted, b.SkippedTotal, b.DuplicateIds, b.DuplicateDois, b.MergeConflicts, b.RawAffiliationFallbacks, b.PublicationsWithoutCountry, b.PublicationsWithoutYear), because);
            a.Skipped.Should().BeEquivalentTo(b.Skipped);
        }
    }

    private static void WithFile(byte[] content, Action<string> test)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cm-oa-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllBytes(path, content);
            test(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BuildCube_RandomFilesStreamed_IdenticalToTheCubeOfTheCorpusBuiltFromPublications()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], RandomCorpora.Options).Sample((seed, options) =>
        {
            var path = Path.Combine(Path.GetTempPath(), $"cm-oa-{Guid.NewGuid():N}.jsonl");
            try
            {
                // Unique ids and DOIs, so that the cube is streamed from the records rather than built from a corpus.
                File.WriteAllBytes(path, RandomFile(new Random(seed), 600, unique: true));
                var streamed = PublicationFiles.Open([path], Lenient).BuildCube(options);
                Corpus fromObjects;
                using (var stream = File.OpenRead(path))
                {
                    fromObjects = Corpus.Build(new OpenAlexReader().Read(stream, path, Lenient));
                }

                fromObjects.Report.DuplicateIds.Should().Be(0);
                fromObjects.Report.DuplicateDois.Should().Be(0);
                CubeAssert.Identical(streamed, CollaborationCube.Build(fromObjects, options));

                // A streamed query filtered on a label decides per label of each batch whether it is wanted.
                string label = fromObjects.Technologies[seed % fromObjects.Technologies.Count];
                PublicationFiles.Open([path], Lenient).InTechnology(label).Countries().Units().ByYear().Compute().ToCsv()
                    .Should().Be(fromObjects.InTechnology(label).Countries().Units().ByYear().Compute().ToCsv(), $"seed {seed}, label {label}");
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: 10);
    }

    [Fact]
    public void OpenCursor_RandomFile_RawAffiliationFallbacksAreCountedAndResolved()
    {
        var file = RandomFile(new Random(7), 500);
        var batched = ReadRecords(file, keepBatches: false, objects: false);

        batched.Report.RawAffiliationFallbacks.Should().BeGreaterThan(0, "the file has authorships whose only country is in a raw affiliation string");
        batched.Report.Skipped.Should().NotBeEmpty("the file has bad lines");
        batched.Publications.SelectMany(p => p.Authors).SelectMany(a => a.Affiliations)
            .Should().Contain(f => f.InstitutionId == null && f.Country.IsKnown && f.Address != null, "a resolved raw string adds a country-only affiliation");
    }

    // ---- Helpers ----

    private sealed record Summary(long RecordsRead, long Accepted, long RawAffiliationFallbacks, long Warnings, Dictionary<SkipReason, long> Skipped, List<IngestIssue> Issues);

    private sealed record Outcome(List<Publication> Publications, Summary Report, List<RejectedRecord> Rejects);

    /// <summary>Reads a file as records, straight into batches or through publication objects.</summary>
    private static Outcome ReadRecords(byte[] file, bool keepBatches, bool objects)
    {
        var report = new IngestReport(1000);
        var sink = new RejectsList();
        var context = new ReadContext("w.jsonl", Lenient with { Rejects = sink }, report, null, CancellationToken.None);
        var reader = new OpenAlexReader();
        var stream = new MemoryStream(file);
        var publications = new List<Publication>();
        var held = new List<RecordRef>();
        using (var cursor = objects
            ? new PublicationCursor(reader.ReadWith(stream, context), context.FileName, keepBatches)
            : reader.OpenCursor(stream, context, RecordNeeds.All, keepBatches))
        {
            while (cursor.MoveNext())
            {
                if (keepBatches)
                {
                    held.Add(new RecordRef(cursor.Batch, cursor.Index));
                }
                else
                {
                    publications.Add(cursor.Batch.ToPublication(cursor.Index));
                }
            }
        }

        // Kept batches are read only after the end: nothing handed out may have been overwritten.
        foreach (var record in held)
        {
            publications.Add(record.Batch.ToPublication(record.Index));
        }

        var summary = new Summary(report.RecordsRead, report.Accepted, report.RawAffiliationFallbacks, report.Warnings, new Dictionary<SkipReason, long>(report.Skipped), [.. report.Issues]);
        return new Outcome(publications, summary, sink.Records);
    }

    /// <summary>A random OpenAlex JSON Lines file (see the class remarks).</summary>
    private static byte[] RandomFile(Random random, int works, bool unique = false)
    {
        var output = new MemoryStream();
        var encoder = random.Next(2) == 0 ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        for (int w = 0; w < works; w++)
        {
            int roll = random.Next(100);
            if (roll < 2)
            {
                output.Write(Encoding.UTF8.GetBytes($"{{\"id\":\"https://openalex.org/W{1_000_000 + w}\",\"authorships\":[{{\"author\""));
            }
            else if (roll < 4)
            {
                output.Write("{\"doi\":\"https://doi.org/10.1/none\",\"publication_year\":2020,\"authorships\":[]}"u8);
            }
            else if (roll < 5)
            {
                output.Write(Encoding.UTF8.GetBytes($"{{\"id\":\"https://openalex.org/W{1_000_000 + w}\",\"publication_year\":\"soon\"}}"));
            }
            else
            {
                var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
                {
                    WriteWork(json, random, unique ? w + 1 : 0);
                }

                buffer.WriteTo(output);
            }

            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    /// <summary>Writes a random work: with <paramref name="number"/> above 0, its id and DOI are unique to it; otherwise drawn so that they repeat.</summary>
    private static void WriteWork(Utf8JsonWriter json, Random random, int number)
    {
        json.WriteStartObject();
        json.WriteString("id", $"https://openalex.org/W{(number > 0 ? number : random.Next(1, 1000))}");
        int doi = number > 0 ? number : random.Next(400);
        switch (random.Next(4))
        {
            case 0:
                json.WriteNull("doi");
                break;
            case 1:
                json.WriteString("doi", $"https://doi.org/10.1234/ABC.{doi}");
                break;
            case 2:
                json.WriteString("doi", $"10.1234/abc.{doi}");
                break;
        }

        json.WriteString("display_name", "Work «" + random.Next() + "»");
        if (random.Next(10) > 0)
        {
            json.WriteNumber("publication_year", random.Next(1995, 2025));
        }

        if (random.Next(4) > 0)
        {
            json.WriteNumber("cited_by_count", random.Next(0, 500));
        }

        if (random.Next(3) == 0)
        {
            json.WriteNumber("fwci", Math.Round(random.NextDouble() * 5, 3));
            json.WriteStartObject("citation_normalized_percentile");
            json.WriteNumber("value", Math.Round(random.NextDouble(), 4));
            json.WriteBoolean("is_in_top_1_percent", random.Next(50) == 0);
            json.WriteBoolean("is_in_top_10_percent", random.Next(5) == 0);
            json.WriteEndObject();
        }

        json.WriteString("type", random.Next(5) switch { 0 => "review", 1 => "preprint", 2 => "editorial", _ => "article" });
        json.WriteBoolean("is_retracted", random.Next(40) == 0);
        json.WriteBoolean("is_paratext", random.Next(40) == 0);
        json.WriteBoolean("is_authors_truncated", random.Next(30) == 0);
        json.WriteStartArray("authorships");
        int authors = random.Next(12) == 0 ? 0 : random.Next(1, 9);
        for (int a = 0; a < authors; a++)
        {
            WriteAuthorship(json, random);
        }

        json.WriteEndArray();
        json.WriteStartArray("topics");
        int topics = random.Next(4);
        for (int t = 0; t < topics; t++)
        {
            json.WriteStartObject();
            json.WriteString("display_name", $"Topic {random.Next(30)} – ü");
            json.WriteNumber("score", Math.Round(random.NextDouble(), 3));
            json.WriteStartObject("field");
            json.WriteString("display_name", $"Field {random.Next(5)}");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAuthorship(Utf8JsonWriter json, Random random)
    {
        json.WriteStartObject();
        json.WriteString("author_position", "middle");
        if (random.Next(15) > 0)
        {
            json.WriteStartObject("author");
            if (random.Next(8) == 0)
            {
                json.WriteNull("id");
            }
            else
            {
                json.WriteString("id", $"https://openalex.org/A{random.Next(300)}");
            }

            if (random.Next(10) == 0)
            {
                json.WriteNull("display_name");
            }
            else
            {
                json.WriteString("display_name", random.Next(6) switch
                {
                    0 => $"José \"Pepe\" Müller {random.Next(300)}",
                    1 => $"李 {random.Next(300)}",
                    2 => " ",
                    _ => $"Author {random.Next(300)}",
                });
            }

            json.WriteEndObject();
        }

        // Institutions from a pool: some without a country, some without an id or a name.
        var codes = new List<string>();
        var ids = new List<string>();
        json.WriteStartArray("institutions");
        int institutions = random.Next(4) == 0 ? 0 : random.Next(1, 4);
        for (int i = 0; i < institutions; i++)
        {
            int n = random.Next(40);
            json.WriteStartObject();
            if (n % 11 != 10)
            {
                string id = $"https://openalex.org/I{n}";
                json.WriteString("id", id);
                ids.Add(id);
            }

            if (n % 13 != 12)
            {
                json.WriteString("display_name", $"Università {n}, Ñ");
            }

            if (n % 7 == 6)
            {
                json.WriteNull("country_code");
            }
            else
            {
                string code = Countries[n % Countries.Length].Code;
                json.WriteString("country_code", code);
                codes.Add(code);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        switch (random.Next(5))
        {
            case 0:
                break;
            case 1:
                json.WriteStartArray("countries");
                json.WriteEndArray();
                break;
            default:
                json.WriteStartArray("countries");
                foreach (var code in codes.Distinct())
                {
                    json.WriteStringValue(code);
                }

                if (random.Next(4) == 0)
                {
                    json.WriteStringValue(Countries[random.Next(Countries.Length)].Code);
                }

                json.WriteEndArray();
                break;
        }

        json.WriteBoolean("is_corresponding", random.Next(5) == 0);
        var raws = new List<string>();
        int rawCount = random.Next(4);
        for (int r = 0; r < rawCount; r++)
        {
            raws.Add(random.Next(4) switch
            {
                0 => $"Lab {random.Next(20)}, Somewhere",
                1 => "",
                _ => $"Dept {random.Next(20)}, University, {Countries[random.Next(Countries.Length)].Name}",
            });
        }

        json.WriteStartArray("raw_affiliation_strings");
        foreach (var raw in raws)
        {
            json.WriteStringValue(raw);
        }

        json.WriteEndArray();
        if (raws.Count > 0 && random.Next(2) == 0)
        {
            json.WriteStartArray("affiliations");
            foreach (var raw in raws)
            {
                json.WriteStartObject();
                bool idsFirst = random.Next(2) == 0;
                if (!idsFirst)
                {
                    json.WriteString("raw_affiliation_string", raw);
                }

                json.WriteStartArray("institution_ids");
                foreach (var id in ids)
                {
                    if (random.Next(2) == 0)
                    {
                        json.WriteStringValue(id);
                    }
                }

                json.WriteEndArray();
                if (idsFirst)
                {
                    json.WriteString("raw_affiliation_string", raw);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private sealed class RejectsList : IRejectedRecordSink
    {
        public List<RejectedRecord> Records { get; } = [];

        public void Add(RejectedRecord record) => Records.Add(record);
    }
}
