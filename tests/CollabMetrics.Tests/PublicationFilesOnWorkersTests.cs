using System.Globalization;
using System.Text;
using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.Metrics;
using CollabMetrics.Model;
using CollabMetrics.Tests.Aggregation;
using CollabMetrics.Tests.IO.OpenAlex;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests;

/// <summary>
/// At the country level the parse workers aggregate each chunk of a file as they parse it, each into an accumulator of
/// its own, merged at the end: the cube, its tables and the report are those of the corpus of the file at any number of
/// threads and any chunk size, with filters, excluded document types, records without a country or a year and
/// lenient skips; a read that drops a publication a worker took reads again; errors and cancellation are unchanged.
/// </summary>
public sealed class PublicationFilesOnWorkersTests : IDisposable
{
    private static readonly ReadOptions s_lenient = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };

    // Technology slices are aggregated on the reading thread: without them every publication goes to the workers.
    private static readonly AggregationOptions s_countries = AggregationOptions.Default with { ByTechnology = false };
    private readonly string _directory = Directory.CreateTempSubdirectory("collabmetrics-workers-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void BuildCube_CsvInManyChunksOnAnyThreads_IdenticalToTheCorpusCubeAndTables()
    {
        var gen = Gen.Select(Gen.Int[1, 500], Gen.Int[0, 1000], Gen.Int[1, 4], Gen.Int[150, 6000], Gen.Int[0, 4], Gen.Int[0, 2], Gen.Int[0, 3]);
        gen.Sample((count, seed, workers, chunkBytes, filter, documents, byTechnology) =>
        {
            var path = WriteCsv(count, seed);
            var corpusOptions = CorpusOptions.Default with { Documents = Documents(documents) };
            var read = s_lenient with { MaxDegreeOfParallelism = workers, ChunkBytes = chunkBytes };
            var corpus = Corpus.FromFiles([path], s_lenient, corpusOptions);
            var files = Filter(PublicationFiles.Open([path], read, corpusOptions), filter);
            var options = s_countries with { ByTechnology = byTechnology == 0 };
            Corpus view;
            try
            {
                view = Filter(corpus, filter);
            }
            catch (ArgumentException refused)
            {
                // A small file may hold none of the years, labels or types asked for: both refuse the question alike,
                // each naming what holds the data.
                files.Invoking(f => f.BuildCube(options)).Should().Throw<ArgumentException>().Which.Message
                    .Should().Be(refused.Message.Replace("the corpus", "the files", StringComparison.Ordinal));
                return;
            }

            CubeAssert.Identical(files.BuildCube(options), CollaborationCube.Build(view, options));
            Describe(files.Report!).Should().Be(Describe(corpus.Report));
            files.Countries().WithOptions(options).Pairs().ByYear().Compute().ToCsv()
                .Should().Be(view.Countries().WithOptions(options).Pairs().ByYear().Compute().ToCsv());
            files.Countries().WithOptions(options).Focus("CN").Partners().ByYear().Compute().ToCsv()
                .Should().Be(view.Countries().WithOptions(options).Focus("CN").Partners().ByYear().Compute().ToCsv());
        }, iter: 40);
    }

    [Fact]
    public void BuildCube_SeveralCsvFilesReadAtOnce_IdenticalToTheCorpusCube()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, 1000], Gen.Int[1, 4], Gen.Int[150, 3000], Gen.Bool).Sample((count, seed, workers, chunkBytes, repeat) =>
        {
            // With repeat, the third file repeats the first: the duplicate sends the query to a corpus.
            var first = WriteCsv(count, seed, "A");
            var third = Path.Combine(_directory, $"again-{seed}-{count}.csv");
            if (repeat)
            {
                File.Copy(first, third, overwrite: true);
            }
            else
            {
                third = WriteCsv(count, seed + 2, "C");
            }

            string[] paths = [first, WriteCsv(count + 7, seed + 1, "B"), third];
            var read = s_lenient with { MaxDegreeOfParallelism = workers, ChunkBytes = chunkBytes };
            var corpus = Corpus.FromFiles(paths, s_lenient);
            var files = PublicationFiles.Open(paths, read);

            CubeAssert.Identical(files.BuildCube(s_countries), CollaborationCube.Build(corpus, s_countries));
            Describe(files.Report!).Should().Be(Describe(corpus.Report));
        }, iter: 20);
    }

    [Fact]
    public void BuildCube_SameFileAtDifferentThreadsAndChunkSizes_IdenticalCubes()
    {
        var path = WriteCsv(2000, 7);
        var expected = PublicationFiles.Open([path], s_lenient with { MaxDegreeOfParallelism = 1 }).BuildCube(s_countries);

        foreach (var (workers, chunkBytes) in new[] { (1, 300), (2, 300), (3, 1000), (4, 5000), (2, 1 << 20) })
        {
            var files = PublicationFiles.Open([path], s_lenient with { MaxDegreeOfParallelism = workers, ChunkBytes = chunkBytes });

            CubeAssert.Identical(files.BuildCube(s_countries), expected);
        }
    }

    [Fact]
    public void BuildCube_OpenAlexJsonLinesInManyChunksWithBadLines_IdenticalToTheCorpusCube()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, 1000], Gen.Int[1, 3], Gen.Int[200, 8000]).Sample((count, seed, workers, chunkBytes) =>
        {
            var random = new Random(seed);
            var path = Path.Combine(_directory, $"{seed}-{count}.jsonl");
            File.WriteAllLines(path, Enumerable.Range(0, count).Select(_ => OpenAlexWorkScannerTests.Work(random, clean: random.Next(5) > 0).ReplaceLineEndings(" ")));
            var read = s_lenient with { MaxDegreeOfParallelism = workers, ChunkBytes = chunkBytes };
            var corpus = Corpus.FromFiles([path], s_lenient);
            var files = PublicationFiles.Open([path], read);

            CubeAssert.Identical(files.BuildCube(s_countries), CollaborationCube.Build(corpus, s_countries));
            Describe(files.Report!).Should().Be(Describe(corpus.Report));
        }, iter: 25);
    }

    [Fact]
    public void BuildCube_CsvRowsNotContiguousReadLeniently_ReadAgainAndIdenticalToTheCorpusCube()
    {
        // W2's last row comes after W3's: the read skips that second group of W2, which a worker had aggregated.
        var csv = new StringBuilder("publication_id,year,author_position,country\n");
        for (int k = 0; k < 300; k++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"W{k},{2010 + (k % 9)},1,US\nW{k},{2010 + (k % 9)},2,{(k % 3 == 0 ? "CN" : "DE")}\n");
            if (k == 150)
            {
                csv.Append("W2,2015,3,JP\n");
            }
        }

        var path = Path.Combine(_directory, "scattered.csv");
        File.WriteAllText(path, csv.ToString());
        var corpus = Corpus.FromFiles([path], s_lenient);
        corpus.Report.SkippedTotal.Should().Be(1);

        foreach (var workers in new[] { 1, 2, 3 })
        {
            var files = PublicationFiles.Open([path], s_lenient with { MaxDegreeOfParallelism = workers, ChunkBytes = 400 });

            CubeAssert.Identical(files.BuildCube(s_countries), CollaborationCube.Build(corpus, s_countries));
            Describe(files.Report!).Should().Be(Describe(corpus.Report));
        }
    }

    [Fact]
    public void ChunkSink_TakesWhatTheReplayHandsOver_ExactUnlessTheReplayDropsAPublication()
    {
        var rows = new StringBuilder("publication_id,year,author_position,country\n");
        for (int k = 0; k < 200; k++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"W{k},2020,1,US\n");
        }

        var contiguous = rows.ToString();
        var scattered = contiguous + "W5,2020,2,CN\n";

        foreach (var workers in new[] { 1, 2, 4 })
        {
            var (sink, handed) = ReadWithSink(contiguous, workers);
            sink.IsExact.Should().BeTrue();
            sink.TookTotal.Should().Be(200);
            handed.Should().Be(200);

            (sink, handed) = ReadWithSink(scattered, workers);
            sink.IsExact.Should().BeFalse();
            handed.Should().Be(200);
        }
    }

    [Fact]
    public void BuildCube_StrictErrorInALaterChunk_ThrowsTheCorpusReadsError()
    {
        var csv = new StringBuilder("publication_id,year,author_position,country\n");
        for (int k = 0; k < 400; k++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"W{k},{(k == 333 ? "soon" : "2020")},1,US\n");
        }

        var path = Path.Combine(_directory, "bad.csv");
        File.WriteAllText(path, csv.ToString());
        var expected = FluentActions.Invoking(() => Corpus.FromFiles([path])).Should().Throw<IngestException>().Which.Message;

        foreach (var workers in new[] { 1, 2, 3 })
        {
            var files = PublicationFiles.Open([path], ReadOptions.Default with { MaxDegreeOfParallelism = workers, ChunkBytes = 256 });

            files.Invoking(f => f.BuildCube(s_countries)).Should().Throw<IngestException>().Which.Message.Should().Be(expected);
        }
    }

    [Fact]
    public void BuildCube_CancelledWhileWorkersAggregate_Throws()
    {
        var path = WriteCsv(40_000, 11);
        using var stop = new CancellationTokenSource();
        var progress = new CancellingProgress(stop);
        var files = PublicationFiles.Open([path], s_lenient with { MaxDegreeOfParallelism = 2, ChunkBytes = 4096 }, cancellationToken: stop.Token)
            .WithProgress(progress);

        files.Invoking(f => f.BuildCube(s_countries)).Should().Throw<OperationCanceledException>();
        progress.Calls.Should().BeGreaterThan(0);
    }

    [Fact]
    public void BuildCube_ChunksAggregatedOnWorkers_ReportProgressUpToEveryPublicationCounted()
    {
        var path = WriteCsv(40_000, 3);
        var progress = new RecordingProgress<WorkProgress>();
        var files = PublicationFiles.Open([path], s_lenient with { MaxDegreeOfParallelism = 2, ChunkBytes = 4096 }).Years(2012, 2019).WithProgress(progress);
        var view = Corpus.FromFiles([path], s_lenient).Years(2012, 2019);

        files.BuildCube(s_countries);

        var aggregate = progress.Reports.Where(r => r.Phase == "aggregate").Select(r => r.Completed).ToList();
        aggregate.Should().HaveCountGreaterThan(1).And.BeInAscendingOrder();
        aggregate[^1].Should().Be(view.Count);
    }

    /// <summary>Reads <paramref name="csv"/> through a cursor with a counting sink: the sink, and the publications handed over.</summary>
    private static (CountingSink Sink, int HandedOver) ReadWithSink(string csv, int workers)
    {
        var sink = new CountingSink();
        var bytes = Encoding.UTF8.GetBytes(csv);
        var context = new ReadContext("t.csv", s_lenient, new IngestReport(), null, CancellationToken.None) { Reopen = () => new MemoryStream(bytes) };
        context.ChunkSink = sink;
        int handed = 0;
        using (var cursor = new CsvRecordCursor(new MemoryStream(bytes), context, CsvGrouping.Contiguous, default, workers, blockSize: 300))
        {
            while (cursor.MoveNext())
            {
                cursor.Batch.TakenAhead.Should().BeTrue();
                handed++;
            }
        }

        return (sink, handed);
    }

    private static DocumentFilter Documents(int choice) => choice switch
    {
        0 => DocumentFilter.None,
        1 => DocumentFilter.Default,
        _ => DocumentFilter.Default with { MaxAuthors = 4 },
    };

    private static PublicationFiles Filter(PublicationFiles files, int filter) => filter switch
    {
        1 => files.Years(2012, 2018),
        2 => files.InTechnology("A"),
        3 => files.OfTypes(DocumentType.Article, DocumentType.Review),
        4 => files.Years(2011, 2020).OfTypes(DocumentType.Article),
        _ => files,
    };

    private static Corpus Filter(Corpus corpus, int filter) => filter switch
    {
        1 => corpus.Years(2012, 2018),
        2 => corpus.InTechnology("A"),
        3 => corpus.OfTypes(DocumentType.Article, DocumentType.Review),
        4 => corpus.Years(2011, 2020).OfTypes(DocumentType.Article),
        _ => corpus,
    };

    /// <summary>
    /// One CollabMetrics CSV file of <paramref name="count"/> seeded publications with distinct ids: some without a year
    /// or a country, of several types, some retracted or paratext.
    /// </summary>
    private string WriteCsv(int count, int seed, string ids = "W")
    {
        var publications = RandomCorpora.Seeded(count, seed);
        for (int k = 0; k < publications.Length; k++)
        {
            publications[k] = publications[k] with
            {
                Id = $"{ids}{k}",
                Year = k % 17 == 0 ? null : publications[k].Year,
                DocumentType = (DocumentType)(k % 4),
                IsRetracted = k % 11 == 0,
                IsParatext = k % 13 == 5,
                Authors = k % 19 == 0 ? [] : publications[k].Authors,
            };
        }

        var path = Path.Combine(_directory, $"{ids}{seed}-{count}.csv");
        CollabMetricsCsvWriter.ToFile(Corpus.Build(publications, new CorpusOptions { DetectDuplicateIds = false, MergeByDoi = false, Documents = DocumentFilter.None }), path);
        return path;
    }

    private static string Describe(IngestReport report) =>
        report + string.Join("\n", report.Issues.Select(i => i.ToString())) + $"\n{report.BytesRead}";

    /// <summary>Counts what its workers take, taking nothing.</summary>
    private sealed class CountingSink : ChunkSink
    {
        private long _took;

        public long TookTotal => Interlocked.Read(ref _took);

        internal override IChunkSinkWorker NewWorker() => new Worker(this);

        private sealed class Worker(CountingSink sink) : IChunkSinkWorker
        {
            public int Take(RecordBatch batch, ReadEventLog log)
            {
                int publications = 0;
                for (int i = 0; i < log.Count; i++)
                {
                    if (log[i].Kind == ReadEventKind.Publication)
                    {
                        publications++;
                    }
                }

                Interlocked.Add(ref sink._took, publications);
                return publications;
            }
        }
    }

    /// <summary>Cancels at the first report of the aggregation.</summary>
    private sealed class CancellingProgress(CancellationTokenSource stop) : IProgress<WorkProgress>
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Report(WorkProgress value)
        {
            if (value.Phase == "aggregate")
            {
                Interlocked.Increment(ref _calls);
                stop.Cancel();
            }
        }
    }
}
