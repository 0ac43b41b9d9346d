using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public class CubeContentTests
{
    private const long Iterations = 150;

    private static readonly Gen<CubeContent> s_content =
        Gen.Select(Gen.Bool, Gen.Int[1, CubeContent.AllUnitValues], Gen.Int[0, CubeContent.AllPairValues], Gen.Int[-1, 6], Gen.Int[0, 4], (units, unitValues, pairs, focus, technology) =>
            technology == 4
                ? CubeContent.Full with { Units = units, UnitValues = unitValues, PairValues = pairs, PairFocus = Focus(focus) }
                : CubeContent.ForTable(units, pairs, Focus(focus), technology == 3 ? null : ((string[])["A", "B", "Z"])[technology], unitValues: unitValues));

    [Fact]
    public void BuildFromCorpus_RandomContent_ComputedValuesEqualTheFullCubeAndTheRestIsNaN()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, s_content, Gen.Int[1, 4]).Sample((publications, options, content, threads) =>
        {
            var corpus = Corpus.Build(publications);
            var full = CubeEngine.BuildFromCorpus(corpus, options with { MaxDegreeOfParallelism = 1 }, null, default);
            var partial = CubeEngine.BuildFromCorpus(corpus, options with { MaxDegreeOfParallelism = threads }, content, null, default);
            AssertPartOf(partial, full, content, options);
        }, iter: Iterations);
    }

    [Fact]
    public void BuildFromStream_RandomContent_IdenticalToTheCorpusPath()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, s_content, Gen.Int[1, 2]).Sample((publications, options, content, threads) =>
        {
            var fromCorpus = CubeEngine.BuildFromCorpus(Corpus.Build(publications), options, content, null, default);
            var fromStream = CubeEngine.BuildFromStream(publications, options with { MaxDegreeOfParallelism = threads }, content, null, default, chunkSize: 4);
            fromStream.Units.Should().Equal(fromCorpus.Units);
            AssertPartOf(fromStream, fromCorpus, CubeContent.Full, options, nanMeansAbsent: true);
        }, iter: Iterations);
    }

    [Fact]
    public void Covers_FullCube_CoversEveryTable()
    {
        var table = CubeContent.ForTable(units: true, CubeContent.FullLink, Unit.Group("G"), "A");

        CubeContent.Full.Covers(table).Should().BeTrue();
        table.Covers(CubeContent.Full).Should().BeFalse();
        table.Covers(CubeContent.ForTable(units: false, CubeContent.FullLink, Unit.Group("G"), "A")).Should().BeTrue();
        table.Covers(CubeContent.ForTable(units: false, CubeContent.FullLink, Unit.Group("H"), "A")).Should().BeFalse();
        table.Covers(CubeContent.ForTable(units: true, 0, null, "B")).Should().BeFalse();
        table.Covers(CubeContent.ForTable(units: false, CubeContent.AuthorLink, Unit.Group("G"), "A")).Should().BeFalse();
    }

    [Fact]
    public void Covers_SomeUnitValues_CoversOnlyTablesThatReadNoOthers()
    {
        var partners = CubeContent.ForTable(units: true, CubeContent.FullLink, null, null, unitValues: CubeContent.UnitP | CubeContent.UnitI | CubeContent.UnitLinks);

        partners.IsFull.Should().BeFalse();
        partners.UnitStride.Should().Be(3);
        CubeContent.Full.Covers(partners).Should().BeTrue();
        partners.Covers(CubeContent.ForTable(units: true, 0, null, null, unitValues: CubeContent.UnitP)).Should().BeTrue();
        partners.Covers(CubeContent.ForTable(units: true, 0, null, null, unitValues: CubeContent.UnitP | CubeContent.UnitF)).Should().BeFalse();
        partners.Covers(CubeContent.ForTable(units: true, 0, null, null)).Should().BeFalse();
        partners.Covers(CubeContent.ForTable(units: false, CubeContent.FullLink, null, null)).Should().BeTrue();
    }

    private static Unit? Focus(int code) => code switch
    {
        < 0 => null,
        0 => Unit.FromCountry(Country.Parse("CN")),
        1 => Unit.FromCountry(Country.Parse("US")),
        2 => Unit.FromCountry(Country.Parse("GB")),
        3 => Unit.Institution("I1"),
        4 => Unit.Institution("I4"),
        5 => Unit.Group(UnitGroups.FiveEyes.Name),
        _ => Unit.Unknown,
    };

    /// <summary>
    /// Every value <paramref name="content"/> asks for equals the full cube's bit for bit; every other value is NaN
    /// (or, with <paramref name="nanMeansAbsent"/>, both cubes agree whatever the value).
    /// </summary>
    private static void AssertPartOf(CollaborationCube partial, CollaborationCube full, CubeContent content, AggregationOptions options, bool nanMeansAbsent = false)
    {
        partial.Years.Should().Equal(full.Years);
        partial.Technologies.Should().Equal(full.Technologies);
        partial.Diagnostics.Should().Be(full.Diagnostics);
        foreach (var key in CubeAssert.Keys(full))
        {
            var p = partial.Slice(key);
            var f = full.Slice(key);
            p.N.Should().Be(f.N, $"{key} N");
            p.NInternational.Should().Be(f.NInternational, $"{key} N_int");
            p.T.Should().Be(f.T, $"{key} T");
            bool counted = nanMeansAbsent || content.AllTechnologySlices || string.Equals(key.Technology, content.Technology, StringComparison.Ordinal);
            if (content.Units && counted && (content.UnitValues == CubeContent.AllUnitValues || nanMeansAbsent))
            {
                p.Units.Should().Equal(f.Units, $"units of {key}");
            }
            else if (content.Units && counted)
            {
                p.Units.Select(u => u.Unit).Should().Equal(f.Units.Select(u => u.Unit), $"units of {key}");
                foreach (var (partialUnit, fullUnit) in p.Units.Zip(f.Units))
                {
                    double[] a = Values(partialUnit), e = Values(fullUnit);
                    for (int v = 0; v < a.Length; v++)
                    {
                        if ((content.UnitValues & (1 << v)) != 0)
                        {
                            a[v].Should().Be(e[v], $"{key} {fullUnit.Unit} unit value {v}");
                        }
                        else
                        {
                            double.IsNaN(a[v]).Should().BeTrue($"{key} unit value {v} was not asked for");
                        }
                    }
                }
            }
            else if (!nanMeansAbsent)
            {
                p.Units.Should().BeEmpty($"{key} has no unit counts in {content}");
            }

            var expected = f.Pairs.Where(pair => content.PairFocus is not { } focus || pair.A == focus || pair.B == focus).ToList();
            var actual = p.Pairs.ToList();
            if (content.PairValues == 0 || !counted)
            {
                if (!nanMeansAbsent)
                {
                    actual.Should().BeEmpty($"{key} has no pair counts in {content}");
                }

                continue;
            }

            actual.Select(x => (x.A, x.B)).Should().Equal(expected.Select(x => (x.A, x.B)), $"pairs of {key} ({options.Describe()})");
            for (int i = 0; i < expected.Count; i++)
            {
                double[] a = Values(actual[i]), e = Values(expected[i]);
                for (int v = 0; v < a.Length; v++)
                {
                    if ((content.PairValues & (1 << v)) != 0 || nanMeansAbsent)
                    {
                        a[v].Should().Be(e[v], $"{key} {expected[i].A}-{expected[i].B} value {v}");
                    }
                    else
                    {
                        double.IsNaN(a[v]).Should().BeTrue($"{key} value {v} was not asked for");
                    }
                }
            }
        }
    }

    private static double[] Values(UnitCounts unit) => [unit.P, unit.F, unit.E, unit.I, unit.LinkTotal, unit.ScpCorresponding, unit.McpCorresponding];

    private static double[] Values(PairCounts pair) => [pair.Copublications, pair.CountrySet, pair.Author, pair.AuthorRefined, pair.NatureIndexScore];
}
