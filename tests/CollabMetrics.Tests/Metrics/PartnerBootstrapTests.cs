using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Metrics;
using CollabMetrics.Synthetic;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Metrics;

public class PartnerBootstrapTests
{
    private static readonly Lazy<Corpus> Synthetic = new(() =>
        SyntheticCorpus.BuildCorpus(SyntheticCorpusOptions.Default with { Publications = 20_000, Seed = 7 }));

    private static PartnerBootstrap.Relevant[] Relevant(AggregationOptions options, params Unit[] units)
    {
        var map = new PartnerBootstrap.UnitMap(TestCorpora.MetricsVector().Storage, options);
        return [.. units.Select(map.Describe)];
    }

    [Fact]
    public void Extract_MetricsVector_UnitWeightsGiveTheCountsOfMetricsMd()
    {
        var corpus = TestCorpora.MetricsVector();
        var options = AggregationOptions.Default;
        var map = new PartnerBootstrap.UnitMap(corpus.Storage, options);
        var relevant = Relevant(options, Country.China, Country.UnitedStates, Country.Parse("PK"), Country.Parse("JP"));

        var sample = SliceSample.Extract(corpus, options, map, relevant, SliceKey.ForAllYears(), CancellationToken.None);
        var counts = sample.Counts(null, sample.BackgroundCounts);

        sample.Count.Should().Be(11);            // every counted paper has one of the four
        counts[0].Should().Be(MetricsVector.CountsFor("US") with { NatureIndexScore = counts[0].NatureIndexScore });
        counts[0].NatureIndexScore.Should().BeApproximately(17.0 / 6, 1e-12);
        counts[1].Should().Be(MetricsVector.CountsFor("PK") with { NatureIndexScore = counts[1].NatureIndexScore });
        counts[1].NatureIndexScore.Should().BeApproximately(41.0 / 12, 1e-12);
        counts[2].Should().Be(MetricsVector.CountsFor("JP") with { NatureIndexScore = counts[2].NatureIndexScore });
        counts[2].NatureIndexScore.Should().BeApproximately(5.0 / 3, 1e-12);
    }

    [Fact]
    public void Extract_PapersWithoutFocusOrPartner_CountedInAggregate()
    {
        // Focus PK, partner JP: P1, P6, P8 and P11 have neither and only add to N, N_int and T.
        var corpus = TestCorpora.MetricsVector();
        var options = AggregationOptions.Default;
        var map = new PartnerBootstrap.UnitMap(corpus.Storage, options);
        var relevant = Relevant(options, Country.Parse("PK"), Country.Parse("JP"));

        var sample = SliceSample.Extract(corpus, options, map, relevant, SliceKey.ForAllYears(), CancellationToken.None);
        var counts = sample.Counts(null, sample.BackgroundCounts).Single();

        sample.Count.Should().Be(7);
        sample.BackgroundCount.Should().Be(4);
        counts.Should().Be(new CollaborationCounts(0, 4, 3, 4, 3, 6, 4, 14, 11, 8, 0));
    }

    [Fact]
    public void Extract_SyntheticCorpus_UnitWeightsReproduceTheCube()
    {
        // The bootstrap reads publications itself: with every weight 1 it must give exactly the cube's counts,
        // for countries and for a group partner.
        var analysis = Synthetic.Value.Countries().WithGroup(UnitGroups.FiveEyes);
        var table = analysis.Focus("CN").Partners().ByYear(2018, 2019).Rank(CollaborationIndex.PartnerShare).Top(5);
        var partners = table.Partners.Append(Unit.Group(UnitGroups.FiveEyes.Name)).ToArray();
        var grouped = analysis.Focus("CN").Partners([.. partners.Select(p => p.Code)]).ByYear(2018, 2019).Compute();
        var map = new PartnerBootstrap.UnitMap(Synthetic.Value.Storage, analysis.Options);
        var relevant = new[] { map.Describe(Country.China) }.Concat(partners.Select(map.Describe)).ToArray();

        foreach (var year in new[] { 2018, 2019 })
        {
            var sample = SliceSample.Extract(Synthetic.Value, analysis.Options, map, relevant, SliceKey.ForYear(year), CancellationToken.None);
            var counts = sample.Counts(null, sample.BackgroundCounts);
            for (int p = 0; p < partners.Length; p++)
            {
                var expected = grouped.Find(year, partners[p])!.Counts;
                counts[p].Copublications.Should().Be(expected.Copublications);
                counts[p].PartnerPublications.Should().Be(expected.PartnerPublications);
                counts[p].PartnerLinks.Should().Be(expected.PartnerLinks);
                counts[p].Links.Should().Be(expected.Links);
                counts[p].Publications.Should().Be(expected.Publications);
                counts[p].InternationalPublications.Should().Be(expected.InternationalPublications);
                counts[p].FocusLinks.Should().Be(expected.FocusLinks);
                counts[p].NatureIndexScore.Should().BeApproximately(expected.NatureIndexScore, 1e-9);
            }
        }
    }

    [Fact]
    public void Extract_GroupFocusAndInstitutions_UnitWeightsReproduceTheCube()
    {
        var corpus = Synthetic.Value;
        var countries = corpus.Countries().WithGroup(UnitGroups.FiveEyes);
        var institutions = corpus.ByInstitution();
        var topInstitution = institutions.Units().AllYears().Compute().OrderByDescending(r => r.Publications).First().Unit.Code;
        var cases = new (CollaborationAnalysis Analysis, string Focus)[] { (countries, UnitGroups.FiveEyes.Name), (institutions, topInstitution) };

        foreach (var (analysis, focusCode) in cases)
        {
            var focus = analysis.Resolve(focusCode, "focus");
            var table = analysis.Focus(focusCode).Partners().Window(2015, 2020).Rank(CollaborationIndex.Jaccard).Top(6);
            string[] partnerCodes = focus.Kind == UnitKind.Group ? [.. table.Partners.Select(p => p.Code), "US", "GB"] : [.. table.Partners.Select(p => p.Code)];
            var named = analysis.Focus(focusCode).Partners(partnerCodes).Window(2015, 2020).Compute();
            var map = new PartnerBootstrap.UnitMap(corpus.Storage, analysis.Options);
            var relevant = new[] { map.Describe(focus) }.Concat(partnerCodes.Select(c => map.Describe(analysis.Resolve(c, "partner")))).ToArray();

            var sample = SliceSample.Extract(corpus, analysis.Options, map, relevant, SliceKey.ForWindow(2015, 2020), CancellationToken.None);
            var counts = sample.Counts(null, sample.BackgroundCounts);

            for (int p = 0; p < partnerCodes.Length; p++)
            {
                var expected = named.Find(SliceKey.ForWindow(2015, 2020), partnerCodes[p])!.Counts;
                counts[p].Should().Be(expected with { NatureIndexScore = counts[p].NatureIndexScore }, partnerCodes[p]);
                counts[p].NatureIndexScore.Should().BeApproximately(expected.NatureIndexScore, 1e-9);
            }
        }
    }

    [Fact]
    public void Bootstrap_SyntheticCorpus_IntervalContainsTheEstimate()
    {
        var table = Synthetic.Value.Countries().Focus("CN").Partners("US", "PK", "JP").Window(2015, 2024)
            .Bootstrap(CollaborationIndex.PartnerShare, BootstrapOptions.Default with { Replicates = 400 });

        table.Should().HaveCount(3);
        foreach (var row in table)
        {
            row.Estimate.Should().BeInRange(row.Lower, row.Upper, row.Partner.Code);
            row.Lower.Should().BeLessThan(row.Upper);
            row.Replicates.Should().Be(400);
            row.StandardError.Should().BePositive();
        }
    }

    [Fact]
    public void Bootstrap_EstimateColumn_EqualsThePartnerTable()
    {
        var query = Synthetic.Value.Countries().Focus("CN").Partners("US", "PK").ByYear(2019, 2020);

        var ci = query.Bootstrap(CollaborationIndex.AssociationStrength, BootstrapOptions.Default with { Replicates = 50 });
        var table = query.Rank(CollaborationIndex.AssociationStrength);

        foreach (var row in ci)
        {
            row.Estimate.Should().BeApproximately(table.Find(row.Slice, row.Partner)!.AssociationStrength, 1e-12);
        }

        ci.Find(2020, "United States").Should().NotBeNull().And.Be(ci.Find(2020, "US")).And.Be(ci.Find(SliceKey.ForYear(2020), Country.UnitedStates));
        ci.Find(2020, "Pakistan")!.Partner.Code.Should().Be("PK");
        FluentActions.Invoking(() => ci.Find(2020, "Japan")).Should().Throw<ArgumentException>().WithParameterName("partner").WithMessage("*not a partner*");
        FluentActions.Invoking(() => ci.Find(2018, "US")).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("year");
        ci.Columns.Select(c => c.Kind).Should().Equal(
            ColumnKind.Text, ColumnKind.Text, ColumnKind.Text, ColumnKind.Text, ColumnKind.Number, ColumnKind.Number,
            ColumnKind.Number, ColumnKind.Number, ColumnKind.Integer);
    }

    [Fact]
    public void Bootstrap_SameSeedDifferentThreadCounts_SameIntervals()
    {
        var query = Synthetic.Value.Countries().Focus("CN").Partners("US", "PK").ByYear(2019, 2020);
        var options = BootstrapOptions.Default with { Replicates = 200, Seed = 11 };

        var one = query.Bootstrap(CollaborationIndex.Salton, options with { MaxDegreeOfParallelism = 1 });
        var four = query.Bootstrap(CollaborationIndex.Salton, options with { MaxDegreeOfParallelism = 4 });
        var again = query.Bootstrap(CollaborationIndex.Salton, options with { MaxDegreeOfParallelism = 4 });
        var otherSeed = query.Bootstrap(CollaborationIndex.Salton, options with { Seed = 12 });

        four.Should().Equal(one);
        again.Should().Equal(four);
        otherSeed.Select(r => r.Lower).Should().NotEqual(one.Select(r => r.Lower));
    }

    [Fact]
    public void Bootstrap_FromCube_ThrowsSayingToStartFromTheCorpus()
    {
        var cube = CollaborationCube.Build(TestCorpora.MetricsVector());

        var act = () => cube.Analyze().Focus("CN").Partners("US").Bootstrap(CollaborationIndex.PartnerShare);

        act.Should().Throw<InvalidOperationException>().WithMessage("*corpus*");
    }

    [Fact]
    public void Interval_KnownValues_PercentilesByLinearInterpolation()
    {
        // 0..100: the 2.5 % and 97.5 % quantiles (type 7) are 2.5 and 97.5.
        var values = Enumerable.Range(0, 101).Select(i => (double)(100 - i)).ToArray();

        var (lower, upper, se) = PartnerBootstrap.Interval(values, 0.95);

        lower.Should().BeApproximately(2.5, 1e-12);
        upper.Should().BeApproximately(97.5, 1e-12);
        se.Should().BeApproximately(Math.Sqrt(101 * 102 / 12.0), 1e-9);   // sd of 0..100 with n - 1
    }

    [Fact]
    public void Poisson_LargeAndSmallMeans_SampleMeanClose()
    {
        var random = new PartnerBootstrap.SplitMix(5);
        foreach (double lambda in new[] { 0.7, 12.0, 500.0 })
        {
            double sum = 0;
            const int draws = 20_000;
            for (int i = 0; i < draws; i++)
            {
                sum += random.Poisson(lambda);
            }

            // Standard error of the mean is sqrt(lambda / draws); allow 5 of them.
            (sum / draws).Should().BeApproximately(lambda, 5 * Math.Sqrt(lambda / draws));
        }
    }
}
