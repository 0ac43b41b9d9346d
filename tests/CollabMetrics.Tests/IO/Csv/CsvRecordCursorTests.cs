using System.Text;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.Model;
using CsCheck;

namespace CollabMetrics.Tests.IO.Csv;

/// <summary>
/// The chunked CollabMetrics CSV reader: the same publications, positions, counts, problems and rejects whatever the
/// number of threads and wherever the chunks are cut; rows over the record limit skipped with reading going on at the
/// next row; records read = accepted + skipped.
/// </summary>
public partial class CsvRecordCursorTests
{
    private const string Header = "publication_id,year,author_position,author_id,institution_id,institution_name,country,technologies,citations";
    private static readonly int[] Threads = [1, 2, 4];
    private static readonly string[] Countries = ["FR", "DE", "US", "CN", "IT", "JP", string.Empty];

    [Fact]
    public void BlockFor_InputsShorterThanABlock_OneBlockOfTheirSizeLongerOrUnknownTheBlockAsGiven()
    {
        Gen.Select(Gen.Long[0, 1L << 22], Gen.Int[64, 1 << 21]).Sample((length, blockSize) =>
        {
            int block = CsvChunkSplitter.BlockFor(length, blockSize);
            CsvChunkSplitter.BlockFor(null, blockSize).Should().Be(blockSize, "the length is not known");
            if (length < blockSize)
            {
                // The whole input fits in one block, as it did in a block of the size given: the same single chunk.
                block.Should().BeGreaterThan((int)length).And.BeLessThanOrEqualTo(blockSize);
            }
            else
            {
                block.Should().Be(blockSize);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Read_SmallFileOnDisk_SameAsFromAStreamOfUnknownLength()
    {
        // A file's known length shrinks its chunk buffers; the records, counts and report are those of a stream
        // that gives no length (the block size as configured).
        var csv = RandomCsv(new Random(11), publications: 40);
        var path = Path.Combine(Path.GetTempPath(), $"cm-small-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, csv);
        try
        {
            var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Format = PublicationFormat.CollabMetricsCsv };
            var fileReport = new IngestReport();
            var fromFile = PublicationReader.ReadFile(path, options, fileReport).ToList();
            using var stream = new CheckedGZipStreamTests.NonSeekableStream(new MemoryStream(csv));
            var streamReport = new IngestReport();
            var fromStream = PublicationReader.ReadStream(stream, path, options, streamReport).ToList();
            fromFile.Should().NotBeEmpty();
            fromFile.Should().BeEquivalentTo(fromStream, o => o.WithStrictOrdering());
            fileReport.ToString().Should().Be(streamReport.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MoveNext_RandomFilesLenientAtOneTwoFourThreads_SamePublicationsPositionsReportAndRejects()
    {
        Gen.Int[0, int.MaxValue].Select(Gen.Int[64, 4096]).Sample((seed, blockSize) =>
        {
            var csv = RandomCsv(new Random(seed), publications: 60);
            var options = ReadOptions.Default with
            {
                ErrorMode = ErrorMode.Lenient,
                Limits = ReadLimits.Default with { MaxRecordBytes = 2048, MaxFieldBytes = 1024 },
            };

            var one = Read(csv, options, workers: 1, blockSize: 1 << 20);
            one.Error.Should().BeNull();
            (one.Publications.Count + one.Report.SkippedTotal).Should().Be(one.Report.RecordsRead, "records read = accepted + skipped");
            foreach (int workers in Threads)
            {
                var other = Read(csv, options, workers, blockSize);
                other.Should().BeEquivalentTo(one, o => o.WithStrictOrdering(), $"{workers} threads, chunks of {blockSize} bytes");
            }
        }, iter: 40);
    }

    [Fact]
    public void MoveNext_RandomFilesStrictAtOneTwoFourThreads_SameFirstErrorOrSamePublications()
    {
        Gen.Int[0, int.MaxValue].Select(Gen.Int[64, 4096]).Sample((seed, blockSize) =>
        {
            var csv = RandomCsv(new Random(seed), publications: 40);
            var options = ReadOptions.Default with { Limits = ReadLimits.Default with { MaxRecordBytes = 2048, MaxFieldBytes = 1024 } };

            var one = Read(csv, options, workers: 1, blockSize: 1 << 20);
            foreach (int workers in Threads[1..])
            {
                var other = Read(csv, options, workers, blockSize);
                other.Error.Should().Be(one.Error, $"{workers} threads, chunks of {blockSize} bytes");
                other.Publications.Should().BeEquivalentTo(one.Publications, o => o.WithStrictOrdering());
            }
        }, iter: 40);
    }

    [Theory]
    [InlineData(1, 1 << 20)]
    [InlineData(2, 64)]
    [InlineData(4, 200)]
    public void MoveNext_RowOverTheRecordLimitLenient_PublicationSkippedAndReadingGoesOnAtTheNextRow(int workers, int blockSize)
    {
        string huge = "\"" + new string('x', 3000).Replace("xxxxxxxxxx", "xx\n\"\",xxxxx", StringComparison.Ordinal) + "\"";
        var csv = Lines(
            Header,
            "W1,2020,1,A1,,,FR,,",
            "W2,2020,1,A1,,,DE,,",
            $"W2,2020,2,A2,I1,{huge},US,,",
            "W2,2020,3,A3,,,IT,,",
            "W3,2021,1,A1,,,JP,,");
        var options = ReadOptions.Default with
        {
            ErrorMode = ErrorMode.Lenient,
            Limits = ReadLimits.Default with { MaxRecordBytes = 1024, MaxFieldBytes = 512 },
        };

        var outcome = Read(csv, options, workers, blockSize);

        outcome.Error.Should().BeNull();
        outcome.Publications.Select(p => p.Id).Should().Equal("W1", "W3");
        outcome.Publications[1].Position.Should().Be(new SourcePosition("t.csv", LineOf(csv, "W3,"), 3));
        outcome.Report.RecordsRead.Should().Be(3);
        outcome.Report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.TooLarge] = 1 });
        var rejected = outcome.Rejects.Should().ContainSingle().Subject;
        rejected.Reason.Should().Be(SkipReason.TooLarge);
        rejected.Position.Record.Should().Be(2);
        rejected.RawText.Should().StartWith("W2,2020,2,A2,I1,", "the raw text is the row over the limit, cut to RejectedRecord.MaxRawLength");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void MoveNext_MultiLineRowOverTheLimitEndingInALaterBlock_NextRowsReadWhole(int workers)
    {
        // The row over the limit is read through block by block; its quoted field (opened in a block already dropped)
        // ends in a block that also holds the next rows: their line breaks inside the field are not row ends.
        string huge = "\"" + new string('x', 3990).Replace("xxxxxxxxxx", "xx\n\"\",xxxxx", StringComparison.Ordinal) + "\"";
        var csv = Lines(
            Header,
            "W1,2020,1,A1,I1,Lab,DE,,",
            "W1,2020,2,A2,I2,Lab,JP,,",
            $"W2,2020,1,A1,I1,{huge},FR,,",
            "W2,2020,2,A2,I2,Lab,JP,,",
            "W3,2020,1,A1,I1,Lab,IT,,");
        var options = ReadOptions.Default with
        {
            ErrorMode = ErrorMode.Lenient,
            Limits = ReadLimits.Default with { MaxRecordBytes = 1024, MaxFieldBytes = 512 },
        };

        var outcome = Read(csv, options, workers, blockSize: 733);

        outcome.Publications.Select(p => p.Id).Should().Equal("W1", "W3");
        outcome.Publications[1].Position.Should().Be(new SourcePosition("t.csv", LineOf(csv, "W3,"), 3));
        outcome.Report.RecordsRead.Should().Be(3);
        outcome.Report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.TooLarge] = 1 });
    }

    [Fact]
    public void MoveNext_MultiLineRowsOverTheLimitAnyChunksAndThreads_SamePositionsAsOneThread()
    {
        // Rows over the record limit whose quoted field spans many lines, anywhere in a publication (first row, middle,
        // last), cut out by the splitter or found whole depending on where the chunks fall.
        Gen.Int[0, int.MaxValue].Select(Gen.Int[64, 1500]).Sample((seed, blockSize) =>
        {
            var random = new Random(seed);
            var rows = new List<string> { Header };
            int publications = random.Next(3, 12);
            for (int p = 1; p <= publications; p++)
            {
                int authors = random.Next(1, 4);
                int huge = random.Next(3) == 0 ? random.Next(1, authors + 1) : 0;
                for (int a = 1; a <= authors; a++)
                {
                    string name = a == huge
                        ? "\"" + new string('x', random.Next(1100, 4000)).Replace("xxxxxxxxxx", "xx\n\"\",xxxxx", StringComparison.Ordinal) + "\""
                        : "Lab";
                    rows.Add($"W{p},2020,{a},A{a},I{a},{name},{Countries[random.Next(Countries.Length - 1)]},,");
                }
            }

            var csv = Lines([.. rows]);
            var options = ReadOptions.Default with
            {
                ErrorMode = ErrorMode.Lenient,
                Limits = ReadLimits.Default with { MaxRecordBytes = 1024, MaxFieldBytes = 512 },
            };

            var one = Read(csv, options, workers: 1, blockSize: 1 << 20);
            one.Error.Should().BeNull();
            foreach (int workers in Threads)
            {
                var other = Read(csv, options, workers, blockSize);
                other.Should().BeEquivalentTo(one, o => o.WithStrictOrdering(), $"{workers} threads, chunks of {blockSize} bytes");
            }
        }, iter: 60);
    }

    [Fact]
    public void MoveNext_RowOverTheRecordLimitStrict_ErrorNamesFileLineRecordAndLimit()
    {
        var csv = Lines(Header, "W1,2020,1,A1,,,FR,,", $"W2,2020,1,A1,I1,\"{new string('y', 5000)}\",DE,,", "W3,2021,1,A1,,,JP,,");
        var options = ReadOptions.Default with { Limits = ReadLimits.Default with { MaxRecordBytes = 1024, MaxFieldBytes = 512 } };

        var outcome = Read(csv, options, workers: 2, blockSize: 128);

        outcome.Publications.Select(p => p.Id).Should().Equal("W1");
        outcome.Error.Should().NotBeNull();
        outcome.Error.Should().StartWith("t.csv, line 3").And.Contain("ReadLimits.Max");
    }

    [Fact]
    public void MoveNext_NonContiguousRowsAcrossChunks_InconsistentAtEveryThreadCount()
    {
        var rows = new List<string> { Header };
        for (int i = 1; i <= 50; i++)
        {
            rows.Add($"W{i},2020,1,A1,,,FR,,");
        }

        rows.Add("W7,2020,2,A2,,,DE,,");
        rows.Add("W51,2020,1,A1,,,DE,,");
        var csv = Lines([.. rows]);
        var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };

        foreach (int workers in Threads)
        {
            var outcome = Read(csv, options, workers, blockSize: 100);

            outcome.Publications.Should().HaveCount(51);
            outcome.Report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.Inconsistent] = 1 });
            outcome.Rejects.Should().ContainSingle().Which.Position.Line.Should().Be(52);
        }
    }

    [Fact]
    public void MoveNext_IdsInOrderThenAnyOrder_ARepeatedIdRejectedAsASetOfSeenIdsSays()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var random = new Random(seed);
            int n = random.Next(1, 80);
            int ordered = random.Next(0, n + 1);
            var ids = new List<int>();
            for (int i = 0; i < n; i++)
            {
                // An ascending run (zero-padded ids sort as numbers), then ids in any order, repeats included.
                int id = i < ordered ? 10 + (2 * i) : random.Next(0, (2 * n) + 10);
                if (ids.Count == 0 || ids[^1] != id)
                {
                    ids.Add(id);
                }
            }

            var rows = new List<string> { Header };
            var seen = new HashSet<int>();
            var expected = new List<string>();
            foreach (int id in ids)
            {
                string name = $"P{id:D5}";
                if (seen.Add(id))
                {
                    expected.Add(name);
                }

                for (int r = random.Next(1, 3); r > 0; r--)
                {
                    rows.Add($"{name},2020,{r},A{r},,,FR,,");
                }
            }

            var csv = Lines([.. rows]);
            foreach (int workers in Threads)
            {
                var outcome = Read(csv, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, workers, blockSize: random.Next(64, 512));

                outcome.Publications.Select(p => p.Id).Should().Equal(expected);
                outcome.Report.Skipped.GetValueOrDefault(SkipReason.Inconsistent).Should().Be(ids.Count - expected.Count);
            }
        }, iter: 60);
    }

    [Fact]
    public void MoveNext_SortedIdsWithRepeatsAndSmallerIdsAtAnyChunkCut_RejectedAsASetOfSeenIdsSays()
    {
        // A sorted file with a few ids out of place (an earlier id again, or a new id smaller than the last) and rows
        // without an id, cut into chunks anywhere, so that such ids fall first in a chunk, last, or inside one.
        Gen.Int[0, int.MaxValue].Select(Gen.Int[48, 400]).Sample((seed, blockSize) =>
        {
            var random = new Random(seed);
            int n = random.Next(1, 120);
            var rows = new List<string> { Header };
            var seen = new HashSet<string>();
            var expected = new List<string>();
            int inconsistent = 0, missing = 0;
            string? previous = null;
            for (int i = 0; i < n; i++)
            {
                int pick = random.Next(12);
                string id = pick switch
                {
                    0 when i > 0 => $"P{2 * random.Next(i):D5}",
                    1 => $"P{(2 * random.Next(i + 1)) + 1:D5}",
                    _ => $"P{2 * i:D5}",
                };

                if (pick == 2 && random.Next(4) == 0)
                {
                    rows.Add(",2020,1,A1,,,FR,,");
                    missing++;
                    previous = null;
                }

                if (id == previous)
                {
                    continue;
                }

                previous = id;
                if (seen.Add(id))
                {
                    expected.Add(id);
                }
                else
                {
                    inconsistent++;
                }

                for (int r = random.Next(1, 3); r > 0; r--)
                {
                    rows.Add($"{id},2020,{r},A{r},,,FR,,");
                }
            }

            var csv = Lines([.. rows]);
            foreach (int workers in Threads)
            {
                var outcome = Read(csv, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, workers, blockSize);

                outcome.Publications.Select(p => p.Id).Should().Equal(expected, $"seed {seed}, blocks of {blockSize}, {workers} threads");
                outcome.Report.Skipped.GetValueOrDefault(SkipReason.Inconsistent).Should().Be(inconsistent);
                outcome.Report.Skipped.GetValueOrDefault(SkipReason.MissingRequiredField).Should().Be(missing);
            }
        }, iter: 60);
    }

    [Fact]
    public void MoveNext_PublicationLongerThanAChunk_ReadWhole()
    {
        var rows = new List<string> { Header, "W0,2019,1,A0,,,US,,1" };
        for (int i = 1; i <= 200; i++)
        {
            rows.Add($"W1,2020,{i},A{i},I{i},\"Institute, {i}\",{Countries[i % 6]},AI;Quantum,7");
        }

        rows.Add("W2,2021,1,A1,,,JP,,");
        var csv = Lines([.. rows]);

        var one = Read(csv, ReadOptions.Default, workers: 1, blockSize: 1 << 20);
        var four = Read(csv, ReadOptions.Default, workers: 4, blockSize: 256);

        one.Publications.Select(p => p.Id).Should().Equal("W0", "W1", "W2");
        one.Publications[1].Authors.Should().HaveCount(200);
        four.Should().BeEquivalentTo(one, o => o.WithStrictOrdering());
    }

    // ---- Helpers ----

    /// <summary>What a read produced: the publications, the report's counts and problems, the rejects, the first error.</summary>
    private sealed record Outcome(List<Publication> Publications, ReportSummary Report, List<RejectedRecord> Rejects, string? Error);

    private sealed record ReportSummary(long RecordsRead, long SkippedTotal, Dictionary<SkipReason, long> Skipped, long Warnings, List<IngestIssue> Issues);

    private static Outcome Read(byte[] csv, ReadOptions options, int workers, int blockSize) =>
        Read(() => new MemoryStream(csv), options, workers, blockSize);

    private static Outcome Read(Func<Stream> open, ReadOptions options, int workers, int blockSize)
    {
        var report = new IngestReport(1000);
        var sink = new RejectsList();
        var context = new ReadContext("t.csv", options with { Rejects = sink }, report, null, CancellationToken.None);
        var publications = new List<Publication>();
        string? error = null;
        try
        {
            using var cursor = new CsvRecordCursor(open(), context, CsvGrouping.Contiguous, RecordNeeds.All, workers, blockSize);
            while (cursor.MoveNext())
            {
                publications.Add(cursor.Batch.ToPublication(cursor.Index));
            }
        }
        catch (IngestException ex)
        {
            error = ex.Message;
        }

        var summary = new ReportSummary(report.RecordsRead, report.SkippedTotal, new Dictionary<SkipReason, long>(report.Skipped), report.Warnings, [.. report.Issues]);
        return new Outcome(publications, summary, sink.Records, error);
    }

    private static Outcome Read(string csv, ReadOptions options, int workers, int blockSize) =>
        Read(Encoding.UTF8.GetBytes(csv), options, workers, blockSize);

    /// <summary>
    /// A CollabMetrics CSV of random publications (several rows each, quoted names with commas, quotes and line
    /// breaks, CRLF now and then) with bad rows mixed in: bad years, unknown countries, too many fields, rows over the
    /// record limit, rows reappearing after other publications'.
    /// </summary>
    private static byte[] RandomCsv(Random random, int publications)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (int p = 1; p <= publications; p++)
        {
            string id = random.Next(12) == 0 && p > 3 ? $"W{random.Next(1, p - 1)}" : $"W{p}";
            string year = random.Next(25) == 0 ? "20x0" : (2000 + random.Next(25)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string technologies = random.Next(3) == 0 ? "AI;Quantum" : random.Next(2) == 0 ? "Robotics" : string.Empty;
            int authors = random.Next(0, 5);
            if (authors == 0)
            {
                text.Append(id).Append(',').Append(year).Append(",,,,,,").Append(technologies).Append(",\n");
                continue;
            }

            for (int a = 1; a <= authors; a++)
            {
                int affiliations = random.Next(1, 3);
                for (int f = 0; f < affiliations; f++)
                {
                    string country = random.Next(40) == 0 ? "ZZ" : Countries[random.Next(Countries.Length)];
                    string name = random.Next(4) switch
                    {
                        0 => string.Empty,
                        1 => "Plain University",
                        2 => "\"Univ, \"\"Big\"\"\nCampus\"",
                        _ => random.Next(30) == 0 ? "\"" + new string('n', 2500) + "\"" : "\"Institute, Lab\"",
                    };
                    text.Append(id).Append(',').Append(year).Append(',').Append(a).Append(",A").Append(random.Next(100))
                        .Append(",I").Append(random.Next(50)).Append(',').Append(name).Append(',').Append(country).Append(',')
                        .Append(technologies).Append(',').Append(random.Next(10));
                    if (random.Next(60) == 0)
                    {
                        text.Append(",extra");
                    }

                    text.Append(random.Next(10) == 0 ? "\r\n" : "\n");
                }
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static long LineOf(string csv, string start) =>
        csv.Split('\n').Select((line, i) => (line, i)).First(x => x.line.StartsWith(start, StringComparison.Ordinal)).i + 1;

    private sealed class RejectsList : IRejectedRecordSink
    {
        public List<RejectedRecord> Records { get; } = [];

        public void Add(RejectedRecord record) => Records.Add(record);
    }
}
