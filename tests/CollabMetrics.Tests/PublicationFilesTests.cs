using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.Aggregation;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests;

/// <summary>
/// Files streamed without a corpus give the corpus's answers: the same duplicates dropped (ids across files, DOIs
/// within and across files), the same report, the same cube bit for bit, the same tables.
/// </summary>
public sealed class PublicationFilesTests : IDisposable
{
    private static readonly ReadOptions s_lenient = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };
    private readonly string _directory = Directory.CreateTempSubdirectory("collabmetrics-files-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void BuildCube_RandomFilesWithDuplicates_IdenticalToTheCorpusCube()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[0, 1000], RandomCorpora.Options).Sample((count, seed, options) =>
        {
            var paths = WriteFiles(count, seed);
            var corpus = Corpus.FromFiles(paths, s_lenient);
            var files = PublicationFiles.Open(paths, s_lenient);

            var cube = files.BuildCube(options);

            CubeAssert.Identical(cube, CollaborationCube.Build(corpus, options));
            files.Report.Should().NotBeNull();
            Describe(files.Report!).Should().Be(Describe(corpus.Report));
        }, iter: 25);
    }

    [Fact]
    public void BuildCube_OneProgressReceiver_ReadPhaseReachesTheFileThenAggregatePhaseCountsPublications()
    {
        var progress = new RecordingProgress<WorkProgress>();
        var path = Fixtures.WosPlain500;
        var files = PublicationFiles.Open([path], s_lenient with { Progress = progress, ProgressInterval = 50 }).WithProgress(progress);

        files.BuildCube();

        var reports = progress.Reports;
        var read = reports.Where(r => r.Phase == "read").ToList();
        var aggregate = reports.Where(r => r.Phase == "aggregate").ToList();
        read.Should().HaveCountGreaterThan(1).And.OnlyContain(r => r.File == path && r.Unit == "bytes");
        read[^1].Completed.Should().Be(new FileInfo(path).Length);
        read[^1].Records.Should().Be(500);
        aggregate.Should().NotBeEmpty().And.OnlyContain(r => r.Unit == "publications" && r.File == null && r.Records == null);
        aggregate.Max(r => r.Completed).Should().BeInRange(1, files.Report!.Accepted);
        reports.Should().OnlyContain(r => r.Phase == "read" || r.Phase == "aggregate");
    }

    [Fact]
    public void Inspect_RandomFilesWithDuplicates_SameReportAsTheCorpus()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[0, 1000]).Sample((count, seed) =>
        {
            var paths = WriteFiles(count, seed);
            var report = PublicationFiles.Open(paths, s_lenient).Inspect();
            var corpus = Corpus.FromFiles(paths, s_lenient);

            Describe(report).Should().Be(Describe(corpus.Report));
            report.DuplicateIds.Should().Be(corpus.Report.DuplicateIds);
            report.DuplicateDois.Should().Be(corpus.Report.DuplicateDois);
        }, iter: 25);
    }

    [Fact]
    public void Inspect_KnownDuplicates_CountedAsTheCorpusDoes()
    {
        var paths = WriteFiles(200, seed: 3);

        var report = PublicationFiles.Open(paths, s_lenient).Inspect();

        // The second file repeats ids of the first; every fifth publication shares its DOI with another.
        report.DuplicateIds.Should().BePositive();
        report.DuplicateDois.Should().BePositive();
        Describe(report).Should().Be(Describe(Corpus.FromFiles(paths, s_lenient).Report));
    }

    [Fact]
    public void BuildCube_RandomFilesWithoutDuplicates_StreamedAndIdenticalToTheCorpusCube()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[0, 1000], RandomCorpora.Options).Sample((count, seed, options) =>
        {
            var paths = WriteFiles(count, seed, duplicates: false);
            var corpus = Corpus.FromFiles(paths, s_lenient);
            var files = PublicationFiles.Open(paths, s_lenient);

            var cube = files.BuildCube(options);

            // A label the files carry ("A" when they do), so that the tables are compared, not only the refusal.
            string label = corpus.Technologies.Contains("A") || corpus.Technologies.Count == 0 ? "A" : corpus.Technologies[0];
            var units = Outcome(() => files.Years(2017, 2020).InTechnology(label).Countries().Units().ByYear().Compute().ToCsv());

            corpus.Report.DuplicateIds.Should().Be(0);
            corpus.Report.DuplicateDois.Should().Be(0);
            CubeAssert.Identical(cube, CollaborationCube.Build(corpus, options));
            Describe(files.Report!).Should().Be(Describe(corpus.Report));
            units.Should().Be(Outcome(() => corpus.Years(2017, 2020).InTechnology(label).Countries().Units().ByYear().Compute().ToCsv()));
        }, iter: 25);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    public void BuildCube_FilesOfSeveralStreamBatches_IdenticalToTheCorpusCubeAtAnyThreadCount(int readThreads, int aggregationThreads)
    {
        // More publications than two batches of the stream, so that batches are aggregated while others fill.
        int count = (2 * CubeEngine.FileStreamChunkSize) + 1234;
        var paths = WriteFiles(count, seed: 11, duplicates: false);
        var corpus = Corpus.FromFiles(paths, s_lenient);
        var files = PublicationFiles.Open(paths, s_lenient with { MaxDegreeOfParallelism = readThreads });
        var options = AggregationOptions.Default with { MaxDegreeOfParallelism = aggregationThreads };

        var cube = files.BuildCube(options);
        var pairs = files.Countries().Pairs().ByYear().Compute().ToCsv();

        corpus.Count.Should().BeGreaterThan(2 * CubeEngine.FileStreamChunkSize);
        CubeAssert.Identical(cube, CollaborationCube.Build(corpus, options));
        pairs.Should().Be(corpus.Countries().Pairs().ByYear().Compute().ToCsv());
        Describe(files.Report!).Should().Be(Describe(corpus.Report));
    }

    [Fact]
    public void Queries_FilteredFiles_SameTablesAsTheCorpusViews()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, 1000], Gen.Int[0, 3]).Sample((count, seed, weighting) =>
        {
            var paths = WriteFiles(count, seed);
            var whole = Corpus.FromFiles(paths, s_lenient);
            var links = (LinkWeighting)weighting;
            // Labels the data carries, so that the tables are compared; a label it does not carry must be refused alike.
            var labels = whole.Technologies.Where(t => t is "A" or "C").ToArray();
            if (labels.Length == 0)
            {
                labels = [.. whole.Technologies.Take(1)];
            }

            Outcome(() => PublicationFiles.Open(paths, s_lenient).InTechnology("not-a-label").Countries().Units().Compute().ToCsv()).Error
                .Should().Be(Outcome(() => whole.InTechnology("not-a-label")).Error).And.NotBeNull();
            if (labels.Length == 0)
            {
                return;
            }

            var corpus = Outcome(() => whole.Years(2017, 2020).InTechnology(labels));
            var files = PublicationFiles.Open(paths, s_lenient).Years(2017, 2020).InTechnology(labels);
            if (corpus.Error is { } error)
            {
                // Small files may hold none of the years: both refuse the question alike.
                Outcome(() => files.Countries().Units().Compute().ToCsv()).Error.Should().Be(error);
                return;
            }

            var view = corpus.Value!;
            files.Countries().WithLinkWeighting(links).Pairs().ByYear().Compute().ToCsv()
                .Should().Be(view.Countries().WithLinkWeighting(links).Pairs().ByYear().Compute().ToCsv());
            files.Countries().Units().RollingWindows(2).Compute().ToCsv()
                .Should().Be(view.Countries().Units().RollingWindows(2).Compute().ToCsv());
            files.Countries().Focus("US").Partners().ByYear().Compute().ToCsv()
                .Should().Be(view.Countries().Focus("US").Partners().ByYear().Compute().ToCsv());
            files.ByInstitution().Pairs().Compute().ToCsv()
                .Should().Be(view.ByInstitution().Pairs().Compute().ToCsv());
        }, iter: 20);
    }

    /// <summary>The value, or the error a question the data cannot answer gives (its type and parameter, the same for files and a corpus).</summary>
    private static (T? Value, string? Error) Outcome<T>(Func<T> compute)
    {
        try
        {
            return (compute(), null);
        }
        catch (ArgumentException ex)
        {
            return (default, $"{ex.GetType().Name}:{ex.ParamName}");
        }
    }

    [Fact]
    public void Queries_InvalidOptions_FailAsForACorpus()
    {
        var paths = WriteFiles(50, seed: 2);
        var files = PublicationFiles.Open(paths, s_lenient);
        var corpus = Corpus.FromFiles(paths, s_lenient);

        var fromFiles = () => files.ByInstitution().WithOptions(AggregationOptions.Default with { Level = UnitLevel.Institution, Groups = [UnitGroups.FiveEyes] }).Units().Compute();
        var fromCorpus = () => corpus.ByInstitution().WithOptions(AggregationOptions.Default with { Level = UnitLevel.Institution, Groups = [UnitGroups.FiveEyes] }).Units().Compute();
        var wholeCube = () => files.Countries().WithParallelism(0).Cube;

        fromFiles.Should().Throw<ArgumentException>().WithMessage("*country groups*");
        fromCorpus.Should().Throw<ArgumentException>().WithMessage("*country groups*");
        wholeCube.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Years_OutsideTheFilesYears_ThrowsWhenReadNamingThem()
    {
        var paths = WriteFiles(50, seed: 2, duplicates: false);
        var span = Corpus.FromFiles(paths, s_lenient).YearsPresent();
        var files = PublicationFiles.Open(paths, s_lenient).Years(1000, 1001);

        var table = () => files.Countries().Units().Compute();

        table.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("from")
            .WithMessage($"No publication of the files is of 1000-1001 (the years with publications are {span[0]}-{span[^1]}).*");
    }

    [Fact]
    public void Open_MissingFile_ThrowsNamingIt()
    {
        var missing = Path.Combine(_directory, "missing.csv");

        var open = () => PublicationFiles.Open([missing]);

        open.Should().Throw<FileNotFoundException>().WithMessage($"*{missing}*");
    }

    [Fact]
    public void Inspect_StrictModeBadRecord_ThrowsNamingFileLineAndField()
    {
        var path = Path.Combine(_directory, "bad.csv");
        File.WriteAllText(path, "publication_id,year,author_position,country\nW1,2020,1,US\nW2,20x0,1,US\n");

        var inspect = () => PublicationFiles.Open([path]).Inspect();

        inspect.Should().Throw<IngestException>().Where(e => e.Message.Contains("bad.csv", StringComparison.Ordinal) && e.Message.Contains("year", StringComparison.Ordinal));
    }

    [Fact]
    public void Aggregate_Cancelled_StopsWithOperationCanceled()
    {
        var paths = WriteFiles(300, seed: 1);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var build = () => PublicationFiles.Open(paths, s_lenient, cancellationToken: cancellation.Token).Countries().Pairs().Compute();

        build.Should().Throw<OperationCanceledException>();
    }

    /// <summary>
    /// Writes <paramref name="count"/> seeded publications to two CollabMetrics CSV files: the second repeats the last
    /// third of the first (duplicate ids), and every fifth publication has the DOI of the one before it.
    /// </summary>
    private string[] WriteFiles(int count, int seed, bool duplicates = true)
    {
        var publications = RandomCorpora.Seeded(count, seed);
        for (int k = 0; k < publications.Length; k++)
        {
            publications[k] = publications[k] with
            {
                Doi = k % 3 == 0 ? null : k % 5 == 0 && k >= 5 && duplicates ? $"10.1000/{k - 1}" : $"10.1000/{k}",
                Year = k % 17 == 0 ? null : publications[k].Year,
            };
        }

        int split = duplicates ? (2 * count) / 3 : count / 2;
        var unique = new CorpusOptions { DetectDuplicateIds = false, MergeByDoi = false };
        var first = Path.Combine(_directory, $"{seed}-{count}-a.csv");
        var second = Path.Combine(_directory, $"{seed}-{count}-b.csv");
        CollabMetricsCsvWriter.ToFile(Corpus.Build(publications[..split], unique), first);
        CollabMetricsCsvWriter.ToFile(Corpus.Build(publications[(duplicates ? split / 2 : split)..], unique), second);
        return [first, second];
    }

    private static string Describe(IngestReport report) =>
        report + string.Join("\n", report.Issues.Select(i => i.ToString())) + $"\n{report.BytesRead}";
}
