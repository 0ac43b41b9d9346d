using CollabMetrics.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public class TechnologySlicesOnDemandTests
{
    private const long Iterations = 150;

    [Fact]
    public void Build_RandomCorpus_SlicesOnDemandEqualEagerOnes()
    {
        // Both levels, every counting option: each technology slice computed on first read is the eager one bit for bit.
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options).Sample((publications, options) =>
        {
            var corpus = Corpus.Build(publications);
            var eager = CubeEngine.BuildFromCorpus(corpus, options, CubeContent.Full, null, default, technologiesOnDemand: false);
            var onDemand = CubeEngine.BuildFromCorpus(corpus, options, CubeContent.Full, null, default, technologiesOnDemand: true);

            eager.OnDemand.Should().BeNull();
            if (options.ByTechnology)
            {
                onDemand.OnDemand.Should().NotBeNull();
                onDemand.OnDemand!.Computed.Should().Be(0);
            }

            CubeAssert.Identical(onDemand, eager);
            onDemand.OnDemand?.Computed.Should().Be(onDemand.Technologies.Count);
        }, iter: Iterations);
    }

    [Fact]
    public void ToJson_RandomCorpusOnDemand_IsTheEagerCubeByteForByte()
    {
        // A save computes the technologies not computed yet, a year at a time, for itself; the file is the eager
        // cube's, and so are CSV and merges.
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[0, 40], Gen.Bool).Sample((publications, options, cut, readOne) =>
        {
            var corpus = Corpus.Build(publications);
            var eager = CubeEngine.BuildFromCorpus(corpus, options, CubeContent.Full, null, default, technologiesOnDemand: false);
            var onDemand = CubeEngine.BuildFromCorpus(corpus, options, CubeContent.Full, null, default, technologiesOnDemand: true);
            if (readOne && onDemand.Technologies.Count > 0)
            {
                GC.KeepAlive(onDemand.Year(onDemand.Years[^1], onDemand.Technologies[^1]));
            }

            int computedBefore = onDemand.OnDemand?.Computed ?? 0;
            onDemand.ToJson().Should().Be(eager.ToJson());
            (onDemand.OnDemand?.Computed ?? 0).Should().Be(computedBefore, "a save keeps no technology it computes");

            cut = Math.Min(cut, publications.Length);
            var first = CubeEngine.BuildFromCorpus(Corpus.Build(publications[..cut]), options, CubeContent.Full, null, default, technologiesOnDemand: true);
            var second = CubeEngine.BuildFromCorpus(Corpus.Build(publications[cut..]), options, CubeContent.Full, null, default, technologiesOnDemand: true);
            CollaborationCube.Merge(first, second).ToJson().Should().Be(eager.ToJson());
        }, iter: Iterations);
    }

    [Fact]
    public void Merge_OnDemandCubes_EqualsTheEagerMergeAndLeavesTheInputsUncomputed()
    {
        // A merge reads each technology of its inputs once: it computes them for itself, and the inputs keep their size.
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[0, 40]).Sample((publications, options, cut) =>
        {
            cut = Math.Min(cut, publications.Length);
            CollaborationCube Part(CollabMetrics.Model.Publication[] part, bool onDemand) =>
                CubeEngine.BuildFromCorpus(Corpus.Build(part), options, CubeContent.Full, null, default, technologiesOnDemand: onDemand);

            var first = Part(publications[..cut], onDemand: true);
            var second = Part(publications[cut..], onDemand: true);
            if (first.Technologies.Count > 0)
            {
                // One technology read before the merge: its kept cells are the ones the merge uses.
                GC.KeepAlive(first.Year(first.Years[0], first.Technologies[0]));
            }

            int computedBefore = first.OnDemand?.Computed ?? 0;
            var merged = CollaborationCube.Merge(first, second);

            CubeAssert.Identical(merged, CollaborationCube.Merge(Part(publications[..cut], onDemand: false), Part(publications[cut..], onDemand: false)));
            (first.OnDemand?.Computed ?? 0).Should().Be(computedBefore);
            (second.OnDemand?.Computed ?? 0).Should().Be(0);
        }, iter: Iterations);
    }

    [Fact]
    public void WithinYears_OnDemandCube_EqualsTheEagerCubesYears()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[2017, 2021]).Sample((publications, options, from) =>
        {
            var corpus = Corpus.Build(publications);
            var eager = CubeEngine.BuildFromCorpus(corpus, options, CubeContent.Full, null, default, technologiesOnDemand: false);
            var onDemand = CubeEngine.BuildFromCorpus(corpus, options, CubeContent.Full, null, default, technologiesOnDemand: true);
            CubeAssert.Identical(onDemand.WithinYears(from, 2021), eager.WithinYears(from, 2021));
        }, iter: Iterations);
    }

    [Fact]
    public void Build_ViewOfACorpus_SlicesOnDemandCountOnlyTheView()
    {
        var corpus = Corpus.Build(RandomCorpora.Seeded(5_000, seed: 11));
        var view = corpus.Where(p => p.Year is int year && year % 3 != 0);
        var options = AggregationOptions.Default with { Level = UnitLevel.Institution };

        var onDemand = CollaborationCube.Build(view, options);
        var eager = CubeEngine.BuildFromCorpus(view, options, CubeContent.Full, null, default, technologiesOnDemand: false);

        onDemand.OnDemand.Should().NotBeNull("an institution-level cube computes its technology slices on first use");
        CubeAssert.Identical(onDemand, eager);
    }

    [Fact]
    public void Build_Levels_OnDemandAtTheInstitutionLevelOnly()
    {
        var corpus = Corpus.Build(RandomCorpora.Seeded(3_000, seed: 5));

        var institutions = CollaborationCube.Build(corpus, AggregationOptions.Default with { Level = UnitLevel.Institution });
        var countries = CollaborationCube.Build(corpus);
        var withoutTechnologies = CollaborationCube.Build(corpus, AggregationOptions.Default with { Level = UnitLevel.Institution, ByTechnology = false });

        institutions.OnDemand.Should().NotBeNull();
        countries.OnDemand.Should().BeNull();
        withoutTechnologies.OnDemand.Should().BeNull();
        institutions.Technologies.Should().NotBeEmpty();

        // Nothing is computed by the build; reading a technology's slice computes that technology only.
        institutions.OnDemand!.Computed.Should().Be(0);
        _ = institutions.All(institutions.Technologies[0]).Units;
        institutions.OnDemand.Computed.Should().Be(1);
        institutions.OnDemand.IsComputed(0).Should().BeTrue();
        institutions.OnDemand.IsComputed(1).Should().BeFalse();
    }

    [Fact]
    public void Slice_ConcurrentFirstReads_ComputeEachTechnologyOnceWithTheEagerNumbers()
    {
        var corpus = Corpus.Build(RandomCorpora.Seeded(20_000, seed: 3));
        var options = AggregationOptions.Default with { Level = UnitLevel.Institution, Technologies = TechnologyAssignment.Fractional };
        var eager = CubeEngine.BuildFromCorpus(corpus, options, CubeContent.Full, null, default, technologiesOnDemand: false);

        for (int round = 0; round < 5; round++)
        {
            var onDemand = CollaborationCube.Build(corpus, options);
            var technologies = onDemand.Technologies;
            int threads = 4 * technologies.Count;
            var slices = new SliceCounts[threads];
            using var start = new Barrier(threads);
            var workers = new Thread[threads];
            for (int i = 0; i < threads; i++)
            {
                int index = i;
                workers[i] = new Thread(() =>
                {
                    start.SignalAndWait();
                    var key = index % 2 == 0
                        ? SliceKey.ForAllYears(technologies[index % technologies.Count])
                        : SliceKey.ForYear(onDemand.Years[index % onDemand.Years.Count], technologies[index % technologies.Count]);
                    slices[index] = onDemand.Slice(key);
                });
                workers[i].Start();
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }

            onDemand.OnDemand!.Computed.Should().Be(technologies.Count, "each technology is computed once, however many threads read it first");
            foreach (var slice in slices)
            {
                var expected = eager.Slice(slice.Key);
                slice.Units.Should().Equal(expected.Units);
                slice.Pairs.Should().Equal(expected.Pairs);
                slice.PairCount.Should().BeGreaterThan(0);
            }

            CubeAssert.Identical(onDemand, eager);
        }
    }
}
