using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Metrics;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Metrics;

public class CollaborationAnalysisTests
{
    private static readonly SliceKey All = SliceKey.ForAllYears();

    private static Unit U(string code) => Unit.FromCountry(Country.Parse(code));

    public static TheoryData<string, CollaborationIndex, double> FocusChina => MetricsVector.FocusChina;

    [Theory]
    [MemberData(nameof(FocusChina))]
    public void Rank_MetricsVectorFocusChina_EveryIndexExact(string partner, CollaborationIndex index, double expected)
    {
        var table = TestCorpora.MetricsVector().Countries().Focus("CN").Partners().Rank(CollaborationIndex.PartnerShare);

        var row = table.Find(All, partner)!;

        row.Value(index).Should().BeApproximately(expected, 1e-12);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("PK")]
    [InlineData("JP")]
    public void Rank_MetricsVectorFocusChina_CountsBehindTheValues(string partner)
    {
        var table = TestCorpora.MetricsVector().Countries().Focus("CN").Partners().Rank(CollaborationIndex.PartnerShare);

        var row = table.Find(All, partner)!;
        var expected = MetricsVector.CountsFor(partner);

        row.Counts.Copublications.Should().Be(expected.Copublications);
        row.Counts.FocusPublications.Should().Be(expected.FocusPublications);
        row.Counts.PartnerPublications.Should().Be(expected.PartnerPublications);
        row.Counts.FocusInternational.Should().Be(expected.FocusInternational);
        row.Counts.PartnerInternational.Should().Be(expected.PartnerInternational);
        row.Counts.FocusLinks.Should().Be(expected.FocusLinks);
        row.Counts.PartnerLinks.Should().Be(expected.PartnerLinks);
        row.Counts.Links.Should().Be(expected.Links);
        row.Counts.Publications.Should().Be(expected.Publications);
        row.Counts.InternationalPublications.Should().Be(expected.InternationalPublications);
        row.Counts.NatureIndexScore.Should().BeApproximately(expected.NatureIndexScore, 1e-12);
    }

    [Fact]
    public void Rank_PartnerShareTieUsPk_BrokenByCodeAfterEqualCopublications()
    {
        // US and PK both 4/7 with C = 4: PK before US by code; JP 2/7 third.
        var table = TestCorpora.MetricsVector().Countries().Focus("CN").Partners().Rank(CollaborationIndex.PartnerShare);

        table.Select(r => (r.Partner.Code, r.Rank)).Should().Equal(("PK", 1), ("US", 2), ("JP", 3));
        table.Context.RankedBy.Should().Be(CollaborationIndex.PartnerShare);
        table.Context.Territory.Should().Be(TerritoryPolicy.Iso3166);
        table.Context.Diagnostics.PublicationsWithoutUnit.Should().Be(1);   // P12
    }

    [Fact]
    public void Rank_Salton_PkThenUsThenJp()
    {
        var table = TestCorpora.MetricsVector().Countries().Focus("CN").Partners().Rank(CollaborationIndex.Salton);

        table.Select(r => r.Partner.Code).Should().Equal("PK", "US", "JP");
    }

    [Fact]
    public void Compute_UnitsOfMetricsVector_PFEIByHand()
    {
        var table = TestCorpora.MetricsVector().Countries().Units("CN", "US", "PK", "JP").Compute();

        // P and F from METRICS.md; E by hand (sum of 1/m_k): CN 5, US 3, PK 5/3, JP 4/3.
        table.Select(r => r.Publications).Should().Equal(9, 6, 4, 3);
        table.Select(r => r.InternationalPublications).Should().Equal(7, 5, 4, 3);
        var f = table.Select(r => r.FractionalPublications).ToArray();
        f[0].Should().BeApproximately(59.0 / 12, 1e-12);
        f[1].Should().BeApproximately(11.0 / 4, 1e-12);
        f[2].Should().BeApproximately(2, 1e-12);
        f[3].Should().BeApproximately(4.0 / 3, 1e-12);
        var e = table.Select(r => r.EqualSplitPublications).ToArray();
        e[0].Should().BeApproximately(5, 1e-12);
        e[1].Should().BeApproximately(3, 1e-12);
        e[2].Should().BeApproximately(5.0 / 3, 1e-12);
        e[3].Should().BeApproximately(4.0 / 3, 1e-12);
        table[0].InternationalRate.Should().BeApproximately(7.0 / 9, 1e-12);
        table.Columns.Select(c => c.Name).Should().Equal("year", "country", "publications", "fractional_publications", "equal_split_publications", "international_publications", "international_rate");
    }

    [Fact]
    public void Compute_UnitsOfMetricsVector_ScpMcpByCorrespondingAuthor()
    {
        // The first author is the corresponding one. CN: P6 and P11 (its corresponding author has no country, so the
        // first author with a country counts) are single-country; P1-P4, P7, P9, P10 multi-country. US: P8 single, P5 multi.
        var table = TestCorpora.MetricsVector().Countries().Units("CN", "US", "PK").Compute();

        table.Select(r => (r.SingleCountryCorresponding, r.MultiCountryCorresponding)).Should().Equal((2.0, 7.0), (1.0, 1.0), (0.0, 0.0));
    }

    [Theory]
    [InlineData(LinkWeighting.Full, 4, 4, 2, 2, 2)]
    [InlineData(LinkWeighting.CountrySet, 5.0 / 2, 3, 3.0 / 2, 3.0 / 2, 1)]
    [InlineData(LinkWeighting.Author, 2, 3, 3.0 / 2, 3.0 / 2, 1)]
    [InlineData(LinkWeighting.AuthorRefined, 4.0 / 3, 5.0 / 2, 4.0 / 3, 4.0 / 3, 5.0 / 6)]
    public void Compute_PairsOfMetricsVector_WeightsOfMetricsMd(LinkWeighting weighting, double cnUs, double cnPk, double cnJp, double jpUs, double pkUs)
    {
        var table = TestCorpora.MetricsVector().Countries().WithLinkWeighting(weighting).Pairs().Compute();

        table.Select(r => (r.UnitA.Code, r.UnitB.Code)).Should().Equal(("CN", "JP"), ("CN", "PK"), ("CN", "US"), ("JP", "US"), ("PK", "US"));
        table.Select(r => r.Copublications).Should().Equal(2, 4, 4, 2, 2);
        var w = table.Select(r => r.Weight).ToArray();
        w[0].Should().BeApproximately(cnJp, 1e-12);
        w[1].Should().BeApproximately(cnPk, 1e-12);
        w[2].Should().BeApproximately(cnUs, 1e-12);
        w[3].Should().BeApproximately(jpUs, 1e-12);
        w[4].Should().BeApproximately(pkUs, 1e-12);
        table.Context.LinkWeighting.Should().Be(weighting);
        table.Columns.Select(c => c.Name).Should().Equal("year", "country_a", "country_b", "copublications", "weight");
    }

    [Fact]
    public void Partners_GroupOfUsAndJapan_EachPaperCountedOnce()
    {
        // CN with US or JP: P1, P4, P7, P9, P10 = 5 (P4 has both: once), not C_CN,US + C_CN,JP = 6.
        var table = TestCorpora.MetricsVector().Countries()
            .Focus("CN").Partners(new UnitGroup("Allies", [Country.Parse("US"), Country.Parse("JP")]))
            .Rank(CollaborationIndex.PartnerShare);

        var row = table.Single();
        row.Partner.Should().Be(Unit.Group("Allies"));
        row.Copublications.Should().Be(5);
        row.PartnerShare.Should().BeApproximately(5.0 / 7, 1e-12);
        table.Context.Options.Groups.Should().ContainSingle(g => g.Name == "Allies");
    }

    [Fact]
    public void Focus_GroupOfUsAndJapan_PublicationsOnceAndChinaAsPartner()
    {
        // US or JP: P1, P4, P5, P7, P8, P9, P10 = 7 publications; with CN: 5.
        var table = TestCorpora.MetricsVector().Countries()
            .WithGroup("Allies", "US", "Japan")
            .Focus("Allies").Partners().Rank(CollaborationIndex.OutputShare);

        var cn = table.Find(All, "CN")!;
        cn.FocusPublications.Should().Be(7);
        cn.Copublications.Should().Be(5);
        cn.OutputShare.Should().BeApproximately(5.0 / 7, 1e-12);
        table.Partners.Should().NotContain([U("US"), U("JP")]);   // the group's own members are not its partners
    }

    [Fact]
    public void ByYear_TwoYears_SlicesAndWindowSumTheYears()
    {
        var corpus = Corpus.Build([
            .. TestCorpora.MetricsVectorPublications(2019),
            .. TestCorpora.MetricsVectorPublications(2021).Select(p => p with { Id = p.Id + "b" })]);
        var partners = corpus.Countries().Focus("CN").Partners("US");

        var byYear = partners.ByYear().Compute();
        var window = partners.Window(2019, 2021).Compute();
        var rolling = partners.RollingWindows(2).Compute();

        byYear.Slices.Select(s => s.YearsLabel).Should().Equal("2019", "2020", "2021");
        byYear.Copublications("US").Select(p => p.Value).Should().Equal(4, 0, 4);
        byYear.Find(2020, "US")!.PartnerShare.Should().Be(double.NaN);   // CN has no publication in 2020
        window.Single().Year.Should().Be("2019-2021");
        window.Single().Copublications.Should().Be(8);
        window.Single().PartnerShare.Should().BeApproximately(4.0 / 7, 1e-12);
        rolling.Slices.Should().Equal(SliceKey.ForWindow(2019, 2020), SliceKey.ForWindow(2020, 2021));
    }

    [Fact]
    public void Focus_TerritoryPolicy_HongKongCountsAsChina()
    {
        var corpus = Corpus.Build([
            TestCorpora.FromCountries("a", 2020, [["HK"], ["US"]], "T"),
            TestCorpora.FromCountries("b", 2020, [["CN"], ["US"]], "T"),
        ]);

        var iso = corpus.Countries().Focus("CN").Partners().Compute();
        var leiden = corpus.Countries().WithTerritory(TerritoryPolicy.ChinaWithHongKongMacao).Focus("CN").Partners().Compute();

        iso.Find(All, "US")!.Copublications.Should().Be(1);
        leiden.Find(All, "US")!.Copublications.Should().Be(2);
        leiden.Context.Territory.Should().Be(TerritoryPolicy.ChinaWithHongKongMacao);
    }

    [Fact]
    public void ForTechnology_OneLabel_OnlyItsPublicationsAndNamedInContext()
    {
        var corpus = Corpus.Build([
            TestCorpora.FromCountries("a", 2020, [["CN"], ["US"]], "Quantum"),
            TestCorpora.FromCountries("b", 2020, [["CN"], ["US"]], "AI"),
            TestCorpora.FromCountries("c", 2020, [["CN"], ["PK"]], "AI", "Quantum"),
        ]);

        var table = corpus.Countries().Focus("CN").Partners().ForTechnology("Quantum").Compute();

        table.Select(r => (r.Partner.Code, r.Copublications, r.Slice.Technology)).Should().BeEquivalentTo(new[] { ("PK", 1.0, "Quantum"), ("US", 1.0, "Quantum") });
        table.Context.Technology.Should().Be("Quantum");
        table.ToJson().Should().Contain("\"technology\": \"Quantum\"");
        FluentActions.Invoking(() => corpus.Countries().Focus("CN").Partners().ForTechnology("Quantm").Compute())
            .Should().Throw<ArgumentException>().WithMessage("*no technology 'Quantm'*Closest: 'Quantum'*");
    }

    [Fact]
    public void Focus_UnknownCode_ThrowsNamingWhatToUse()
    {
        var act = () => TestCorpora.MetricsVector().Countries().Focus("Atlantis");

        act.Should().Throw<ArgumentException>().WithParameterName("unit").WithMessage("*Atlantis*ISO 3166-1*");
    }

    [Theory]
    [InlineData("UK", "GB")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("Turkey", "TR")]
    [InlineData("Türkiye", "TR")]
    [InlineData("South Korea", "KR")]
    [InlineData("Russia", "RU")]
    [InlineData("USA", "US")]
    [InlineData("DR Congo", "CD")]
    [InlineData("Vietnam", "VN")]
    [InlineData("gbr", "GB")]
    public void Focus_CommonEnglishNames_SameUnitAsTheCode(string name, string code)
    {
        var analysis = TestCorpora.MetricsVector().Countries();

        analysis.Focus(name).Focus.Should().Be(U(code));
        analysis.Units(name).Compute().Single().Unit.Code.Should().Be(code);
    }

    [Theory]
    [InlineData("Korea", "KR (South Korea)", "KP (North Korea)")]
    [InlineData("Congo", "CG (Congo)", "CD (Congo, The Democratic Republic of the)")]
    public void Focus_AmbiguousName_ListsTheChoices(string name, string first, string second)
    {
        var act = () => TestCorpora.MetricsVector().Countries().Focus(name);

        act.Should().Throw<ArgumentException>().WithParameterName("unit").WithMessage($"*'{name}' is ambiguous*{first}*{second}*");
    }

    [Fact]
    public void UnknownNames_ErrorNamesTheCallersParameterAndTheClosestNames()
    {
        var analysis = TestCorpora.MetricsVector().Countries();

        FluentActions.Invoking(() => analysis.Focus("CN").Partners("US", "Japn")).Should().Throw<ArgumentException>()
            .WithParameterName("partners").WithMessage("*'Japn'*closest*Japan (JP)*");
        FluentActions.Invoking(() => analysis.Focus("CN").Partner("Germny")).Should().Throw<ArgumentException>()
            .WithParameterName("partner").WithMessage("*Germany (DE)*");
        FluentActions.Invoking(() => analysis.Units("Frnace")).Should().Throw<ArgumentException>()
            .WithParameterName("units").WithMessage("*France (FR)*");
        FluentActions.Invoking(() => analysis.WithGroup("Allies", "US", "Untied Kingdom")).Should().Throw<ArgumentException>()
            .WithParameterName("members").WithMessage("*United Kingdom (GB)*");
    }

    [Fact]
    public void Partners_NamesAndCodes_SameTable()
    {
        var focus = TestCorpora.MetricsVector().Countries().Focus("China");

        focus.Partners("United States", "Pakistan", "JPN").Compute().Should().Equal(focus.Partners("US", "PK", "JP").Compute());
    }

    [Fact]
    public void Partners_FocusItself_Throws()
    {
        var act = () => TestCorpora.MetricsVector().Countries().Focus("CN").Partners("China");

        act.Should().Throw<ArgumentException>().WithMessage("*diagonal*");
    }

    [Fact]
    public void Analyze_ExistingCube_SameTableAsFromCorpus()
    {
        var corpus = TestCorpora.MetricsVector();
        var cube = CollaborationCube.Build(corpus);

        var fromCube = cube.Analyze().Focus("CN").Partners().Rank(CollaborationIndex.Ric);
        var fromCorpus = corpus.Countries().Focus("CN").Partners().Rank(CollaborationIndex.Ric);

        fromCube.Should().Equal(fromCorpus);
        var act = () => cube.Analyze().WithTerritory(TerritoryPolicy.GreaterChina);
        act.Should().Throw<InvalidOperationException>().WithMessage("*start from the corpus*");
    }

    [Fact]
    public void ByInstitution_SmallCorpus_InstitutionPartnersByKey()
    {
        static Publication Paper(string id, params (string Key, string Name, string Country)[] institutions) => new()
        {
            Id = id,
            Year = 2020,
            Authors = [.. institutions.Select(i => new Author
            {
                Affiliations = [new Affiliation { InstitutionId = i.Key, InstitutionName = i.Name, Country = Country.Parse(i.Country) }],
            })],
        };
        var corpus = Corpus.Build([
            Paper("1", ("I1", "Tsinghua", "CN"), ("I2", "MIT", "US")),
            Paper("2", ("I1", "Tsinghua", "CN"), ("I2", "MIT", "US"), ("I3", "Oxford", "GB")),
            Paper("3", ("I1", "Tsinghua", "CN"), ("I3", "Oxford", "GB")),
            Paper("4", ("I1", "Tsinghua", "CN")),
        ]);

        var table = corpus.ByInstitution().Focus("Tsinghua").Partners().Rank(CollaborationIndex.OutputShare);

        table.Focus.Code.Should().Be("I1");
        table.Focus.Label.Should().Be("Tsinghua");
        table.Select(r => (r.Partner.Code, r.Copublications)).Should().Equal(("I2", 2.0), ("I3", 2.0));
        table[0].OutputShare.Should().BeApproximately(2.0 / 4, 1e-12);
        table.Find(All, "Oxford")!.Partner.Code.Should().Be("I3");
        corpus.ByInstitution().Units().Compute().Columns[1].Name.Should().Be("institution");
    }

    [Fact]
    public void WithProgress_ImplicitCubeBuild_ReportsAggregation()
    {
        var corpus = TestCorpora.MetricsVector();
        var reports = new List<WorkProgress>();
        var progress = new SynchronousProgress(reports);

        var table = corpus.Countries().WithProgress(progress).Focus("CN").Partners().Compute();

        table.Should().Equal(corpus.Countries().Focus("CN").Partners().Compute());
        reports.Should().NotBeEmpty();
        reports[^1].Should().Be(new WorkProgress { Phase = "aggregate", Unit = "publications", Completed = 12, Total = 12 });
    }

    [Fact]
    public void WithCancellation_CancelledBuild_ThrowsAndIsNotKept()
    {
        var analysis = TestCorpora.MetricsVector().Countries();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var cancelling = analysis.WithCancellation(cancelled.Token);

        FluentActions.Invoking(() => cancelling.Focus("CN").Partners().Compute()).Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => cancelling.Cube).Should().Throw<OperationCanceledException>();
        analysis.IsCubeBuilt.Should().BeFalse("a cancelled build is not kept");
        cancelling.WithCancellation(CancellationToken.None).Focus("CN").Partners().Compute().Should().HaveCount(3);
        _ = cancelling.WithCancellation(CancellationToken.None).Cube;
        analysis.IsCubeBuilt.Should().BeTrue("analyses that differ only in cancellation share the counts");
        cancelling.WithLinkWeighting(LinkWeighting.Author).IsCubeBuilt.Should().BeTrue();
        cancelling.WithTerritory(TerritoryPolicy.GreaterChina).IsCubeBuilt.Should().BeFalse("other options count anew");
    }

    private sealed class SynchronousProgress(List<WorkProgress> reports) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
