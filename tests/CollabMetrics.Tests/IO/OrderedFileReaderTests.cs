using System.Text;
using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.Aggregation;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO;

/// <summary>Several files read at once come out as one read after the other would give them: publications, report, errors.</summary>
public sealed class OrderedFileReaderTests : IDisposable
{
    private static readonly ReadOptions s_lenient = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };
    private readonly string _directory = Directory.CreateTempSubdirectory("collabmetrics-ordered-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void ReadFiles_AnyNumberOfThreads_SamePublicationsAndReportAsOneThread(int threads)
    {
        var paths = WriteParts(12, withBadRecords: true);

        var one = Read(paths, s_lenient with { MaxDegreeOfParallelism = 1 });
        var many = Read(paths, s_lenient with { MaxDegreeOfParallelism = threads });

        many.Ids.Should().Equal(one.Ids);
        Describe(many.Report).Should().Be(Describe(one.Report));
        many.Report.Files.Should().Equal(paths);
        many.Report.SkippedTotal.Should().Be(12);
    }

    [Fact]
    public void FromDirectory_FakeSnapshot_TheFixturesWorksWithTheManifestListed()
    {
        using var snapshot = FakeSnapshot.Create();

        var corpus = Corpus.FromDirectory(snapshot.Works, s_lenient);
        var whole = Corpus.FromFile(Fixtures.OpenAlexWorks50, s_lenient);

        corpus.Records.Select(r => r.Id).Should().Equal(whole.Records.Select(r => r.Id));
        corpus.Report.Files.Should().Equal(snapshot.Parts);
        corpus.Report.SkippedFiles.Should().ContainSingle().Which.Path.Should().EndWith("manifest");
        corpus.Report.ToString().Should().Contain("Files not read: 1");
        CubeAssert.Identical(CollaborationCube.Build(corpus), CollaborationCube.Build(whole));
    }

    [Fact]
    public void FromDirectory_NotADirectory_Throws()
    {
        FluentActions.Invoking(() => Corpus.FromDirectory(Path.Combine(_directory, "none"))).Should().Throw<DirectoryNotFoundException>();
        FluentActions.Invoking(() => Corpus.FromDirectory(Fixtures.OpenAlexWorks50)).Should().Throw<DirectoryNotFoundException>().WithMessage("*is a file*");
        FluentActions.Invoking(() => Corpus.FromFile(_directory)).Should().Throw<FileNotFoundException>().WithMessage("*is a directory*");
    }

    [Fact]
    public void PublicationFiles_SnapshotPattern_SameTablesAsTheCorpusOfTheFolder()
    {
        using var snapshot = FakeSnapshot.Create(parts: 5);
        var pattern = Path.Combine(snapshot.Works, "updated_date=*", "part_*.gz");

        var files = PublicationFiles.Open([pattern], s_lenient);
        var corpus = Corpus.FromDirectory(snapshot.Works, s_lenient);

        files.Countries().Units().ByYear().Compute().ToCsv().Should().Be(corpus.Countries().Units().ByYear().Compute().ToCsv());
        files.Report!.Files.Should().Equal(snapshot.Parts);
        files.Report.SkippedFiles.Should().BeEmpty("the pattern names the parts only");
    }

    [Fact]
    public void ReadFiles_StrictErrorInALaterFile_EarlierFilesPublicationsFirstThenTheErrorAsOnOneThread()
    {
        var paths = WriteParts(6, withBadRecords: false);
        File.AppendAllText(paths[3], "W-bad,Unknown,,20x0,1,,,,,US,,,,,,\n");

        var (one, oneError) = ReadUntilError(paths, threads: 1);
        var (four, fourError) = ReadUntilError(paths, threads: 4);

        oneError.Should().NotBeNull().And.Match<IngestException>(e => e.Position.File == paths[3] && e.Field == "year");
        fourError!.Message.Should().Be(oneError!.Message);
        four.Should().Equal(one);

        // Every publication of the files before, then every publication of the bad file before its bad row (the last
        // row: a lenient read skips it and keeps the rest).
        var before = Read(paths[..3], s_lenient).Ids;
        one.Take(before.Count).Should().Equal(before);
        one.Skip(before.Count).Should().Equal(Read([paths[3]], s_lenient).Ids);
    }

    private static (List<string> Ids, IngestException? Error) ReadUntilError(string[] paths, int threads)
    {
        var seen = new List<string>();
        try
        {
            foreach (var p in PublicationReader.ReadFiles(paths, ReadOptions.Default with { MaxDegreeOfParallelism = threads }))
            {
                seen.Add(p.Id);
            }
        }
        catch (IngestException ex)
        {
            return (seen, ex);
        }

        return (seen, null);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void ReadFiles_ErrorLimit_CountsTheSkippedRecordsOfEveryFile(int threads)
    {
        var paths = WriteParts(6, withBadRecords: true);

        var read = () => PublicationReader.ReadFiles(paths, s_lenient with { MaxErrors = 4, MaxDegreeOfParallelism = threads }).ToList();

        read.Should().Throw<IngestException>().WithMessage("*5 records were skipped, more than the error limit of 4*");
    }

    [Theory]
    [InlineData(2, 3, null)]
    [InlineData(4, 0, null)]
    [InlineData(4, 4, null)]
    [InlineData(3, null, 0.01)]
    public void ReadFiles_ErrorLimitReached_SameRecordsReportAndErrorAtAnyThreadCount(int threads, int? maxErrors, double? maxShare)
    {
        var paths = WriteParts(8, withBadRecords: true);
        var options = s_lenient with { MaxErrors = maxErrors, MaxErrorShare = maxShare };

        var (one, oneReport, oneError) = ReadWithReport(paths, options with { MaxDegreeOfParallelism = 1 });
        var (many, manyReport, manyError) = ReadWithReport(paths, options with { MaxDegreeOfParallelism = threads });

        oneError.Should().NotBeNull();
        manyError!.Message.Should().Be(oneError!.Message);
        manyError.Position.Should().Be(oneError.Position);
        many.Should().Equal(one);
        Describe(manyReport).Should().Be(Describe(oneReport));
    }

    private static (List<string> Ids, IngestReport Report, IngestException? Error) ReadWithReport(string[] paths, ReadOptions options)
    {
        var report = new IngestReport();
        var seen = new List<string>();
        try
        {
            foreach (var p in PublicationReader.ReadFiles(paths, options, report))
            {
                seen.Add(p.Id);
            }
        }
        catch (IngestException ex)
        {
            return (seen, report, ex);
        }

        return (seen, report, null);
    }

    [Fact]
    public void ReadFiles_ConsumerStopsEarly_EveryFileClosed()
    {
        var paths = WriteParts(10, withBadRecords: false, perFile: 2000);

        var first = PublicationReader.ReadFiles(paths, ReadOptions.Default with { MaxDegreeOfParallelism = 4 }).Take(3).ToList();

        first.Should().HaveCount(3);
        foreach (var path in paths)
        {
            // Workers have stopped and closed their files: each can be opened for writing again.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
    }

    [Fact]
    public void ReadFiles_Cancelled_StopsWithOperationCanceled()
    {
        var paths = WriteParts(8, withBadRecords: false, perFile: 3000);
        using var cancellation = new CancellationTokenSource();

        var read = () =>
        {
            int n = 0;
            foreach (var _ in PublicationReader.ReadFiles(paths, ReadOptions.Default with { MaxDegreeOfParallelism = 3 }, cancellationToken: cancellation.Token))
            {
                if (++n == 100)
                {
                    cancellation.Cancel();
                }
            }
        };

        read.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void MaxDegreeOfParallelism_Zero_Throws() =>
        FluentActions.Invoking(() => ReadOptions.Default with { MaxDegreeOfParallelism = 0 }).Should().Throw<ArgumentOutOfRangeException>();

    private static (List<string> Ids, IngestReport Report) Read(string[] paths, ReadOptions options)
    {
        var report = new IngestReport();
        var ids = PublicationReader.ReadFiles(paths, options, report).Select(p => p.Id).ToList();
        return (ids, report);
    }

    /// <summary>CollabMetrics CSV parts of seeded publications; with bad records, the second row of each file has a bad year.</summary>
    private string[] WriteParts(int files, bool withBadRecords, int perFile = 40)
    {
        var paths = new string[files];
        for (int f = 0; f < files; f++)
        {
            var publications = RandomCorpora.Seeded(perFile, seed: f).Select((p, k) => p with { Id = $"F{f}-{k}" }).ToArray();
            var path = Path.Combine(_directory, $"part-{f:D2}.csv");
            using (var stream = new MemoryStream())
            {
                CollabMetricsCsvWriter.ToStream(Corpus.Build(publications, new CorpusOptions { DetectDuplicateIds = false, MergeByDoi = false }), stream);
                var text = Encoding.UTF8.GetString(stream.ToArray());
                if (withBadRecords)
                {
                    int line = text.IndexOf('\n', StringComparison.Ordinal) + 1;
                    text = text[..line] + "W-bad-" + f.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",Unknown,,20x0,,,,,,,,,,,,\n" + text[line..];
                }

                File.WriteAllText(path, text);
            }

            paths[f] = path;
        }

        return paths;
    }

    private static string Describe(IngestReport report) =>
        report + string.Join("\n", report.Issues.Select(i => i.ToString())) + $"\n{report.BytesRead}";
}
