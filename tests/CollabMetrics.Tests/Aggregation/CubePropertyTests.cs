using CollabMetrics.Aggregation;
using CollabMetrics.Model;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public class CubePropertyTests
{
    private const long Iterations = 150;

    [Fact]
    public void Build_RandomCorpus_EqualsTheReferenceImplementation()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options).Sample((publications, options) =>
        {
            var engine = CollaborationCube.Build(publications, options);
            var reference = ReferenceAggregator.Build(publications, options);
            CubeAssert.Close(engine, reference);
        }, iter: Iterations);
    }

    [Fact]
    public void Build_RandomCorpus_CorpusAndStreamAreIdentical()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options).Sample((publications, options) =>
        {
            var fromCorpus = CubeEngine.BuildFromCorpus(Corpus.Build(publications), options, null, default);
            var fromStream = CubeEngine.BuildFromStream(publications, options, null, default, chunkSize: 7);
            CubeAssert.Identical(fromCorpus, fromStream);
        }, iter: Iterations);
    }

    [Fact]
    public void Build_RandomCorpus_ParallelIsIdenticalToSequential()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options).Sample((publications, options) =>
        {
            var corpus = Corpus.Build(publications);
            var sequential = CubeEngine.BuildFromCorpus(corpus, options with { MaxDegreeOfParallelism = 1 }, null, default);
            var parallel = CubeEngine.BuildFromCorpus(corpus, options with { MaxDegreeOfParallelism = 4 }, null, default);
            var streamSequential = CubeEngine.BuildFromStream(publications, options with { MaxDegreeOfParallelism = 1 }, null, default, chunkSize: 3);
            var streamPipelined = CubeEngine.BuildFromStream(publications, options with { MaxDegreeOfParallelism = 2 }, null, default, chunkSize: 3);
            CubeAssert.Identical(parallel, sequential);
            CubeAssert.Identical(streamSequential, sequential);
            CubeAssert.Identical(streamPipelined, sequential);
        }, iter: Iterations);
    }

    [Fact]
    public void Build_RandomCorpus_PairsAreSymmetric()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options).Sample((publications, options) =>
        {
            var cube = CollaborationCube.Build(publications, options);
            foreach (var key in CubeAssert.Keys(cube))
            {
                var slice = cube.Slice(key);
                foreach (var pair in slice.Pairs)
                {
                    slice.Pair(pair.B, pair.A).Should().Be(pair.Swap());
                    slice.PartnersOf(pair.B).Should().Contain(pair.Swap());
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Build_RandomCorpus_FractionalAndEqualSplitOutputsSumToN()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options).Sample((publications, options) =>
        {
            var cube = CollaborationCube.Build(publications, options);
            foreach (var key in CubeAssert.Keys(cube))
            {
                var slice = cube.Slice(key);
                var real = slice.Units.Where(u => u.Unit.Kind != UnitKind.Group).ToList();
                real.Sum(u => u.F).Should().BeApproximately(slice.N, 1e-9, $"{key}");
                real.Sum(u => u.E).Should().BeApproximately(slice.N, 1e-9, $"{key}");
                slice.Pairs.Where(p => p.A.Kind != UnitKind.Group && p.B.Kind != UnitKind.Group).Sum(p => p.Copublications).Should().BeApproximately(slice.T, 1e-9);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Build_RandomCorpus_CountrySetStrengthEqualsInternationalOutput()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options).Sample((publications, options) =>
        {
            var slice = CollaborationCube.Build(publications, options).All();
            foreach (var unit in slice.Units.Where(u => u.Unit.Kind != UnitKind.Group))
            {
                var strength = slice.PartnersOf(unit.Unit).Where(p => p.B.Kind != UnitKind.Group).Sum(p => p.CountrySet);
                strength.Should().BeApproximately(unit.I, 1e-9, $"{unit.Unit}");
                slice.PartnersOf(unit.Unit).Where(p => p.B.Kind != UnitKind.Group).Sum(p => p.Copublications).Should().BeApproximately(unit.LinkTotal, 1e-9);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Build_OneAffiliationPerAuthorInDistinctCountries_AuthorStrengthEqualsMultiAuthorPapers()
    {
        RandomCorpora.SingleAffiliationPublications.Sample(publications =>
        {
            var slice = CollaborationCube.Build(publications).All();
            foreach (var unit in slice.Units)
            {
                int multiAuthorPapers = publications.Count(p => p.Authors.Count >= 2 && p.Authors.Any(a => a.Affiliations[0].Country.Code == unit.Unit.Code));
                slice.PartnersOf(unit.Unit).Sum(p => p.Author).Should().BeApproximately(multiAuthorPapers, 1e-9, $"{unit.Unit}");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Merge_PartitionedCorpus_EqualsTheWholeCube()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[0, 40]).Sample((publications, options, cut) =>
        {
            cut = Math.Min(cut, publications.Length);
            var whole = CollaborationCube.Build(publications, options);
            var merged = CollaborationCube.Merge(
                CollaborationCube.Build(publications[..cut], options),
                CollaborationCube.Build(publications[cut..], options));
            CubeAssert.Close(merged, whole);
        }, iter: Iterations);
    }

    [Fact]
    public void Build_ShuffledInput_GivesTheSameCube()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int).Sample((publications, options, seed) =>
        {
            var shuffled = (Publication[])publications.Clone();
            new Random(seed).Shuffle(shuffled);
            var cube = CollaborationCube.Build(publications, options);
            CubeAssert.Close(CollaborationCube.Build(Corpus.Build(shuffled), options), cube);
        }, iter: Iterations);
    }

    [Fact]
    public void Build_ManyYearsOnManyThreads_IsIdenticalToOneThread()
    {
        // Twelve years on four threads, each year taken by whichever thread is free, in no fixed order.
        var corpus = Corpus.Build(RandomCorpora.Seeded(40_000, seed: 7));
        var options = new AggregationOptions { Groups = [UnitGroups.FiveEyes], Technologies = TechnologyAssignment.Fractional };

        var sequential = CubeEngine.BuildFromCorpus(corpus, options with { MaxDegreeOfParallelism = 1 }, null, default);
        var parallel = CubeEngine.BuildFromCorpus(corpus, options with { MaxDegreeOfParallelism = 4 }, null, default);

        CubeAssert.Identical(parallel, sequential);
        sequential.All().N.Should().Be(sequential.Diagnostics.PublicationsCounted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Build_InstitutionLevelYearsSharingTables_IsIdenticalToTheStreamBuild(int threads)
    {
        // Each thread aggregates one year after another in the same tables, emptied in between: whatever years a
        // thread meets and in whatever order, no row of one year may reach the next.
        var publications = RandomCorpora.Seeded(20_000, seed: 11);
        var options = new AggregationOptions { Level = UnitLevel.Institution, Technologies = TechnologyAssignment.Fractional };

        var fromCorpus = CubeEngine.BuildFromCorpus(Corpus.Build(publications), options with { MaxDegreeOfParallelism = threads }, CubeContent.Full, null, default, technologiesOnDemand: false);
        var fromStream = CubeEngine.BuildFromStream(publications, options with { MaxDegreeOfParallelism = 1 }, null, default, chunkSize: 1_000);

        CubeAssert.Identical(fromCorpus, fromStream);
        fromCorpus.Years.Should().HaveCount(12);
    }
}
