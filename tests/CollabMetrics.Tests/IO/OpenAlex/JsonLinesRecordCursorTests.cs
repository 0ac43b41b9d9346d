using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Metrics;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.IO.OpenAlex;

/// <summary>
/// The chunked OpenAlex JSON Lines reader against the one-thread reader of every OpenAlex shape: the same
/// publications, positions, counts, problems, rejects, first error and error limit whatever the number of threads and
/// wherever the chunks are cut; lines over the record limit skipped with reading going on at the next line.
/// </summary>
public partial class JsonLinesRecordCursorTests
{
    private static readonly int[] Threads = [1, 2, 3, 4];
    private static readonly IReadOnlyList<string> Works = FakeSnapshot.FixtureLines();

    // Over every work of the fixture (and its padded form), under the lines made too large on purpose.
    private static readonly int RecordLimit = Works.Max(Encoding.UTF8.GetByteCount) + 64;

    [Fact]
    public void MoveNext_RandomFilesLenientAtOneTwoFourThreads_SameAsTheOneThreadReader()
    {
        long tooLarge = 0;
        Gen.Int[0, int.MaxValue].Select(Gen.Int[16, 40_000]).Sample((seed, blockSize) =>
        {
            var jsonl = RandomJsonLines(new Random(seed), works: 80);
            var options = ReadOptions.Default with
            {
                ErrorMode = ErrorMode.Lenient,
                Limits = ReadLimits.Default with { MaxRecordBytes = RecordLimit },
            };

            var reference = Sequential(jsonl, options);
            reference.Error.Should().BeNull();
            (reference.Publications.Count + reference.Report.SkippedTotal).Should().Be(reference.Report.RecordsRead);
            reference.Report.SkippedTotal.Should().BeGreaterThan(0, "the random files hold bad lines");
            reference.Publications.Count.Should().BeGreaterThan(20, "most lines are works of the fixture, under the record limit");

            Interlocked.Add(ref tooLarge, reference.Report.Skipped.GetValueOrDefault(SkipReason.TooLarge));
            foreach (int workers in Threads)
            {
                var chunked = Chunked(jsonl, options, workers, blockSize);
                chunked.Should().BeEquivalentTo(reference, o => o.WithStrictOrdering(), $"{workers} threads, chunks of {blockSize} bytes, seed {seed}");
            }
        }, iter: 30);

        // Not vacuous: lines over the limit were skipped and reading went on.
        tooLarge.Should().BeGreaterThan(0);
    }

    [Fact]
    public void MoveNext_WithoutInstitutionsAtAnyThreadCount_TheOneThreadReadersRecordsLessInstitutionsAndAddresses()
    {
        int withInstitutions = 0;
        Gen.Int[0, int.MaxValue].Select(Gen.Int[16, 40_000]).Sample((seed, blockSize) =>
        {
            var jsonl = RandomJsonLines(new Random(seed), works: 80);
            var options = ReadOptions.Default with
            {
                ErrorMode = ErrorMode.Lenient,
                Limits = ReadLimits.Default with { MaxRecordBytes = 100_000 },
            };

            var reference = Sequential(jsonl, options);
            var expected = reference with { Publications = [.. reference.Publications.Select(OpenAlexWorkScannerTests.WithoutInstitutions)] };
            Interlocked.Add(ref withInstitutions, reference.Publications.Count(p => p.Authors.Any(a => a.Affiliations.Any(f => f.InstitutionId != null))));
            foreach (int workers in (int[])[0, .. Threads])
            {
                var outcome = Run(jsonl, options, "t.jsonl", context => new OpenAlexRecordCursor(new MemoryStream(jsonl), context, workers, keepBatches: false, blockSize, institutions: false));
                outcome.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), $"{workers} threads, chunks of {blockSize} bytes, seed {seed}");
            }
        }, iter: 20);

        // Not vacuous: works whose institutions the read without them leaves out.
        withInstitutions.Should().BeGreaterThan(100);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OpenCursor_RecordNeeds_InstitutionsOnlyWhenAskedFor(int threads)
    {
        var jsonl = Encoding.UTF8.GetBytes(string.Concat(Works.Select(w => w + "\n")));
        var options = ReadOptions.Default with { MaxDegreeOfParallelism = threads };
        foreach (bool institutions in (bool[])[true, false])
        {
            var context = new ReadContext("t.jsonl", options, new IngestReport(), null, CancellationToken.None);
            using var cursor = new OpenAlexReader().OpenCursor(new MemoryStream(jsonl), context, new RecordNeeds(institutions, AuthorKeys: false));
            int records = 0, withInstitution = 0, withAddress = 0, entries = 0;
            while (cursor.MoveNext())
            {
                records++;
                var batch = cursor.Batch;
                for (int a = batch.AuthorStart(cursor.Index); a < batch.AuthorEnd(cursor.Index); a++)
                {
                    for (int e = batch.EntryStart(a); e < batch.EntryEnd(a); e++)
                    {
                        entries++;
                        withInstitution += batch.EntryInstitution(e) >= 0 ? 1 : 0;
                        withAddress += batch.HasAddress(e) ? 1 : 0;
                    }
                }
            }

            records.Should().Be(Works.Count);
            entries.Should().BeGreaterThan(0);
            if (institutions)
            {
                withInstitution.Should().BeGreaterThan(0, "the sample's affiliations name institutions");
                withAddress.Should().BeGreaterThan(0, "the sample's affiliations have raw strings");
            }
            else
            {
                withInstitution.Should().Be(0);
                withAddress.Should().Be(0);
            }
        }
    }

    [Fact]
    public void MoveNext_RandomFilesStrictAtOneTwoFourThreads_SameFirstErrorAndPublicationsBefore()
    {
        Gen.Int[0, int.MaxValue].Select(Gen.Int[16, 40_000]).Sample((seed, blockSize) =>
        {
            var jsonl = RandomJsonLines(new Random(seed), works: 40);
            var options = ReadOptions.Default with { Limits = ReadLimits.Default with { MaxRecordBytes = RecordLimit } };

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
                Limits = ReadLimits.Default with { MaxRecordBytes = RecordLimit },
            };

            var reference = Sequential(jsonl, options);
            foreach (int workers in Threads)
            {
                Chunked(jsonl, options, workers, blockSize).Should().BeEquivalentTo(reference, o => o.WithStrictOrdering(), $"{workers} threads, seed {seed}");
            }
        }, iter: 20);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("{\"id\":")]
    [InlineData("}")]
    [InlineData("[1,2,3]")]
    [InlineData("  [] ")]
    [InlineData("[{\"id\": \"W1\"}, \"]\\n\"] ")]
    public void MoveNext_FirstLineNotAWork_SkippedAndTheWorksAfterItRead(string firstLine)
    {
        var jsonl = Encoding.UTF8.GetBytes(firstLine + "\n" + string.Join("\n", Works.Take(5)) + "\n");
        var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Limits = ReadLimits.Default with { MaxRecordBytes = RecordLimit } };

        var reference = Sequential(jsonl, options);

        reference.Publications.Should().HaveCount(5);
        reference.Publications[0].Position.Line.Should().Be(2);
        reference.Report.SkippedTotal.Should().Be(1);
        reference.Rejects.Should().ContainSingle().Which.Position.Line.Should().Be(1);
        foreach (int workers in Threads)
        {
            Chunked(jsonl, options, workers, 256).Should().BeEquivalentTo(reference, o => o.WithStrictOrdering(), $"{workers} threads");
        }

        // In strict mode the first line is the error, named by its line.
        var strict = Sequential(jsonl, ReadOptions.Default with { Limits = options.Limits });
        strict.Error.Should().Contain("line 1");
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

    [Theory]
    [InlineData("one line")]
    [InlineData("indented")]
    [InlineData("first line open")]
    [InlineData("two arrays")]
    public void MoveNext_JsonArrayUnderAJsonLinesName_ReadAsAnArrayAtAnyThreadCount(string shape)
    {
        string Array(IEnumerable<string> works) => "[" + string.Join(",", works) + "]";
        var text = shape switch
        {
            "one line" => Array(Works) + "\n",
            "indented" => "[\n  " + string.Join(",\n  ", Works) + "\n]\n",
            "first line open" => "[" + string.Join(",", Works.Take(20)) + ",\n" + string.Join(",", Works.Skip(20)) + "]",
            _ => Array(Works.Take(20)) + "\n" + Array(Works.Skip(20)) + "\n",
        };
        var jsonl = Encoding.UTF8.GetBytes(text);
        var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };

        var reference = Sequential(jsonl, options);

        reference.Report.SkippedTotal.Should().Be(0);
        reference.Publications.Select(p => p.Id).Should().Equal(
            Sequential(Encoding.UTF8.GetBytes(Array(Works)), options, "works.json").Publications.Select(p => p.Id),
            "every work of the array is read, as from a file named .json");
        foreach (int workers in Threads)
        {
            Chunked(jsonl, options, workers, 256).Should().BeEquivalentTo(reference, o => o.WithStrictOrdering(), $"{workers} threads");
        }
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

    [Theory]
    [InlineData(".jsonl")]
    [InlineData(".jsonl.gz")]
    public void CorpusFromFile_RandomFileWithDuplicatesAtOneTwoFourThreads_SameCorpusCubeMergesAndReport(string extension)
    {
        foreach (int seed in new[] { 11, 29 })
        {
            using var file = TempFile.WithBytes(extension, RandomFileWithDuplicates(new Random(seed), works: 160));
            Whole? reference = null;
            foreach (int threads in Threads)
            {
                var whole = ReadWhole(file.Path, threads);
                whole.DuplicateIds.Should().BeGreaterThan(0, "the file repeats works");
                whole.DuplicateDois.Should().BeGreaterThan(0, "the file repeats DOIs under other ids");
                whole.MergeConflicts.Should().BeGreaterThan(0, "records merged by DOI disagree");
                whole.Skipped.Should().NotBeEmpty("the file holds bad lines");
                if (reference is null)
                {
                    reference = whole;
                    continue;
                }

                whole.Should().BeEquivalentTo(reference, o => o.WithStrictOrdering(), $"{threads} threads, {extension}, seed {seed}");
            }
        }
    }

    [Theory]
    [InlineData(".jsonl")]
    [InlineData(".jsonl.gz")]
    public void PublicationFiles_RandomFileWithDuplicatesAtOneTwoFourThreads_SameTablesCubeAndReportAsTheCorpus(string extension)
    {
        using var file = TempFile.WithBytes(extension, RandomFileWithDuplicates(new Random(7), works: 160));
        var corpus = Corpus.FromFile(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = 1 });
        string corpusPairs = corpus.Countries().Pairs().ByYear().Compute().ToCsv();
        string? referenceCube = null;
        foreach (int threads in Threads)
        {
            var files = PublicationFiles.Open([file.Path], ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = threads });

            files.Countries().Pairs().ByYear().Compute().ToCsv().Should().Be(corpusPairs, $"{threads} threads");
            files.Report!.DuplicateDois.Should().Be(corpus.Report.DuplicateDois);
            files.Report.DuplicateIds.Should().Be(corpus.Report.DuplicateIds);
            files.Report.RecordsRead.Should().Be(corpus.Report.RecordsRead);
            files.Report.Skipped.Should().Equal(corpus.Report.Skipped);
            string cube = files.BuildCube().ToJson();
            referenceCube ??= cube;
            cube.Should().Be(referenceCube, $"{threads} threads");
        }
    }

    [Theory]
    [InlineData(".jsonl")]
    [InlineData(".jsonl.gz")]
    public void PublicationFiles_FileOfManyChunksWithoutDuplicates_StreamedTablesAndReportSameAtEveryThreadCount(string extension)
    {
        // Over 1 MB of works, each once: the tables are streamed from several chunks (no fallback to a corpus), parsed
        // on as many threads as the budget gives, down to none besides the caller's.
        var bytes = UniqueWorks(new Random(11), works: 2500);
        bytes.Length.Should().BeGreaterThan(2 * JsonLinesChunkSplitter.DefaultBlockSize, "the file must be cut into several chunks");
        using var file = TempFile.WithBytes(extension, bytes);
        var corpus = Corpus.FromFile(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = 1 });
        corpus.Report.DuplicateIds.Should().Be(0);
        corpus.Report.DuplicateDois.Should().Be(0);
        string corpusPairs = corpus.Countries().Pairs().ByYear().Compute().ToCsv();
        string corpusCountries = corpus.Countries().Units().ByYear().Compute().ToCsv();
        foreach (int threads in Threads)
        {
            var files = PublicationFiles.Open([file.Path], ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = threads });

            files.Countries().Pairs().ByYear().Compute().ToCsv().Should().Be(corpusPairs, $"{threads} threads");
            files.Report!.RecordsRead.Should().Be(corpus.Report.RecordsRead, $"{threads} threads");
            files.Report.Skipped.Should().Equal(corpus.Report.Skipped, $"{threads} threads");
            files.Countries().Units().ByYear().Compute().ToCsv().Should().Be(corpusCountries, $"{threads} threads");
        }
    }

    [Theory]
    [InlineData(".jsonl")]
    [InlineData(".jsonl.gz")]
    public void ReadFile_ProgressAtOneTwoFourThreads_SameRecordsMonotoneBytesEndingAtTheFileLength(string extension)
    {
        using var file = TempFile.WithBytes(extension, RandomFileWithDuplicates(new Random(3), works: 160));
        long length = new FileInfo(file.Path).Length;
        List<long?>? referenceRecords = null;
        foreach (int threads in Threads)
        {
            var progress = new ProgressList();
            var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = threads, Progress = progress, ProgressInterval = 10 };

            _ = Corpus.FromFile(file.Path, options);

            var reports = progress.Reports;
            reports.Should().HaveCountGreaterThan(10);
            reports.Should().OnlyContain(r => r.Phase == "read" && r.Unit == "bytes" && r.Total == length && r.File == file.Path);
            reports.Select(r => r.Completed).Should().BeInAscendingOrder($"{threads} threads: bytes read never go back");
            reports.Select(r => r.Records).Should().BeInAscendingOrder();
            reports[^1].Completed.Should().Be(length, $"{threads} threads: the last report is at the end of the file");
            referenceRecords ??= [.. reports.Select(r => r.Records)];
            reports.Select(r => r.Records).Should().Equal(referenceRecords, $"{threads} threads: progress comes at the same records");
        }
    }

    [Theory]
    [InlineData(null, false, 1, 0)]
    [InlineData(null, false, 2, 2)]
    [InlineData(null, false, 4, 4)]
    [InlineData(null, true, 1, 0)]
    [InlineData(null, true, 2, 1)]
    [InlineData(null, true, 4, 3)]
    [InlineData("one of many", false, 4, 0)]
    [InlineData("kept batches", false, 4, 0)]
    public void Workers_ThreadBudget_CountsTheDecompressionThreadNotTheCaller(string? shared, bool decompressedAhead, int budget, int expected)
    {
        var options = ReadOptions.Default with { MaxDegreeOfParallelism = budget };
        using var decompressor = new ReadAheadStream(new MemoryStream(new byte[10]), ahead: decompressedAhead);
        var context = new ReadContext("t.jsonl.gz", options, new IngestReport(), null, CancellationToken.None)
        {
            OneOfMany = shared == "one of many",
            Decompressor = decompressor,
        };

        OpenAlexReader.Workers(context, keepBatches: shared == "kept batches").Should().Be(expected);
    }

    [Fact]
    public void MoveNext_GzipInputAtOneToFourThreadsAndSeveralChunkSizes_SameAsThePlainInput()
    {
        // Over a read-ahead block of works with bad lines: chunks of a few lines (the decompressor's blocks copied into
        // them) and of more than a block (decompressed straight into them), on the cutting thread, never ahead.
        var plain = RandomFileWithDuplicates(new Random(17), works: 700);
        plain.Length.Should().BeGreaterThan(2 * ReadAheadStream.BlockSize);
        var gz = Gzip(plain);
        var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };
        var reference = Chunked(plain, options, workers: 1, blockSize: JsonLinesChunkSplitter.DefaultBlockSize);
        reference.Publications.Should().NotBeEmpty();
        reference.Report.SkippedTotal.Should().BeGreaterThan(0, "the file holds bad lines");
        foreach (int blockSize in new[] { 3000, ReadAheadStream.BlockSize + 4567, JsonLinesChunkSplitter.DefaultBlockSize })
        {
            foreach (int workers in Threads)
            {
                ReadAheadStream? decompressor = null;
                var outcome = Run(gz, options, "t.jsonl", context =>
                {
                    decompressor = new ReadAheadStream(new CheckedGZipStream(new MemoryStream(gz)), ahead: false);
                    context.Decompressor = decompressor;
                    return new OpenAlexRecordCursor(decompressor, context, workers, keepBatches: false, blockSize);
                });

                outcome.Should().BeEquivalentTo(reference, o => o.WithStrictOrdering(), $"{workers} threads, chunks of {blockSize} bytes");
                decompressor!.ReadsAhead.Should().BeFalse("the cutting thread decompresses");
            }
        }
    }

    [Theory]
    [InlineData("jsonl", 2, false)]
    [InlineData("jsonl", 0, true)]
    [InlineData("array", 2, true)]
    public void OpenAlexRecordCursor_GzipInput_DecompressedAheadOnlyWhenParsedOnTheCallersThread(string shape, int workers, bool ahead)
    {
        var works = Enumerable.Range(1, 30).Select(i => $$"""{"id":"https://openalex.org/W{{i}}","publication_year":2020,"authorships":[{"author":{"id":"A{{i}}"},"institutions":[{"country_code":"US"}],"countries":["US"]}]}""").ToList();
        var text = shape == "jsonl" ? string.Join("\n", works) + "\n" : "[" + string.Join(",", works) + "]";
        var options = ReadOptions.Default with { MaxDegreeOfParallelism = 2 };
        using var decompressor = new ReadAheadStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), ahead: false);
        var context = new ReadContext("t.json.gz", options, new IngestReport(), null, CancellationToken.None) { Decompressor = decompressor };

        int read = 0;
        using (var cursor = new OpenAlexRecordCursor(decompressor, context, workers, keepBatches: false, blockSize: 256))
        {
            while (cursor.MoveNext())
            {
                read++;
            }
        }

        read.Should().Be(30);
        decompressor.ReadsAhead.Should().Be(ahead, ahead
            ? "a reader that parses on the caller's thread leaves the decompression to a thread of its own"
            : "chunks cut on a thread of their own are decompressed on that thread, straight into the chunks");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ReadFile_OneGzipFile_DecompressedAheadAndParsedOnTheRestOfTheBudget(int threads)
    {
        using var file = TempFile.WithBytes(".jsonl.gz", RandomFileWithDuplicates(new Random(5), works: 60));
        var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = threads };
        var report = new IngestReport();
        var one = PublicationReader.ReadFile(file.Path, options with { MaxDegreeOfParallelism = 1 }).Select(p => p.Id).ToList();

        using var records = PublicationReader.OpenRecords([file.Path], options, report, RecordNeeds.All, CancellationToken.None);
        var ids = new List<string?>();
        while (records.MoveNext())
        {
            ids.Add(records.Batch.ToPublication(records.Index).Id);
        }

        ids.Should().Equal(one);
        report.RecordsRead.Should().BeGreaterThan(ids.Count, "bad lines are counted");
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

    private sealed record Whole(
        List<(string? Id, string? Doi, int? Year, SourcePosition Position, string Countries)> Publications,
        string Cube,
        long RecordsRead,
        long Accepted,
        Dictionary<SkipReason, long> Skipped,
        long DuplicateIds,
        long DuplicateDois,
        long MergeConflicts,
        List<IngestIssue> Issues);

    private static Whole ReadWhole(string path, int threads)
    {
        var corpus = Corpus.FromFile(path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = threads });
        var report = corpus.Report;
        return new Whole(
            [.. corpus.Publications.Select(p => (p.Id, p.Doi, p.Year, p.Position, string.Join(",", p.Countries)))],
            CollaborationCube.Build(corpus, AggregationOptions.Default with { MaxDegreeOfParallelism = 1 }).ToJson(),
            report.RecordsRead,
            report.Accepted,
            new Dictionary<SkipReason, long>(report.Skipped),
            report.DuplicateIds,
            report.DuplicateDois,
            report.MergeConflicts,
            [.. report.Issues]);
    }

    /// <summary>
    /// Works of the fixture in random order: some repeated as they are (duplicate ids), some under a new id with the same
    /// DOI and another year and first author's countries (merged by DOI, with conflicts), and bad lines (cut off, a bad
    /// year, not an object).
    /// </summary>
    /// <summary>Works of the fixture in random order, each under an id and a DOI of its own, with random years; a few lines broken.</summary>
    private static byte[] UniqueWorks(Random random, int works)
    {
        var output = new StringBuilder();
        for (int w = 0; w < works; w++)
        {
            var work = JsonNode.Parse(Works[random.Next(Works.Count)])!.AsObject();
            work["id"] = $"https://openalex.org/W8{w:D7}";
            work["doi"] = $"https://doi.org/10.5555/unique-{w}";
            work["publication_year"] = 2000 + random.Next(20);
            string line = work.ToJsonString();
            output.Append(random.Next(50) == 0 ? line[..random.Next(1, line.Length)] : line).Append('\n');
        }

        return Encoding.UTF8.GetBytes(output.ToString());
    }

    private static byte[] RandomFileWithDuplicates(Random random, int works)
    {
        var output = new StringBuilder();
        for (int w = 0; w < works; w++)
        {
            string line = Works[random.Next(Works.Count)];
            switch (random.Next(12))
            {
                case 0:
                    line = line[..random.Next(1, line.Length)];
                    break;
                case 1:
                    line = "[1,2,3]";
                    break;
                case 2 or 3:
                    var work = JsonNode.Parse(line)!.AsObject();
                    work["id"] = $"https://openalex.org/W9{random.Next(1_000_000):D7}";
                    work["publication_year"] = 2000 + random.Next(20);
                    if (work["authorships"] is JsonArray { Count: > 0 } authorships)
                    {
                        authorships[0]!["countries"] = new JsonArray(random.Next(2) == 0 ? "FR" : "JP");
                    }

                    line = work.ToJsonString();
                    break;
            }

            output.Append(line).Append('\n');
        }

        return Encoding.UTF8.GetBytes(output.ToString());
    }

    private sealed class ProgressList : IProgress<WorkProgress>
    {
        public List<WorkProgress> Reports { get; } = [];

        public void Report(WorkProgress value) => Reports.Add(value);
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
                    line = [.. line[..^1], .. Encoding.UTF8.GetBytes(",\"pad\":\"" + new string('p', RecordLimit) + "\"}")];
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
