using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Model;
using CollabMetrics.Tests.IO.OpenAlex;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.IO;

public class PublicationReaderTests
{
    [Fact]
    public void For_EveryFormat_ReturnsAReaderOfThatFormat()
    {
        PublicationReader.For(PublicationFormat.OpenAlex).Should().BeOfType<OpenAlexReader>().Which.Format.Should().Be(PublicationFormat.OpenAlex);
        PublicationReader.For(PublicationFormat.CollabMetricsCsv).Should().BeOfType<CollabMetricsCsvReader>().Which.Format.Should().Be(PublicationFormat.CollabMetricsCsv);
        PublicationReader.For(PublicationFormat.WebOfScience).Format.Should().Be(PublicationFormat.WebOfScience);
        PublicationReader.For(PublicationFormat.WebOfScienceTab).Format.Should().Be(PublicationFormat.WebOfScienceTab);
        PublicationReader.For(PublicationFormat.Scopus).Format.Should().Be(PublicationFormat.Scopus);
    }

    [Fact]
    public void For_Auto_ThrowsArgumentExceptionPointingToDetection()
    {
        var act = () => PublicationReader.For(PublicationFormat.Auto);

        act.Should().Throw<ArgumentException>().WithMessage("*PublicationFormats.Detect*");
    }

    public static TheoryData<string, long> RealExports => new()
    {
        { Fixtures.OpenAlexWorks50, 50 },
        { Fixtures.WosPlain500, 500 },
        { Fixtures.WosTab71, 71 },
        { Fixtures.Scopus58, 58 },
    };

    [Theory]
    [MemberData(nameof(RealExports))]
    public void ReadFile_RealExport_ProgressIsMonotoneAndReachesTheFileLengthAndRecordCount(string path, long records)
    {
        var progress = new RecordingProgress<WorkProgress>();
        var report = new IngestReport();

        _ = PublicationReader.ReadFile(path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Progress = progress, ProgressInterval = 7 }, report).Count();

        long length = new FileInfo(path).Length;
        var reports = progress.Reports;
        reports.Count.Should().BeGreaterThan(1, "a report every 7 records and one at the end");
        reports.Should().OnlyContain(r => r.Phase == "read" && r.Unit == "bytes" && r.File == path && r.Total == length);
        reports.Select(r => r.Completed).Should().BeInAscendingOrder().And.OnlyContain(b => b >= 0 && b <= length);
        reports.Select(r => r.Records!.Value).Should().BeInAscendingOrder();
        reports[^1].Completed.Should().Be(length);
        reports[^1].Records.Should().Be(records);
        reports[^1].Fraction.Should().Be(1.0);
        report.RecordsRead.Should().Be(records);
    }

    [Fact]
    public void ReadFile_GzippedJsonLines_ReadsAndReportsCompressedBytes()
    {
        var jsonl = string.Join("\n", Enumerable.Range(1, 25).Select(i => OpenAlexReaderTests.Work($"W{i}")));
        using var file = TempFile.WithText(".jsonl.gz", jsonl);
        var progress = new RecordingProgress<WorkProgress>();
        var report = new IngestReport();

        var publications = PublicationReader.ReadFile(file.Path, ReadOptions.Default with { Progress = progress, ProgressInterval = 10 }, report).ToList();

        long length = new FileInfo(file.Path).Length;
        publications.Select(p => p.Id).Should().Equal(Enumerable.Range(1, 25).Select(i => $"W{i}"));
        publications[24].Position.Should().Be(new SourcePosition(file.Path, 25, 25));
        progress.Reports.Select(r => r.Records).Should().Equal(10, 20, 25);
        progress.Reports[^1].Completed.Should().Be(length);
        progress.Reports.Should().OnlyContain(r => r.Total == length && r.File == file.Path);
        report.BytesRead.Should().Be(length);
        report.RecordsRead.Should().Be(25);
        report.Files.Should().Equal(file.Path);
    }

    [Fact]
    public void ReadFile_ArrayUnderAJsonLinesName_IsStillReadAsAnArray()
    {
        using var file = TempFile.WithText(".jsonl", $"[{OpenAlexReaderTests.Work("W1")},\n{OpenAlexReaderTests.Work("W2")}]");

        PublicationReader.ReadFile(file.Path).Select(p => p.Id).Should().Equal("W1", "W2");
    }

    [Fact]
    public void ReadFile_FormatGivenInOptions_SkipsDetection()
    {
        using var file = TempFile.WithText(".txt", "publication_id,year,author_position,country\nP1,2020,1,FR\n");

        var publications = PublicationReader.ReadFile(file.Path, ReadOptions.Default with { Format = PublicationFormat.CollabMetricsCsv }).ToList();

        publications.Single().Id.Should().Be("P1");
    }

    [Fact]
    public void ReadFile_MissingFile_ThrowsAtOnce()
    {
        var act = () => PublicationReader.ReadFile(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json"));

        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void ReadFile_NothingRead_MessageNamesTheFileAloneNotRecordZero()
    {
        using var file = TempFile.WithText(".txt", "hello world\n");

        var lenient = () => PublicationReader.ReadFile(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }).ToList();

        lenient.Should().Throw<IngestException>().Which.Message.Should().StartWith($"{file.Path}: no publication could be read").And.NotContain("record 0");
    }

    [Fact]
    public void Read_StreamOfTheFormatWithNothingInIt_EmptyWhileTheEntryPointsThrow()
    {
        var report = new IngestReport();
        using var empty = new MemoryStream([]);

        var direct = PublicationReader.For(PublicationFormat.OpenAlex).Read(empty, "empty.jsonl", report: report).ToList();
        var entry = () => PublicationReader.ReadStream(new MemoryStream([]), "empty.jsonl").ToList();

        direct.Should().BeEmpty();
        report.Accepted.Should().Be(0);
        entry.Should().Throw<IngestException>().WithMessage("empty.jsonl: *");
    }

    [Fact]
    public void ReadFile_UnrecognisedFile_StrictThrowsLenientCountsThenNothingReadIsAnError()
    {
        using var file = TempFile.WithText(".txt", "hello world\n");
        var report = new IngestReport();

        var strict = () => PublicationReader.ReadFile(file.Path).ToList();
        var lenient = () => PublicationReader.ReadFile(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).ToList();

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.UnrecognisedFormat).WithMessage($"*{file.Path}*\"hello world\"*");
        lenient.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.UnrecognisedFormat).WithMessage("*no publication could be read from the input*");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.UnrecognisedFormat] = 1 });
        report.RecordsRead.Should().Be(1, "an unreadable file counts as one record read and skipped");
    }

    [Fact]
    public void ReadFiles_UnrecognisedFileBesideAGoodOneLenient_CountsItAndReadsTheOther()
    {
        using var bad = TempFile.WithText(".txt", "root:x:0:0:root:/root:/bin/bash\n");
        var report = new IngestReport();

        var publications = PublicationReader.ReadFiles([bad.Path, Fixtures.OpenAlexWorks50], ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).ToList();

        publications.Should().HaveCount(50);
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.UnrecognisedFormat] = 1 });
        report.Files.Should().Equal(bad.Path, Fixtures.OpenAlexWorks50);
    }

    [Fact]
    public void ReadFile_TruncatedGzip_IsReportedNotCrashed()
    {
        var jsonl = string.Join("\n", Enumerable.Range(1, 200).Select(i => OpenAlexReaderTests.Work($"W{i}")));
        using var file = TempFile.WithText(".jsonl.gz", jsonl);
        var bytes = File.ReadAllBytes(file.Path);
        File.WriteAllBytes(file.Path, bytes[..(bytes.Length / 2)]);
        var report = new IngestReport();

        var strict = () => PublicationReader.ReadFile(file.Path).ToList();
        var lenient = PublicationReader.ReadFile(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).ToList();

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Truncated);
        lenient.Should().NotBeEmpty().And.HaveCountLessThan(200);
        report.Skipped.Should().ContainKey(SkipReason.Truncated);
    }

    [Fact]
    public async Task ReadFileAsync_Fixture_YieldsEveryWork()
    {
        var ids = new List<string>();

        await foreach (var publication in PublicationReader.ReadFileAsync(Fixtures.OpenAlexWorks50))
        {
            ids.Add(publication.Id);
        }

        ids.Should().HaveCount(50).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task ReadFileAsync_Cancelled_StopsWithOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        int seen = 0;

        var act = async () =>
        {
            await foreach (var unused in PublicationReader.ReadFileAsync(Fixtures.OpenAlexWorks50, cancellationToken: cts.Token))
            {
                if (++seen == 5)
                {
                    await cts.CancelAsync();
                }
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        seen.Should().BeLessThan(50);
    }

    [Fact]
    public void UnresolvedAffiliations_RandomTextsAndCounts_MostFrequentFirstThenTextInOrdinalOrder()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var random = new Random(seed);
            var report = new IngestReport();
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            int texts = random.Next(0, 40);
            for (int i = 0; i < texts; i++)
            {
                // Few distinct counts, so that ties are common; texts that differ in case and accents.
                string text = random.Next(4) switch { 0 => $"Lab {random.Next(10)}", 1 => $"lab {random.Next(10)}", 2 => $"Labé {random.Next(5)}", _ => $"Z{random.Next(3)}" };
                long count = random.Next(1, 4);
                report.AddUnresolved(text, count);
                counts[text] = counts.GetValueOrDefault(text) + count;
            }

            var list = report.UnresolvedAffiliations;
            list.Select(u => u.Text).Should().BeEquivalentTo(counts.Keys);
            for (int i = 0; i < list.Count; i++)
            {
                list[i].Count.Should().Be(counts[list[i].Text]);
                if (i > 0)
                {
                    var (before, after) = (list[i - 1], list[i]);
                    bool ordered = before.Count > after.Count || (before.Count == after.Count && string.CompareOrdinal(before.Text, after.Text) < 0);
                    ordered.Should().BeTrue($"{before} comes before {after}");
                }
            }
        }, iter: 500);
    }
}
