using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Impact;
using CollabMetrics.Metrics;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;
using CsCheck;
using static CollabMetrics.Tests.Impact.ImpactVector;

namespace CollabMetrics.Tests.Impact;

public class ImpactQueryTests
{
    private static ImpactQuery Vector() => ImpactVector.Corpus().Countries().Impact();

    [Fact]
    public void Compute_VectorTopQuarter_RowsEqualTheTableOfImpactMdRankedByTopShare()
    {
        var table = Vector().ByYear().TopPercent(25).Compute();

        // top_share: CN 23/54, US 31/108, GB 4/27, PK 5/36, JP 0 (IMPACT.md).
        table.Select(r => r.Unit).Should().Equal(CN, US, GB, PK, JP);
        table.Select(r => r.Rank).Should().Equal(1, 2, 3, 4, 5);
        var cn = table.Find(2020, "China")!;
        cn.Publications.Should().Be(5);
        Exact(cn.FractionalPublications, Q(31, 12), "F_cit");
        Exact(cn.TopPublications, Q(9, 4), "P_top");
        Exact(cn.TopPublicationsFractional, Q(23, 24), "P_top fractional");
        Exact(cn.PpTop, Q(9, 20), "PP_top");
        Exact(cn.PpTopFractional, Q(23, 62), "PP_top fractional");
        Exact(cn.TopShare, Q(23, 54), "top share");
        Exact(cn.Mncs, Q(486, 305), "MNCS");
        Exact(cn.MncsFractional, Q(2466, 1891), "MNCS fractional");
        cn.HIndex.Should().Be(4);
        Exact(cn.Domestic.Mncs, Q(27, 61), "CN domestic MNCS");
        Exact(cn.Bilateral.PpTop, Q(5, 8), "CN bilateral PP_top");
        Exact(cn.Multilateral.Mncs, Q(279, 122), "CN multilateral MNCS");
        table.Leaders().Should().ContainSingle().Which.Unit.Should().Be(CN);
    }

    [Fact]
    public void Compute_Vector_ContextSaysHowAndDiagnosticsCountThePaperWithoutCitations()
    {
        var table = Vector().AllYears().TopPercent(25).Compute();

        table.Impact.TopPercent.Should().Be(25);
        table.Impact.CitationSource.Should().Be(CitationSource.Counts);
        table.Impact.ReferenceSets.Should().Be("year x technology");
        table.Impact.RankedBy.Should().Be(ImpactMeasure.TopShare);
        table.Impact.Diagnostics.Publications.Should().Be(10);
        table.Impact.Diagnostics.PublicationsCounted.Should().Be(9);
        table.Impact.Diagnostics.PublicationsWithoutCitationCount.Should().Be(1, "k8 has no citation count");
        table.Metadata.Should().Contain(new KeyValuePair<string, string>("top_percent", "25"))
            .And.Contain(new KeyValuePair<string, string>("citation_source", "counts"))
            .And.Contain(new KeyValuePair<string, string>("diagnostics.publications_without_citation_count", "1"));
        table.Single(r => r.Unit == CN).Year.Should().Be("all");
    }

    [Fact]
    public void ToCsv_Vector_ColumnsOfTheIssueAndUndefinedValuesEmpty()
    {
        var lines = Vector().ByYear().TopPercent(25).Compute().ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().Be(
            "year,technology,country,publications,fractional_publications,top_publications,top_publications_fractional,pp_top,pp_top_fractional,top_share,mncs,mncs_fractional,h_index,domestic_publications,domestic_mncs,domestic_pp_top,bilateral_publications,bilateral_mncs,bilateral_pp_top,multilateral_publications,multilateral_mncs,multilateral_pp_top");
        var jp = lines.Single(l => l.StartsWith("2020,,JP,", StringComparison.Ordinal)).Split(',');
        jp.Should().HaveCount(22);
        jp[13].Should().Be("0", "JP has no domestic paper");
        jp[14].Should().BeEmpty("the MNCS of no paper is undefined");
        jp[15].Should().BeEmpty();
    }

    [Fact]
    public void ToJson_Vector_UndefinedValuesNullAndImpactContext()
    {
        using var doc = JsonDocument.Parse(Vector().ByYear().TopPercent(25).ForTechnology("T").Compute().ToJson());

        var context = doc.RootElement.GetProperty("context");
        context.GetProperty("citation_source").GetString().Should().Be("counts");
        context.GetProperty("top_percent").GetDouble().Should().Be(25);
        context.GetProperty("technology").GetString().Should().Be("T");
        context.GetProperty("diagnostics").GetProperty("publications_without_citation_count").GetInt64().Should().Be(1);
        var jp = doc.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("country").GetString() == "JP");
        jp.GetProperty("technology").GetString().Should().Be("T");
        jp.GetProperty("domestic_mncs").ValueKind.Should().Be(JsonValueKind.Null);
        jp.GetProperty("h_index").GetInt32().Should().Be(1);
    }

    [Fact]
    public void Units_NameOfNoUnit_ErrorWithClosestName()
    {
        FluentActions.Invoking(() => Vector().Units("Chna"))
            .Should().Throw<ArgumentException>().WithMessage("*China*");
    }

    [Fact]
    public void Compute_UnknownTechnology_ErrorWithClosestTechnology()
    {
        var corpus = Corpus.Build([.. ImpactVector.Publications(technology: "Quantum sensing")]);

        FluentActions.Invoking(() => corpus.Countries().Impact().ForTechnology("Quantum sensin").Compute())
            .Should().Throw<ArgumentException>().WithMessage("*Quantum sensing*");
    }

    [Fact]
    public void Compute_YearsWithoutData_ErrorNamingTheCoveredYears()
    {
        FluentActions.Invoking(() => Vector().ByYear(1990, 1991).Compute())
            .Should().Throw<ArgumentException>().WithMessage("*2020-2020*");
        FluentActions.Invoking(() => Vector().Window(1990, 1995).Concentration())
            .Should().Throw<ArgumentException>().WithMessage("*1990-1995*");
    }

    [Fact]
    public void Compute_CubeInsteadOfCorpus_ErrorSaysImpactNeedsPublications()
    {
        var cube = ImpactVector.Corpus().Countries().Cube;

        FluentActions.Invoking(() => cube.Analyze().Impact().Compute())
            .Should().Throw<InvalidOperationException>().WithMessage("*corpus*");
    }

    [Fact]
    public void Units_UnitWithoutPaperInTheSlice_ListedWithZerosAndUndefinedRatios()
    {
        var table = Vector().Units("CN", "FR").ByYear().TopPercent(25).Compute();

        var fr = table.Find(2020, "France")!;
        fr.Publications.Should().Be(0);
        fr.PpTop.Should().Be(double.NaN);
        fr.Rank.Should().Be(2, "an undefined top share ranks last");
    }

    [Fact]
    public void Top_VectorTopTwo_KeepsTheTwoRankedFirst()
    {
        var table = Vector().ByYear().TopPercent(25).Compute();

        table.Top(2).Select(r => r.Unit).Should().Equal(CN, US);
        table.Top(0).Should().HaveCount(5);
        FluentActions.Invoking(() => table.Top(2).Find(2020, "JP")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void FocusCompute_VectorChinaUnitedStates_PairFiguresOfImpactMd()
    {
        var table = Vector().Focus("China").Partners("US").ByYear().TopPercent(25).Compute();

        var row = table.Find(2020, "United States");
        row.Copublications.Should().Be(3);
        Exact(row.Mncs, Q(123, 61), "MNCS_XY");
        Exact(row.PpTop, Q(13, 24), "PP_top_XY");
        Exact(row.Advantage, Q(41, 9), "advantage");
        table.Focus.Should().Be(CN);
        table.ToCsv().Split('\n')[0].Should().Be("year,technology,focus,partner,copublications,mncs,pp_top,advantage");
    }

    [Fact]
    public void FocusCompute_VectorChinaAllPartners_EveryCoauthoringCountryInCodeOrder()
    {
        var table = Vector().Focus("CN").ByYear().TopPercent(25).Compute();

        table.Select(r => r.Partner).Should().Equal(GB, JP, PK, US);
        FluentActions.Invoking(() => Vector().Focus("CN").Partners("CN")).Should().Throw<ArgumentException>().WithMessage("*focus itself*");
        FluentActions.Invoking(() => Vector().Focus("Chinna")).Should().Throw<ArgumentException>().WithMessage("*China*");
    }

    [Fact]
    public void Concentration_VectorTopQuarter_RowForAllTechnologiesAndForEach()
    {
        var table = Vector().ByYear().TopPercent(25).Concentration();

        table.Select(r => r.Slice.Technology).Should().Equal(null, "T");
        foreach (var row in table)
        {
            Exact(row.Hhi, Q(593, 1944), "HHI");
            row.Leader.Should().Be(CN);
            Exact(row.LeaderRatio, Q(46, 31), "leader ratio");
            Exact(row.Top5, 1, "top 5");
        }

        table.ToCsv().Split('\n')[0].Should().Be("year,technology,hhi,leader,leader_ratio,top5");
        table.LedBy("China").Should().HaveCount(2);
    }

    [Fact]
    public void Bootstrap_Vector_IntervalsOfPpTopTopShareAndMncsAroundTheEstimate()
    {
        var options = new BootstrapOptions { Replicates = 200, Seed = 7 };
        var query = Vector().Units("CN", "US").ByYear().TopPercent(25);
        var table = query.Bootstrap(options);
        var figures = query.Compute();

        table.Select(r => r.Measure).Distinct().Should().BeEquivalentTo([ImpactMeasure.PpTop, ImpactMeasure.TopShare, ImpactMeasure.Mncs]);
        foreach (var unit in new[] { CN, US })
        {
            var row = figures.Find(2020, unit)!;
            Exact(table.Find(2020, unit, ImpactMeasure.PpTop).Estimate, row.PpTop, "PP_top estimate");
            Exact(table.Find(2020, unit, ImpactMeasure.TopShare).Estimate, row.TopShare, "top share estimate");
            Exact(table.Find(2020, unit, ImpactMeasure.Mncs).Estimate, row.Mncs, "MNCS estimate");
        }

        table.Should().OnlyContain(r => r.Lower <= r.Upper && r.Replicates > 150 && r.Replicates <= 200 && r.StandardError >= 0);
        query.Bootstrap(options).Should().Equal(table, "the bootstrap is seeded");
    }

    [Fact]
    public void Compute_RandomCorpora_EveryRowEqualsTheIndependentReference()
    {
        Gen.Select(RandomImpactCorpora.Publications, RandomImpactCorpora.Percent).Sample((publications, percent) =>
        {
            var corpus = Corpus.Build(publications);
            var reference = ReferenceImpact.Compute(publications, corpus.Countries().Options, SliceKey.ForAllYears(), percent);
            if (reference.Units.Count == 0)
            {
                // No publication with a year, a unit and a count: an error, never an empty table.
                FluentActions.Invoking(() => corpus.Countries().Impact().AllYears().Compute()).Should().Throw<InvalidOperationException>();
                return;
            }

            var table = corpus.Countries().Impact().AllYears().TopPercent(percent).Compute();

            table.Where(r => r.Unit.Kind == UnitKind.Country).Select(r => r.Unit)
                .Should().BeEquivalentTo(reference.Units.Keys.Where(u => u.Kind == UnitKind.Country));
            foreach (var row in table)
            {
                var expected = reference.Units[row.Unit];
                row.Publications.Should().Be(expected.Publications);
                row.TopPublications.Should().BeApproximately(expected.TopPublications, 1e-9);
                row.TopShare.Should().BeApproximately(expected.TopShare, 1e-9);
                if (double.IsNaN(expected.Mncs))
                {
                    row.Mncs.Should().Be(double.NaN);
                }
                else
                {
                    row.Mncs.Should().BeApproximately(expected.Mncs, 1e-9);
                }

                row.HIndex.Should().Be(expected.HIndex);
            }
        }, iter: 60);
    }

    [Fact]
    public void WithCitationSource_OpenAlex_MncsIsMeanFwciAndTopFlagsFromThePercentile()
    {
        Publication Paper(string id, string country, double fwci, double percentile, bool top10) =>
            TestCorpora.FromCountries(id, 2021, [[country]], "T") with
            {
                Citations = 5,
                Fwci = fwci,
                CitationPercentile = new CitationPercentile(percentile, percentile >= 0.99, top10),
            };

        var corpus = Corpus.Build(
        [
            Paper("a", "CN", 2.0, 0.95, true),
            Paper("b", "CN", 0.5, 0.40, false),
            Paper("c", "US", 1.0, 0.80, false),
            TestCorpora.FromCountries("d", 2021, [["US"]], "T") with { Citations = 1 },
        ]);

        var table = corpus.Countries().Impact().WithCitationSource(CitationSource.OpenAlex).AllYears().Compute();

        table.Impact.CitationSource.Should().Be(CitationSource.OpenAlex);
        table.Impact.ReferenceSets.Should().StartWith("openalex");
        table.Impact.Diagnostics.PublicationsWithoutOpenAlexImpact.Should().Be(1);
        var cn = table.Find(SliceKey.ForAllYears(), "CN")!;
        cn.Mncs.Should().BeApproximately(1.25, 1e-12);
        cn.TopPublications.Should().Be(1);
        cn.PpTop.Should().Be(0.5);
        table.Find(SliceKey.ForAllYears(), "US")!.TopPublications.Should().Be(0);
        table.Metadata.Should().Contain(new KeyValuePair<string, string>("citation_source", "openalex"));
        FluentActions.Invoking(() => corpus.Countries().Impact().WithCitationSource(CitationSource.OpenAlex).ByDocumentType().Compute())
            .Should().Throw<InvalidOperationException>().WithMessage("*ByDocumentType*");
    }

    [Fact]
    public void ByDocumentType_CorpusWithoutDocumentTypes_SameFiguresAsYearAndTechnology()
    {
        var table = Vector().ByDocumentType().ByYear().TopPercent(25).Compute();

        table.Impact.ReferenceSets.Should().Be("year x technology x document type");
        table.Select(r => r.TopShare).Should().Equal(Vector().ByYear().TopPercent(25).Compute().Select(r => r.TopShare));
    }

    [Fact]
    public void ByDocumentType_ArticlesAndReviews_EachComparedWithItsOwnType()
    {
        // Reviews are cited more: by year and technology only, the top paper is a review; by type, each type has its own top.
        Publication Paper(string id, string country, int citations, DocumentType type) =>
            TestCorpora.FromCountries(id, 2020, [[country]], "T") with { Citations = citations, DocumentType = type };
        var publications = new List<Publication>();
        for (int i = 0; i < 10; i++)
        {
            publications.Add(Paper($"a{i}", "CN", i, DocumentType.Article));
            publications.Add(Paper($"r{i}", "US", 100 + i, DocumentType.Review));
        }

        var corpus = Corpus.Build(publications);
        var plain = corpus.Countries().Impact().AllYears().TopPercent(10).Compute();
        var byType = corpus.Countries().Impact().ByDocumentType().AllYears().TopPercent(10).Compute();

        plain.Find(SliceKey.ForAllYears(), "CN")!.TopPublications.Should().Be(0);
        plain.Find(SliceKey.ForAllYears(), "US")!.TopPublications.Should().Be(2);
        byType.Find(SliceKey.ForAllYears(), "CN")!.TopPublications.Should().Be(1, "a9 is the top 10% of the articles");
        byType.Find(SliceKey.ForAllYears(), "US")!.TopPublications.Should().Be(1, "r9 is the top 10% of the reviews");
        byType.Find(SliceKey.ForAllYears(), "CN")!.Mncs.Should().BeApproximately(1, 1e-12, "NCS against the articles' mean");
        var reference = ReferenceImpact.Compute(publications, corpus.Countries().Options, SliceKey.ForAllYears(), 10, i => (int)publications[i].DocumentType);
        byType.Find(SliceKey.ForAllYears(), "US")!.Mncs.Should().BeApproximately(reference.Units[US].Mncs, 1e-12);
    }
}
