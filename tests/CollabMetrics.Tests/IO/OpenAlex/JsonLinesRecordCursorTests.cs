using System.IO.Compression;
using System.Text;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.IO.OpenAlex;

/// <summary>
/// The chunked OpenAlex JSON Lines reader against the one-thread reader of every OpenAlex shape: the same
/// publications, positions, counts, problems, rejects, first error and error limit whatever the number of threads and
/// wherever the chunks are cut; lines over the record limit skipped with reading going on at the next line.
/// </summary>
public class JsonLinesRecordCursorTests
{
    private static readonly int[] Threads = [1, 2, 4];
    private static readonly IReadOnlyList<string> Works = FakeSnapshot.FixtureLines();

    [Fact]
    public void MoveNext_RandomFilesLenientAtOneTwoFourThreads_SameAsTheOneThreadReader()
    {
        Gen.Int[0, int.MaxValue].Select(Gen.Int[16, 40_000]).Sample((seed, blockSize) =>
        {
            var jsonl = RandomJsonLines(new Random(seed), works: 80);
            var options = ReadOptions.Default with
            {
                ErrorMode = ErrorMode.Lenient,
                Limits = ReadLimits.Default with { MaxRecordBytes = 6000 },
            };

            var reference = Sequential(jsonl, options);
            reference.Error.Should().BeNull();
            (reference.Publications.Count + reference.Report.SkippedTotal).Should().Be(reference.Report.RecordsRead);
            reference.Report.SkippedTotal.Should().BeGreaterThan(0, "the random files hold bad lines");
            foreach (int workers in Threads)
            {
                var chunked = Chunked(jsonl, options, workers, blockSize);
                chunked.Should().BeEquivalentTo(reference, o => o.WithStrictOrdering(), $"{workers} threads, chunks of {blockSize} bytes, seed {seed}");
            }
        }, iter: 30);
    }

    [Fact]
    public void MoveNext_RandomFilesStrictAtOneTwoFourThreads_SameFirstErrorAndPublicationsBefore()
    {
        Gen.Int[0, int.MaxValue].Select(Gen.Int[16, 40_000]).Sample((seed, blockSize) =>
        {
            var jsonl = RandomJsonLines(new Random(seed), works: 40);
            var options = ReadOptions.Default with { Limits = ReadLimits.Default with { MaxRecordBytes = 6000 } };

            var reference = Sequential(jsonl, options);
            foreach (int workers in Threads)
            {
                var chunked = Chunked(jsonl, options, workers, blockSize);
                chunked.Should().BeEquivalentTo(reference, o => o.WithStrictOrdering(), $"{workers} threads, chunks of {blockSize} bytes, seed {seed}");
            }
        }, iter: 30);
    }

    [Fact]
    public void MoveNext_ErrorLimitAtOneTwoFourThreads_StopsAtTheSameRecord()
    {
        Gen.Int[0, int.MaxValue].Select(Gen.Int[16, 20_000], Gen.Int[0, 4]).Sample((seed, blockSize, maxErrors) =>
        {
            var jsonl = RandomJsonLines(new Random(seed), works: 60);
            var options = ReadOptions.Default with
            {
                ErrorMode = ErrorMode.Lenient,
                MaxErrors = maxErrors,
                Limits = ReadLimits.Default with { MaxRecordBytes = 6000 },
            };

            var reference = Sequential(jsonl, options);
            foreach (int workers in Threads)
            {
                Chunked(jsonl, options, workers, blockSize).Should().BeEquivalentTo(reference, o => o.WithStrictOrdering(), $"{workers} threads, seed {seed}");
            }
        }, iter: 20);
    }

    [Theory]
    [InlineData(1, 1 << 20)]
    [InlineData(2, 100)]
    [InlineData(4, 3000)]
    public void MoveNext_LineOverTheRecordLimit_SkippedAndReadingGoesOnAtTheNextLine(int workers, int blockSize)
    {
        int limit = Math.Max(Works[0].Length, Works[2].Length) * 2;
        var huge = Works[1][..^1] + ",\"padding\":\"" + new string('x', limit * 3) + "\"}";
        var jsonl = Encoding.UTF8.GetBytes(string.Join("\n", Works[0], huge, Works[2]) + "\n");
        var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Limits = ReadLimits.Default with { MaxRecordBytes = limit } };

        var outcome = Chunked(jsonl, options, workers, blockSize);

        outcome.Should().BeEquivalentTo(Sequential(jsonl, options), o => o.WithStrictOrdering());
        outcome.Publications.Should().HaveCount(2);
        outcome.Publications[1].Position.Should().Be(new SourcePosition("t.jsonl", 3, 3));
        outcome.Report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.TooLarge] = 1 });
        outcome.Rejects.Should().ContainSingle().Which.Position.Line.Should().Be(2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void MoveNext_CutGzipStream_SameRecordsThenTheSameDamageAsOneThread(int workers)
    {
        var jsonl = Encoding.UTF8.GetBytes(string.Join("\n", Works) + "\n");
        var gz = Gzip(jsonl);
        var cut = gz[..(gz.Length * 2 / 3)];
        var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = workers };
        var path = Path.Combine(Path.GetTempPath(), $"collabmetrics-cut-{Guid.NewGuid():N}.jsonl.gz");
        File.WriteAllBytes(path, cut);
        try
        {
            var report = new IngestReport();
            var publications = PublicationReader.ReadFile(path, options, report).ToList();
            var oneReport = new IngestReport();
            var one = PublicationReader.ReadFile(path, options with { MaxDegreeOfParallelism = 1 }, oneReport).ToList();

            publications.Should().BeEquivalentTo(one, o => o.WithStrictOrdering());
            publications.Should().NotBeEmpty();
            report.Skipped.Should().Equal(oneReport.Skipped);
            report.Skipped.Should().ContainKey(SkipReason.Truncated);
            report.RecordsRead.Should().Be(oneReport.RecordsRead);
            report.Issues.Should().BeEquivalentTo(oneReport.Issues, o => o.WithStrictOrdering());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MoveNext_CancelledMidRead_EndsWithoutHangingAtFourThreads()
    {
        var jsonl = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(string.Join("\n", Works) + "\n", 20)));
        using var cancel = new CancellationTokenSource();
        var context = new ReadContext("t.jsonl", ReadOptions.Default, new IngestReport(), null, cancel.Token);
        int read = 0;
        var act = () =>
        {
            using var cursor = new JsonLinesRecordCursor(new MemoryStream(jsonl), 1, context, workers: 4, blockSize: 4096);
            while (cursor.MoveNext())
            {
                if (++read == 100)
                {
                    cancel.Cancel();
                }
            }
        };

        act.Should().Throw<OperationCanceledException>();
        read.Should().BeInRange(100, 101);
    }

    [Fact]
    public void ReadFile_FixtureAsJsonLinesWithoutTheName_SameAsTheArrayAtFourThreads()
    {
        // No .jsonl in the name: the first work on its line makes it JSON Lines, as the one-thread reader decides.
        var jsonl = Encoding.UTF8.GetBytes("\uFEFF\n  " + string.Join("\r\n", Works) + "\n\n");
        var reference = Sequential(jsonl, ReadOptions.Default, "works.txt");
        var chunked = Chunked(jsonl, ReadOptions.Default, 4, 5000, "works.txt");

        chunked.Should().BeEquivalentTo(reference, o => o.WithStrictOrdering());
        chunked.Publications.Should().HaveCount(Works.Count);
        chunked.Publications[0].Position.Line.Should().Be(2);
        var array = new OpenAlexReader().Read(File.OpenRead(Fixtures.OpenAlexWorks50)).ToList();
        chunked.Publications.Select(p => (p.Id, p.Year, p.Authors.Count)).Should().Equal(array.Select(p => (p.Id, p.Year, p.Authors.Count)));
    }

    // ---- Helpers ----

    private sealed record Outcome(List<Publication> Publications, ReportSummary Report, List<RejectedRecord> Rejects, string? Error);

    private sealed record ReportSummary(long RecordsRead, long SkippedTotal, Dictionary<SkipReason, long> Skipped, List<UnresolvedAffiliation> Unresolved, List<IngestIssue> Issues);

    /// <summary>The one-thread reader of every OpenAlex shape (the reference).</summary>
    private static Outcome Sequential(byte[] input, ReadOptions options, string name = "t.jsonl") =>
        Run(input, options, name, context => new PublicationCursor(OpenAlexReader.ReadWorks(new MemoryStream(input), context), name));

    private static Outcome Chunked(byte[] input, ReadOptions options, int workers, int blockSize, string name = "t.jsonl") =>
        Run(input, options, name, context => new OpenAlexRecordCursor(new MemoryStream(input), context, workers, keepBatches: false, blockSize));

    private static Outcome Run(byte[] input, ReadOptions options, string name, Func<ReadContext, RecordCursor> open)
    {
        var report = new IngestReport(1000);
        var sink = new RejectsList();
        var context = new ReadContext(name, options with { Rejects = sink }, report, null, CancellationToken.None);
        var publications = new List<Publication>();
        string? error = null;
        try
        {
            using var cursor = open(context);
            while (cursor.MoveNext())
            {
                publications.Add(cursor.Batch.ToPublication(cursor.Index));
            }
        }
        catch (IngestException ex)
        {
            error = $"{ex.Position} {ex.Reason} {ex.Message}";
        }

        var summary = new ReportSummary(report.RecordsRead, report.SkippedTotal, new Dictionary<SkipReason, long>(report.Skipped), [.. report.UnresolvedAffiliations], [.. report.Issues]);
        return new Outcome(publications, summary, sink.Records, error);
    }

    /// <summary>
    /// Works of the fixture in random order with bad lines mixed in: cut off, invalid UTF-8, a bad year, not an object,
    /// over the record limit, blank lines, CRLF, and a last line with or without a line feed.
    /// </summary>
    private static byte[] RandomJsonLines(Random random, int works)
    {
        var output = new MemoryStream();
        for (int w = 0; w < works; w++)
        {
            var line = Encoding.UTF8.GetBytes(Works[random.Next(Works.Count)]);
            switch (random.Next(24))
            {
                case 0:
                    line = line[..random.Next(1, line.Length)];
                    break;
                case 1:
                    line[random.Next(line.Length)] = 0xFF;
                    break;
                case 2:
                    line = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line).Replace("\"publication_year\":", "\"publication_year\":\"x\",\"_\":", StringComparison.Ordinal));
                    break;
                case 3:
                    line = "[1,2,3]"u8.ToArray();
                    break;
                case 4:
                    line = [.. line[..^1], .. Encoding.UTF8.GetBytes(",\"pad\":\"" + new string('p', 7000) + "\"}")];
                    break;
                case 5:
                    line = [];
                    break;
                case 6:
                    line = Encoding.UTF8.GetBytes("   " + Encoding.UTF8.GetString(line) + " \t");
                    break;
            }

            output.Write(line);
            if (w < works - 1 || random.Next(2) == 0)
            {
                output.Write(random.Next(8) == 0 ? "\r\n"u8 : "\n"u8);
            }
        }

        return output.ToArray();
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

    private sealed class RejectsList : IRejectedRecordSink
    {
        public List<RejectedRecord> Records { get; } = [];

        public void Add(RejectedRecord record) => Records.Add(record);
    }
}
