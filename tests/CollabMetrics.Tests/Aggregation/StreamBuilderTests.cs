using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Tests.Aggregation;

public sealed class StreamBuilderTests
{
    [Fact]
    public void AddRecord_MorePublicationsIntoTheSameCells_AllocatesNothingPerPublication()
    {
        // The same publications streamed again make a cube of the same shape (the same cells) from twice and three
        // times the publications: the builder must not hold anything per publication. With one thread the batches
        // are aggregated on this thread, so its allocations are all the builder's; the publications are a whole
        // number of batches, so the first pass is aggregated (its cells made) before the measure starts.
        var publications = SyntheticCorpus.Generate(SyntheticCorpusOptions.Default with { Publications = 4_096, Seed = 5 }).ToList();
        var batch = new RecordBatch();
        foreach (var publication in publications)
        {
            batch.Add(publication);
        }

        var options = AggregationOptions.Default with { MaxDegreeOfParallelism = 1 };
        var builder = new CubeEngine.StreamBuilder(options, CubeContent.Full, null, chunkSize: 256);
        AddAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        AddAll();
        AddAll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var cube = builder.Finish();

        // A batch of 256 publications allocates a copy of the technologies counted and its task (a few hundred bytes).
        long batches = (2L * publications.Count / 256) + 1;
        allocated.Should().BeLessThan(batches * 512, "a publication whose cells exist allocates nothing");
        var once = CollaborationCube.Build(publications, options);
        cube.All().N.Should().Be(3 * once.All().N);
        cube.All().PairCount.Should().Be(once.All().PairCount);
        cube.Units.Should().Equal(once.Units);

        void AddAll()
        {
            for (int k = 0; k < batch.Count; k++)
            {
                builder.AddRecord(batch, k);
            }
        }
    }

    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(null, 777)]
    [InlineData(null, CubeEngine.ChunkSize)]
    public void Build_InstitutionLevel_TablesOverSeveralPages_StreamEqualsCorpus(int? threads, int chunkSize)
    {
        // One year, so that the year's pair table holds more slots than a page of the accumulator's tables.
        var synthetic = SyntheticCorpusOptions.Default with { Publications = 12_000, Seed = 3, FirstYear = 2020, LastYear = 2020 };
        var options = AggregationOptions.Default with { Level = UnitLevel.Institution, MaxDegreeOfParallelism = threads };
        var corpus = SyntheticCorpus.BuildCorpus(synthetic);

        var fromCorpus = CollaborationCube.Build(corpus, options);
        var fromStream = CubeEngine.BuildFromStream(SyntheticCorpus.Generate(synthetic), options, null, default, chunkSize);

        fromCorpus.Year(2020).PairCount.Should().BeGreaterThan(KeyTable<Int128>.PageSlots);
        CubeAssert.Identical(fromStream, fromCorpus);
    }
}
