using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.Model;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Tests.Synthetic;

public class SyntheticBatchesTests
{
    private static readonly SyntheticCorpusOptions Options = SyntheticCorpusOptions.Default with { Publications = 2_500, Seed = 11, AuthorIds = false };

    [Theory]
    [InlineData(1)]
    [InlineData(97)]
    [InlineData(4_000)]
    public void Fill_AnyBatchSize_WritesThePublicationsOfGenerate(int batchSize)
    {
        var expected = SyntheticCorpus.Generate(Options).Select(Describe).ToList();
        var generator = new SyntheticBatches(Options);
        var batch = new RecordBatch();
        var written = new List<string>();
        var hashes = new List<(ulong Id, ulong Doi)>();
        var reference = new RecordBatch();
        int n;
        while ((n = generator.Fill(batch, batchSize)) > 0)
        {
            batch.Count.Should().Be(n);
            for (int k = 0; k < n; k++)
            {
                var publication = batch.ToPublication(k);
                written.Add(Describe(publication));
                hashes.Add((batch.IdHash(k), batch.DoiHash(k)));
            }
        }

        written.Should().Equal(expected);
        generator.Written.Should().Be(2_500);
        generator.Fill(batch, batchSize).Should().Be(0);
        batch.Count.Should().Be(0);

        // The hashes the duplicate check reads are those a reader writes for the same publications.
        int i = 0;
        foreach (var publication in SyntheticCorpus.Generate(Options))
        {
            reference.Clear();
            reference.Add(publication);
            hashes[i++].Should().Be((reference.IdHash(0), reference.DoiHash(0)));
        }
    }

    [Fact]
    public void Fill_StreamedThroughTheDuplicateCheckAndTheStreamBuilder_SameCubeAsTheCorpus()
    {
        // What the stream console mode does at 50 million, at a small size: every publication accepted once, and the
        // cube that of the corpus of the same publications.
        var options = Options with { Publications = 3_000 };
        var report = new IngestReport();
        var deduplicator = new StreamDeduplicator(new CorpusOptions(), report, 3_000);
        var builder = new CubeEngine.StreamBuilder(AggregationOptions.Default, CubeContent.Full, null, chunkSize: 256);
        var generator = new SyntheticBatches(options);
        var batch = new RecordBatch();
        while (generator.Fill(batch, 500) > 0)
        {
            for (int k = 0; k < batch.Count; k++)
            {
                deduplicator.Accept(batch, k, out bool excluded).Should().BeTrue();
                excluded.Should().BeFalse();
                builder.AddRecord(batch, k);
            }
        }

        // As a read of files does: the check is released when the read ends, which brings the report up to date.
        deduplicator.Release();
        var streamed = builder.Finish();
        var corpus = SyntheticCorpus.BuildCorpus(options);
        var expected = CollaborationCube.Build(corpus);

        deduplicator.Accepted.Should().Be(3_000);
        report.Accepted.Should().Be(corpus.Report.Accepted);
        report.PublicationsWithoutCountry.Should().Be(corpus.Report.PublicationsWithoutCountry);
        streamed.ToJson().Should().Be(expected.ToJson());
    }

    [Fact]
    public void Fill_WithoutDois_WritesNone()
    {
        var generator = new SyntheticBatches(Options with { Publications = 10, Dois = false });
        var batch = new RecordBatch();

        generator.Fill(batch, 10).Should().Be(10);

        Enumerable.Range(0, 10).Should().AllSatisfy(k => batch.HasDoi(k).Should().BeFalse());
    }

    private static string Describe(Publication p) =>
        $"{p.Id}|{p.Source}|{p.Doi}|{p.Year}|{p.Citations}|{p.Position.Record}|{string.Join(";", p.Technologies)}|" +
        string.Join(";", p.Authors.Select(a => $"{a.Id}:{a.IsCorresponding}:{string.Join("+", a.Affiliations.Select(f => $"{f.InstitutionId}/{f.InstitutionName}/{f.Country}"))}"));
}
