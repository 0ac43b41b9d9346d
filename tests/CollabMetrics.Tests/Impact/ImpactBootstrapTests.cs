using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Impact;
using CollabMetrics.Metrics;
using CollabMetrics.Synthetic;
using CollabMetrics.Tests.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Impact;

public class ImpactBootstrapTests
{
    private static readonly Corpus s_synthetic = SyntheticCorpus.BuildCorpus(SyntheticCorpusOptions.Default with { Publications = 6_000 });
    private static readonly Unit[] s_countries = [Country.China, Country.UnitedStates, Country.Parse("DE"), Country.Parse("PK")];
    private static readonly BootstrapOptions s_boot = BootstrapOptions.Default with { Replicates = 200, Seed = 7 };

    [Fact]
    public void Run_RandomCorpus_EstimatesAreTheFiguresOfTheSlice()
    {
        Gen.Select(RandomImpactCorpora.Publications, RandomCorpora.Options, RandomImpactCorpora.Percent, RandomImpactCorpora.Classes).Sample((publications, options, percent, classes) =>
        {
            var corpus = Corpus.Build(publications);
            classes = classes?[..corpus.Count];
            var statistics = ImpactEngine.Build(corpus, options, classes);
            foreach (var key in RandomImpactCorpora.Keys(statistics))
            {
                var slice = statistics.Slice(key, TopPercent.Of(percent));
                var units = slice.Units.Select(u => u.Unit).ToArray();
                if (units.Length == 0 || slice.ReferencePublications == 0)
                {
                    continue;
                }

                var intervals = ImpactBootstrap.Run(corpus, options, key, units, TopPercent.Of(percent), s_boot with { Replicates = 10 }, classes);
                foreach (var interval in intervals)
                {
                    var row = slice[interval.Unit];
                    double expected = interval.Measure switch
                    {
                        ImpactMeasure.PpTop => row.PpTop,
                        ImpactMeasure.TopShare => row.TopShare,
                        _ => row.Mncs,
                    };
                    interval.Estimate.Should().BeApproximately(expected, 1e-9 * Math.Max(1, Math.Abs(expected)), $"{interval.Measure} of {interval.Unit} in {key}");
                }
            }
        }, iter: 60);
    }

    [Fact]
    public void Run_SameSeed_IdenticalWhateverTheThreads()
    {
        var key = SliceKey.ForWindow(2015, 2024);

        var one = ImpactBootstrap.Run(s_synthetic, AggregationOptions.Default, key, s_countries, TopPercent.Ten, s_boot with { MaxDegreeOfParallelism = 1 });
        var four = ImpactBootstrap.Run(s_synthetic, AggregationOptions.Default, key, s_countries, TopPercent.Ten, s_boot with { MaxDegreeOfParallelism = 4 });
        var otherSeed = ImpactBootstrap.Run(s_synthetic, AggregationOptions.Default, key, s_countries, TopPercent.Ten, s_boot with { Seed = 8 });

        four.Should().Equal(one);
        otherSeed.Select(i => i.Lower).Should().NotEqual(one.Select(i => i.Lower));
        otherSeed.Select(i => i.Estimate).Should().Equal(one.Select(i => i.Estimate));
    }

    [Fact]
    public void Run_SyntheticCorpus_IntervalsSurroundTheEstimates()
    {
        var intervals = ImpactBootstrap.Run(s_synthetic, AggregationOptions.Default, SliceKey.ForAllYears(), s_countries, TopPercent.Ten, s_boot);

        intervals.Should().HaveCount(12);
        intervals.Select(i => (i.Unit, i.Measure)).Should().Equal(s_countries.SelectMany(u => new[] { (u, ImpactMeasure.PpTop), (u, ImpactMeasure.TopShare), (u, ImpactMeasure.Mncs) }));
        foreach (var interval in intervals)
        {
            interval.Lower.Should().BeLessThan(interval.Upper, $"{interval}");
            interval.Estimate.Should().BeInRange(interval.Lower, interval.Upper, $"{interval}");
            interval.Replicates.Should().Be(200);
        }
    }

    [Fact]
    public void Run_SyntheticCorpus_MncsStandardErrorNearTheTextbookOne()
    {
        // With many publications the thresholds and means of the reference sets barely move, so the bootstrap SE of
        // MNCS is close to sd(NCS) / sqrt(P) over the unit's publications.
        var key = SliceKey.ForAllYears();
        var statistics = ImpactEngine.Build(s_synthetic, AggregationOptions.Default);
        var us = statistics.Slice(key, TopPercent.Ten)[Country.UnitedStates];
        var ncs = UnitedStatesNcs();
        double mean = ncs.Average();
        double textbook = Math.Sqrt(ncs.Sum(v => (v - mean) * (v - mean)) / (ncs.Count - 1) / ncs.Count);

        var interval = ImpactBootstrap.Run(s_synthetic, AggregationOptions.Default, key, [Country.UnitedStates], TopPercent.Ten, s_boot with { Replicates = 400 })
            .Single(i => i.Measure == ImpactMeasure.Mncs);

        mean.Should().BeApproximately(us.Mncs, 1e-9);
        interval.StandardError.Should().BeInRange(0.75 * textbook, 1.3 * textbook);
    }

    [Fact]
    public void Run_UnitAbsentFromSomeReplicates_CountsOnlyTheDefinedOnes()
    {
        // JP has a single publication in the vector: in about e^-1 of the replicates it is drawn zero times.
        var intervals = ImpactBootstrap.Run(ImpactVector.Corpus(), AggregationOptions.Default, SliceKey.ForAllYears(), [ImpactVector.JP], TopPercent.Of(25), s_boot);

        var mncs = intervals.Single(i => i.Measure == ImpactMeasure.Mncs);
        mncs.Replicates.Should().BeInRange(100, 150);
        intervals.Single(i => i.Measure == ImpactMeasure.TopShare).Replicates.Should().Be(200, "the top share is 0, not undefined, when JP is not drawn");
    }

    [Fact]
    public void Run_GroupNotAggregatedOrSliceWithoutCounts_Throws()
    {
        var group = () => ImpactBootstrap.Run(ImpactVector.Corpus(), AggregationOptions.Default, SliceKey.ForAllYears(), [Unit.Group("Quad")], TopPercent.Ten, s_boot);
        var year = () => ImpactBootstrap.Run(ImpactVector.Corpus(), AggregationOptions.Default, SliceKey.ForYear(1999), [ImpactVector.CN], TopPercent.Ten, s_boot);
        var technology = () => ImpactBootstrap.Run(ImpactVector.Corpus(), AggregationOptions.Default, SliceKey.ForAllYears("Quantum"), [ImpactVector.CN], TopPercent.Ten, s_boot);

        group.Should().Throw<ArgumentException>().WithMessage("*not a group*");
        year.Should().Throw<ArgumentException>().WithMessage("*1999*citation count*");
        technology.Should().Throw<ArgumentException>().WithMessage("*Quantum*");
    }

    /// <summary>NCS of each US publication with a count, straight from the definition (citations over the mean of its year).</summary>
    private static List<double> UnitedStatesNcs()
    {
        var records = s_synthetic.Records.Where(r => r.Year is not null && r.Countries.Count > 0).ToList();
        var meanOfYear = records.GroupBy(r => r.Year!.Value).ToDictionary(g => g.Key, g => g.Average(r => r.Citations!.Value));
        return [.. records.Where(r => r.HasCountry(Country.UnitedStates)).Select(r => r.Citations!.Value / meanOfYear[r.Year!.Value])];
    }
}
