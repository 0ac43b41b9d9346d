using CollabMetrics.Aggregation;
using CollabMetrics.Impact;
using CollabMetrics.Model;
using CollabMetrics.IO;
using CollabMetrics.Tests.Aggregation;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.Impact;

public class ImpactEngineTests
{
    private const long Iterations = 120;
    private const double Tolerance = 1e-9;

    [Fact]
    public void Build_RandomCorpus_EqualsTheReferenceImplementation()
    {
        Gen.Select(RandomImpactCorpora.Publications, RandomCorpora.Options, RandomImpactCorpora.Percent, RandomImpactCorpora.Classes).Sample((publications, options, percent, classes) =>
        {
            var corpus = Corpus.Build(publications);
            var statistics = ImpactEngine.Build(corpus, options, classes?[..corpus.Count], chunkSize: 5);
            foreach (var key in RandomImpactCorpora.Keys(statistics))
            {
                var slice = statistics.Slice(key, TopPercent.Of(percent));
                var reference = ReferenceImpact.Compute(publications, options, key, percent, classes is null ? null : i => classes[i]);
                AssertSame(slice, reference, $"{key} x={percent}");
            }

        }, iter: Iterations);
    }

    [Fact]
    public void Build_RandomCorpus_TopFlagsOfEachReferenceSetSumToXTimesItsSize()
    {
        Gen.Select(RandomImpactCorpora.Publications, RandomCorpora.Options, RandomImpactCorpora.Percent, RandomImpactCorpora.Classes).Sample((publications, options, percent, classes) =>
        {
            var corpus = Corpus.Build(publications);
            var statistics = ImpactEngine.Build(corpus, options, classes?[..corpus.Count]);
            var x = TopPercent.Of(percent);
            foreach (var (key, cell) in statistics.Cells)
            {
                var flags = new double[cell.Values.Length];
                var ncs = new double[cell.Values.Length];
                ReferenceScores.Compute(cell, x, flags, ncs);
                foreach (var set in cell.Values.Select((v, i) => (Class: ReferenceCell.ClassOf(v), i)).GroupBy(v => v.Class))
                {
                    double size = set.Sum(v => cell.Counts[v.i]);
                    set.Sum(v => cell.Counts[v.i] * flags[v.i]).Should().BeApproximately(percent / 100 * size, 1e-9 * size, $"{key} class {set.Key}");
                    set.Sum(v => cell.Counts[v.i] * ncs[v.i]).Should().BeApproximately(size, 1e-9 * size, "NCS has mean 1 over its reference set");
                    flags.Should().OnlyContain(f => f >= 0 && f <= 1);
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Build_RandomCorpus_FractionalTopSharesSumToOne()
    {
        Gen.Select(RandomImpactCorpora.Publications, RandomCorpora.Options, RandomImpactCorpora.Percent).Sample((publications, options, percent) =>
        {
            var statistics = ImpactEngine.Build(Corpus.Build(publications), options);
            foreach (var key in RandomImpactCorpora.Keys(statistics))
            {
                var slice = statistics.Slice(key, TopPercent.Of(percent));
                var real = slice.Units.Where(u => u.Unit.Kind != UnitKind.Group).ToList();
                if (real.Count > 0)
                {
                    real.Sum(u => u.TopShare).Should().BeApproximately(1, 1e-9, $"{key}");
                    real.Sum(u => u.FractionalPublications).Should().BeApproximately(slice.WeightedReferencePublications, 1e-9, "F_cit sums to the reference sets");
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Build_RandomCorpus_ParallelIsIdenticalToSequential()
    {
        Gen.Select(RandomImpactCorpora.Publications, RandomCorpora.Options, RandomImpactCorpora.Classes).Sample((publications, options, classes) =>
        {
            var corpus = Corpus.Build(publications);
            classes = classes?[..corpus.Count];
            var sequential = ImpactEngine.Build(corpus, options with { MaxDegreeOfParallelism = 1 }, classes, chunkSize: 3);
            var parallel = ImpactEngine.Build(corpus, options with { MaxDegreeOfParallelism = 4 }, classes, chunkSize: 3);
            RandomImpactCorpora.Identical(parallel, sequential);
        }, iter: Iterations);
    }

    [Fact]
    public void Merge_PartitionedCorpus_EqualsTheWholeStatistics()
    {
        Gen.Select(RandomImpactCorpora.Publications, RandomCorpora.Options, Gen.Int[0, 40], Gen.Int[0, 40]).Sample((publications, options, first, second) =>
        {
            var corpus = Corpus.Build(publications);
            (first, second) = (Math.Min(first, second), Math.Max(first, second));
            var whole = ImpactEngine.Build(corpus, options);
            var parts = new[]
            {
                corpus.Where(p => p.Index < first),
                corpus.Where(p => p.Index >= first && p.Index < second),
                corpus.Where(p => p.Index >= second),
            };
            var merged = ImpactStatistics.Merge(parts.Select(p => ImpactEngine.Build(p, options)));
            RandomImpactCorpora.Compare(merged, whole, Tolerance);
            foreach (var key in RandomImpactCorpora.Keys(whole))
            {
                AssertClose(merged.Slice(key, TopPercent.Ten), whole.Slice(key, TopPercent.Ten), $"{key}");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Build_ShuffledCorpus_SameFigures()
    {
        Gen.Select(RandomImpactCorpora.Publications, RandomCorpora.Options, Gen.Int).Sample((publications, options, seed) =>
        {
            var shuffled = publications.ToArray();
            new Random(seed).Shuffle(shuffled);
            var original = ImpactEngine.Build(Corpus.Build(publications), options);
            var reordered = ImpactEngine.Build(Corpus.Build(shuffled), options, chunkSize: 4);
            RandomImpactCorpora.Compare(reordered, original, Tolerance);
        }, iter: Iterations);
    }

    [Fact]
    public void Build_EveryPublicationWithACount_WholeAndFractionalCountsEqualTheCube()
    {
        // The engine reads units, f(k,i) and m_k through the cube's kernel: with a count on every publication, P_cit is
        // the cube's P, F_cit its F and the domestic publications its P - I, in every slice.
        Gen.Select(RandomImpactCorpora.Publications, RandomCorpora.Options).Sample((publications, options) =>
        {
            var counted = publications.Select(p => p with { Citations = p.Citations ?? 2 }).ToArray();
            var corpus = Corpus.Build(counted);
            var cube = CollaborationCube.Build(corpus, options);
            var statistics = ImpactEngine.Build(corpus, options);
            statistics.Diagnostics.PublicationsCounted.Should().Be(cube.Diagnostics.PublicationsCounted);
            foreach (var key in RandomImpactCorpora.Keys(statistics))
            {
                var slice = statistics.Slice(key, TopPercent.Ten);
                var counts = cube.Slice(key);
                slice.Units.Select(u => u.Unit).Should().Equal(counts.Units.Select(u => u.Unit), $"{key}");
                foreach (var unit in slice.Units)
                {
                    unit.Publications.Should().BeApproximately(counts[unit.Unit].P, Tolerance, $"{key} {unit.Unit}");
                    unit.FractionalPublications.Should().BeApproximately(counts[unit.Unit].F, Tolerance, $"{key} {unit.Unit}");
                    unit.Domestic.Publications.Should().BeApproximately(counts[unit.Unit].P - counts[unit.Unit].I, Tolerance, $"{key} {unit.Unit}");
                }

                foreach (var pair in counts.Pairs)
                {
                    slice.Pair(pair.A, pair.B).Copublications.Should().BeApproximately(pair.Copublications, Tolerance, $"{key} {pair.A}-{pair.B}");
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Build_PublicationsWithoutCount_ExcludedAndCountedInDiagnostics()
    {
        var publications = ImpactVector.Publications().Concat(
        [
            ImpactVector.Publications()[0] with { Id = "no-year", Year = null },
            ImpactVector.Publications()[0] with { Id = "no-unit", Authors = [new Author()] },
        ]).ToList();

        var statistics = ImpactEngine.Build(Corpus.Build(publications), AggregationOptions.Default);

        statistics.Diagnostics.Should().Be(new ImpactDiagnostics(12, 9, 1, 1, 1, 10));
        statistics.Slice(SliceKey.ForAllYears(), TopPercent.Ten)[ImpactVector.CN].Publications.Should().Be(5, "k8 has no count");
    }

    [Fact]
    public void Build_NoCitationCounts_EveryQuestionThrowsSayingWhy()
    {
        var publications = ImpactVector.Publications().Select(p => p with { Citations = null });
        var statistics = ImpactEngine.Build(Corpus.Build(publications), AggregationOptions.Default);

        var act = () => statistics.Slice(SliceKey.ForAllYears(), TopPercent.Ten);

        statistics.Diagnostics.PublicationsWithoutCitationCount.Should().Be(10);
        act.Should().Throw<InvalidOperationException>().WithMessage("*citation count*");
    }

    [Fact]
    public void Build_InstitutionLevelWithClasses_EqualsTheReference()
    {
        var publications = RandomCorpora.Seeded(3_000, seed: 5).Select((p, i) => p with { Citations = i % 11 == 0 ? null : (i * 7919) % 97 }).ToArray();
        var classes = publications.Select((_, i) => (byte)(i % 3)).ToArray();
        var options = AggregationOptions.Default with { Level = UnitLevel.Institution, Technologies = TechnologyAssignment.Fractional };
        var statistics = ImpactEngine.Build(Corpus.Build(publications), options, classes, chunkSize: 1000);

        foreach (var key in new[] { SliceKey.ForAllYears(), SliceKey.ForWindow(2012, 2015, "B"), SliceKey.ForYear(2020, "A") })
        {
            var reference = ReferenceImpact.Compute(publications, options, key, 10, i => classes[i]);
            AssertSame(statistics.Slice(key, TopPercent.Ten), reference, $"{key}");
        }
    }

    public static TheoryData<string> RealExports => ["openalex", "wos", "wos-tab", "scopus"];

    [Theory]
    [MemberData(nameof(RealExports))]
    public void Build_RealExport_EqualsTheReferenceInEverySlice(string export)
    {
        var path = export switch
        {
            "openalex" => Fixtures.OpenAlexWorks50,
            "wos" => Fixtures.WosPlain500,
            "wos-tab" => Fixtures.WosTab71,
            _ => Fixtures.Scopus58,
        };
        var corpus = Corpus.FromFile(path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient });
        var publications = corpus.Publications.ToList();
        var options = AggregationOptions.Default with { Groups = [UnitGroups.EU27] };
        var statistics = ImpactEngine.Build(corpus, options);

        statistics.Diagnostics.PublicationsCounted.Should().BeGreaterThan(0, "every export carries citation counts");
        statistics.Diagnostics.Publications.Should().Be(corpus.Count);
        int compared = 0;
        // Every year for all technologies, and all years for each of the first technologies.
        var technologies = statistics.Technologies.Take(8).ToHashSet(StringComparer.Ordinal);
        foreach (var key in RandomImpactCorpora.Keys(statistics).Where(k => k.Technology is null || (k.IsAllYears && technologies.Contains(k.Technology))))
        {
            foreach (double percent in new[] { 1.0, 10, 50 })
            {
                AssertSame(statistics.Slice(key, TopPercent.Of(percent)), ReferenceImpact.Compute(publications, options, key, percent), $"{export} {key} x={percent}");
                compared++;
            }
        }

        compared.Should().BeGreaterThan(3);
    }

    private static void AssertSame(ImpactSlice slice, ReferenceImpact reference, string because)
    {
        var units = slice.Units;
        units.Select(u => u.Unit).Should().Equal(reference.Units.Keys.Order(), because);
        Close(slice.WorldTopPublications, reference.World, $"world {because}");
        foreach (var row in units)
        {
            var expected = reference.Units[row.Unit];
            string at = $"{row.Unit} {because}";
            Close(row.Publications, expected.Publications, $"P_cit {at}");
            Close(row.FractionalPublications, expected.FractionalPublications, $"F_cit {at}");
            Close(row.TopPublications, expected.TopPublications, $"P_top {at}");
            Close(row.TopPublicationsFractional, expected.TopPublicationsFractional, $"P_top_frac {at}");
            Close(row.PpTop, expected.PpTop, $"PP_top {at}");
            Close(row.PpTopFractional, expected.PpTopFractional, $"PP_top_frac {at}");
            Close(row.TopShare, expected.TopShare, $"top_share {at}");
            Close(row.Mncs, expected.Mncs, $"MNCS {at}");
            Close(row.MncsFractional, expected.MncsFractional, $"MNCS frac {at}");
            row.HIndex.Should().Be(expected.HIndex, $"h {at}");
            Type(row.Domestic, expected.Domestic, $"domestic {at}");
            Type(row.Bilateral, expected.Bilateral, $"bilateral {at}");
            Type(row.Multilateral, expected.Multilateral, $"multilateral {at}");
            var partners = slice.PartnersOf(row.Unit);
            partners.Select(p => p.Partner).Should().Equal(reference.Pairs.Keys.Where(k => k.Focus == row.Unit).Select(k => k.Partner).Order(), $"partners {at}");
            foreach (var pair in partners)
            {
                var e = reference.Pairs[(row.Unit, pair.Partner)];
                Close(pair.Copublications, e.Copublications, $"C {at}-{pair.Partner}");
                Close(pair.Mncs, e.Mncs, $"MNCS_XY {at}-{pair.Partner}");
                Close(pair.PpTop, e.PpTop, $"PP_top_XY {at}-{pair.Partner}");
                Close(pair.Advantage, e.Advantage, $"advantage {at}-{pair.Partner}");
            }
        }

        var concentration = slice.Concentration();
        Close(concentration.Hhi, reference.Hhi, $"HHI {because}");
        Close(concentration.LeaderRatio, reference.LeaderRatio, $"leader ratio {because}");
        Close(concentration.Top5, reference.Top5, $"top 5 {because}");
        concentration.Leader.Should().Be(reference.Leader, $"leader {because}");

        static void Type(CollaborationTypeImpact actual, (double Publications, double Mncs, double PpTop) expected, string because)
        {
            Close(actual.Publications, expected.Publications, because);
            Close(actual.Mncs, expected.Mncs, because);
            Close(actual.PpTop, expected.PpTop, because);
        }
    }

    private static void AssertClose(ImpactSlice actual, ImpactSlice expected, string because)
    {
        actual.Units.Select(u => u.Unit).Should().Equal(expected.Units.Select(u => u.Unit), because);
        foreach (var row in expected.Units)
        {
            var other = actual[row.Unit];
            Close(other.TopPublications, row.TopPublications, because);
            Close(other.TopPublicationsFractional, row.TopPublicationsFractional, because);
            Close(other.MncsFractional, row.MncsFractional, because);
            other.HIndex.Should().Be(row.HIndex, because);
        }
    }

    private static void Close(double actual, double expected, string because)
    {
        double tolerance = Tolerance * Math.Max(1, Math.Abs(expected));
        bool same = double.IsNaN(expected) ? double.IsNaN(actual) : Math.Abs(actual - expected) <= tolerance;
        if (!same)
        {
            // Only a failure pays for an assertion (the property tests compare hundreds of thousands of numbers).
            actual.Should().BeApproximately(expected, tolerance, because);
        }
    }
}
