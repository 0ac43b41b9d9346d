using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Model;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public sealed class StreamDeduplicatorTests
{
    private static Publication Work(string id, string? doi, PublicationSource source = PublicationSource.OpenAlex) => new()
    {
        Id = id,
        Source = source,
        Doi = doi,
        Year = 2020,
        Authors = [new Author { Affiliations = [new Affiliation { Country = Country.Parse("FR") }] }],
    };

    [Fact]
    public void Release_AfterARead_HoldsNoSetsAndAcceptsNothingMore()
    {
        var deduplicator = new StreamDeduplicator(new CorpusOptions(), new IngestReport(), expected: 1000);
        AcceptAll(deduplicator, [Work("W1", "10.1/a"), Work("W2", null)], 2).Should().Equal(true, true);
        deduplicator.Bytes.Should().BeGreaterThan(0);

        deduplicator.Release();

        deduplicator.Bytes.Should().Be(0);
        deduplicator.Accepted.Should().Be(2);
        FluentActions.Invoking(() => AcceptAll(deduplicator, [Work("W3", null)], 1)).Should().Throw<InvalidOperationException>();
    }

    private static bool[] AcceptAll(StreamDeduplicator deduplicator, IEnumerable<Publication> works, int batchSize)
    {
        var batch = new RecordBatch();
        var answers = new List<bool>();
        foreach (var chunk in works.Chunk(batchSize))
        {
            batch.Clear();
            foreach (var work in chunk)
            {
                batch.Add(work);
            }

            for (int k = 0; k < batch.Count; k++)
            {
                answers.Add(deduplicator.Accept(batch, k, out _));
            }
        }

        return [.. answers];
    }

    [Theory]
    [InlineData(10_000, false)]
    [InlineData(StreamDeduplicator.CountsEvery, false)]
    [InlineData(StreamDeduplicator.CountsEvery + 1, true)]
    [InlineData(3, true)]
    public void Release_OrADuplicate_ReportCountsEveryPublicationAccepted(int count, bool endsWithADuplicate)
    {
        // The counts are added to the report in groups: whenever the read ends (a release, or the first duplicate),
        // the report holds them all.
        var report = new IngestReport();
        var deduplicator = new StreamDeduplicator(new CorpusOptions(), report);
        var works = new List<Publication>();
        for (int i = 0; i < count; i++)
        {
            var work = Work($"W{i}", i % 2 == 0 ? $"10.1/{i}" : null);
            works.Add(work with
            {
                Year = i % 7 == 0 ? null : 2020,
                Authors = i % 11 == 0 ? [new Author { Affiliations = [new Affiliation { Country = Country.Unknown }] }] : work.Authors,
            });
        }

        if (endsWithADuplicate)
        {
            works.Add(Work("W0", null));
        }

        var answers = AcceptAll(deduplicator, works, batchSize: 1000);
        if (!endsWithADuplicate)
        {
            deduplicator.Release();
        }

        answers.Count(a => a).Should().Be(count);
        report.Accepted.Should().Be(count);
        report.PublicationsWithoutYear.Should().Be(Enumerable.Range(0, count).Count(i => i % 7 == 0));
        report.PublicationsWithoutCountry.Should().Be(Enumerable.Range(0, count).Count(i => i % 11 == 0));
    }

    [Fact]
    public void Accept_SameIdOrSameDoi_FalseAtTheSecondRecord()
    {
        var report = new IngestReport();
        var deduplicator = new StreamDeduplicator(new CorpusOptions(), report);
        Publication[] works =
        [
            Work("W1", "10.1/a"),
            Work("W2", null),
            Work("W1", "10.1/d", PublicationSource.Scopus), // another source: another id
            Work("W3", "10.1/b"),
            Work("W4", "10.1/a"), // the DOI of W1
            Work("W2", "10.1/c"), // the id of W2
        ];

        AcceptAll(deduplicator, works, batchSize: 4).Should().Equal(true, true, true, true, false, false);
        deduplicator.Accepted.Should().Be(4);
        report.Accepted.Should().Be(4);
    }

    [Fact]
    public void Accept_IdEqualToAnotherRecordsDoi_NotADuplicate()
    {
        var deduplicator = new StreamDeduplicator(new CorpusOptions(), new IngestReport());

        AcceptAll(deduplicator, [Work("10.1/a", null), Work("W2", "10.1/a")], batchSize: 2).Should().Equal(true, true);
    }

    [Fact]
    public void Accept_DuplicatesNotMerged_AllAccepted()
    {
        var options = new CorpusOptions { DetectDuplicateIds = false, MergeByDoi = false };
        var deduplicator = new StreamDeduplicator(options, new IngestReport());

        AcceptAll(deduplicator, [Work("W1", "10.1/a"), Work("W1", "10.1/a"), Work("W2", "10.1/a")], batchSize: 3).Should().Equal(true, true, true);
        deduplicator.Bytes.Should().Be(0);
    }

    [Fact]
    public void Accept_ManyPublicationsAcrossBatches_FindsTheOneDuplicateExactly()
    {
        var deduplicator = new StreamDeduplicator(new CorpusOptions(), new IngestReport());
        var works = Enumerable.Range(0, 200_000).Select(i => Work($"W{i}", i % 3 == 0 ? null : $"10.5555/{i}")).ToList();
        works.Add(Work("W-last", "10.5555/123457"));

        var answers = AcceptAll(deduplicator, works, batchSize: 1000);

        answers.Take(200_000).Should().AllSatisfy(a => a.Should().BeTrue());
        answers[^1].Should().BeFalse();
        deduplicator.Bytes.Should().BeInRange(2 * 200_000, 200_000 * 2 * 14);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-5L)]
    [InlineData(30_000L)]
    [InlineData(3_000_000L)]
    public void Accept_AnyEstimate_SameAnswersAndTheSetsHoldEveryKey(long expected)
    {
        // 30,000 publications against no estimate, a wrong one, the right one and one a hundred times too large.
        var deduplicator = new StreamDeduplicator(new CorpusOptions(), new IngestReport(), expected);
        var works = Enumerable.Range(0, 30_000).Select(i => Work($"W{i % 29_000}", i % 5 == 0 ? null : $"10.5555/{i % 28_500}")).ToList();

        var answers = AcceptAll(deduplicator, works, batchSize: 700);

        var ids = new HashSet<int>();
        var dois = new HashSet<int>();
        for (int i = 0; i < works.Count; i++)
        {
            bool first = ids.Add(i % 29_000) && (i % 5 == 0 || dois.Add(i % 28_500));
            answers[i].Should().Be(first, "publication {0}", i);
        }

        deduplicator.Accepted.Should().Be(answers.Count(a => a));
    }

    [Fact]
    public void Accept_ShortIdsFromTwoSources_NotTakenForDuplicates()
    {
        // Hashing the id with the source as the hash's seed gave "W31" from OpenAlex and "W33" from Scopus one hash.
        var deduplicator = new StreamDeduplicator(new CorpusOptions(), new IngestReport());
        var works = Enumerable.Range(0, 1000).SelectMany(i => new[] { Work($"W{i}", null), Work($"W{i}", null, PublicationSource.Scopus), Work($"W{i}", null, PublicationSource.WebOfScience) });

        AcceptAll(deduplicator, works, batchSize: 100).Should().AllSatisfy(a => a.Should().BeTrue());
    }

    [Fact]
    public void Accept_AnyRecords_AnswersAsSetsOfIdsAndDois()
    {
        // Few ids and DOIs, so that repeats are common; batches of any size, so that publications looked up together
        // cross batch ends; two sources.
        var work = Gen.Select(Gen.Int[0, 60], Gen.Int[-20, 40], Gen.Bool).Select(t => (Id: t.Item1, Doi: t.Item2, Scopus: t.Item3));
        // The sets' starting size is an estimate only: none (0), absurdly small (1), about right, or far too many.
        var expectedCount = Gen.OneOf(Gen.Const(0L), Gen.Const(1L), Gen.Long[2, 400], Gen.Const(200_000L));
        Gen.Select(work.Array[0, 300], Gen.Int[1, 20], expectedCount).Sample((records, batchSize, expectedPublications) =>
        {
            var deduplicator = new StreamDeduplicator(new CorpusOptions(), new IngestReport(), expectedPublications);
            var works = records.Select(r => Work($"W{r.Id}", r.Doi < 0 ? null : $"10.1/{r.Doi}", r.Scopus ? PublicationSource.Scopus : PublicationSource.OpenAlex));
            var answers = AcceptAll(deduplicator, works, batchSize);

            var ids = new HashSet<(bool, int)>();
            var dois = new HashSet<int>();
            for (int i = 0; i < records.Length; i++)
            {
                var r = records[i];
                bool expected = ids.Add((r.Scopus, r.Id));
                if (expected && r.Doi >= 0)
                {
                    expected = dois.Add(r.Doi);
                }

                if (answers[i] != expected)
                {
                    return false;
                }
            }

            return deduplicator.Accepted == answers.Count(a => a);
        }, iter: 200);
    }
}
