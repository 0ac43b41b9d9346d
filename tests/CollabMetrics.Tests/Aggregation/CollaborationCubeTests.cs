using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Aggregation;

public class CollaborationCubeTests
{
    private const double Tolerance = 1e-12;
    private static readonly Unit CN = Country.China;
    private static readonly Unit US = Country.UnitedStates;
    private static readonly Unit PK = Country.Parse("PK");
    private static readonly Unit JP = Country.Parse("JP");

    public static TheoryData<string> Sources => ["corpus", "stream"];

    private static CollaborationCube BuildVector(string source, AggregationOptions? options = null) => source == "corpus"
        ? CollaborationCube.Build(TestCorpora.MetricsVector(), options)
        : CollaborationCube.Build(TestCorpora.MetricsVectorPublications(), options);

    [Theory]
    [MemberData(nameof(Sources))]
    public void Build_MetricsVector_SliceTotalsMatchTheReference(string source)
    {
        var slice = BuildVector(source).All();

        slice.N.Should().Be(11);
        slice.NInternational.Should().Be(8);
        slice.T.Should().Be(14);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Build_MetricsVector_UnitCountsMatchTheReference(string source)
    {
        var slice = BuildVector(source).All();

        // P, I, F, C_X from METRICS.md; E by hand (sum of 1/m_k).
        Expect(slice[CN], p: 9, i: 7, f: 59.0 / 12, c: 10, e: 5);
        Expect(slice[US], p: 6, i: 5, f: 11.0 / 4, c: 8, e: 3);
        Expect(slice[PK], p: 4, i: 4, f: 2, c: 6, e: 5.0 / 3);
        Expect(slice[JP], p: 3, i: 3, f: 4.0 / 3, c: 4, e: 4.0 / 3);
        slice.Units.Select(u => u.Unit).Should().Equal(CN, JP, PK, US);

        static void Expect(UnitCounts counts, double p, double i, double f, double c, double e)
        {
            counts.P.Should().Be(p);
            counts.I.Should().Be(i);
            counts.F.Should().BeApproximately(f, Tolerance);
            counts.LinkTotal.Should().Be(c);
            counts.E.Should().BeApproximately(e, Tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Build_MetricsVector_ScpAndMcpFollowTheCorrespondingAuthor(string source)
    {
        // The first author is corresponding; in P11 that author has no country, so the first author with one (CN) counts.
        // Single-country papers: P6 CN, P8 US, P11 CN. Multi-country: P1-P4, P7, P9, P10 CN; P5 US.
        var slice = BuildVector(source).All();

        slice[CN].ScpCorresponding.Should().Be(2);
        slice[US].ScpCorresponding.Should().Be(1);
        slice[CN].McpCorresponding.Should().Be(7);
        slice[US].McpCorresponding.Should().Be(1);
        slice[PK].McpCorresponding.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Build_MetricsVector_LinkWeightsMatchTheReference(string source)
    {
        var slice = BuildVector(source).All();

        Expect(CN, US, full: 4, countrySet: 5.0 / 2, author: 2, refined: 4.0 / 3);
        Expect(CN, PK, full: 4, countrySet: 3, author: 3, refined: 5.0 / 2);
        Expect(CN, JP, full: 2, countrySet: 3.0 / 2, author: 3.0 / 2, refined: 4.0 / 3);
        Expect(JP, US, full: 2, countrySet: 3.0 / 2, author: 3.0 / 2, refined: 4.0 / 3);
        Expect(PK, US, full: 2, countrySet: 1, author: 1, refined: 5.0 / 6);
        slice.Pair(JP, PK).Copublications.Should().Be(0);
        slice.Pairs.Should().HaveCount(5);

        void Expect(Unit a, Unit b, double full, double countrySet, double author, double refined)
        {
            foreach (var pair in new[] { slice.Pair(a, b), slice.Pair(b, a).Swap() })
            {
                pair.A.Should().Be(a);
                pair.Copublications.Should().Be(full);
                pair.Weight(LinkWeighting.Full).Should().Be(full);
                pair.CountrySet.Should().BeApproximately(countrySet, Tolerance);
                pair.Author.Should().BeApproximately(author, Tolerance);
                pair.AuthorRefined.Should().BeApproximately(refined, Tolerance);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Build_MetricsVector_NatureIndexScoresMatchTheReference(string source)
    {
        var slice = BuildVector(source).All();

        slice.Pair(CN, US).NatureIndexScore.Should().BeApproximately(17.0 / 6, Tolerance);
        slice.Pair(CN, PK).NatureIndexScore.Should().BeApproximately(41.0 / 12, Tolerance);
        slice.Pair(CN, JP).NatureIndexScore.Should().BeApproximately(5.0 / 3, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Build_MetricsVector_DiagnosticsCountWhatWasLeftOut(string source)
    {
        var cube = BuildVector(source);

        cube.Diagnostics.Should().Be(new CubeDiagnostics(
            Publications: 12, PublicationsCounted: 11, PublicationsWithoutUnit: 1, PublicationsWithoutYear: 0,
            AuthorsWithoutUnit: 2, UnresolvedAffiliations: 2));
        cube.Options.Should().Be(AggregationOptions.Default);
        cube.Years.Should().Equal(2020);
        cube.Technologies.Should().Equal("T");
    }

    [Fact]
    public void Build_MetricsVector_TechnologySliceEqualsAllSliceForASingleLabel()
    {
        var cube = BuildVector("corpus");

        var all = cube.All();
        var technology = cube.All("T");
        technology.N.Should().Be(all.N);
        technology.Units.Should().Equal(all.Units);
        technology.Pairs.Should().Equal(all.Pairs);
    }

    [Fact]
    public void Build_PartnersOf_ListsEachPartnerWithTheFocusFirst()
    {
        var slice = BuildVector("corpus").All();

        var partners = slice.PartnersOf(US).ToList();

        partners.Select(p => p.A).Should().AllBeEquivalentTo(US);
        partners.Select(p => p.B).Should().Equal(CN, JP, PK);
        partners.Select(p => p.Copublications).Should().Equal(4, 2, 2);
        slice.PartnersOf(Country.Parse("FR")).Should().BeEmpty();
    }

    [Fact]
    public void Slice_YearsOutsideTheCubesYears_ThrowsNamingThem()
    {
        var cube = CollaborationCube.Build([TestCorpora.FromCountries("P1", 2010, [["US"], ["CN"]]), TestCorpora.FromCountries("P2", 2013, [["US"]])]);

        FluentActions.Invoking(() => cube.Year(1990)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("No publication of the cube is of 1990 (the years with publications are 2010-2013).*");
        FluentActions.Invoking(() => cube.Window(2014, 2020)).Should().Throw<ArgumentOutOfRangeException>();
        cube.Year(2011)[Unit.Parse("US")].P.Should().Be(0, "a year inside the cube's years is a real zero");
        cube.Window(2005, 2010)[Unit.Parse("US")].P.Should().Be(1);
    }

    [Fact]
    public void Indexer_AbsentUnit_GivesZeros()
    {
        var slice = BuildVector("corpus").All();

        slice[Country.Parse("FR")].Should().Be(new UnitCounts(Country.Parse("FR"), 0, 0, 0, 0, 0, 0, 0));
        slice.Contains(Country.Parse("FR")).Should().BeFalse();
        slice.Pair(CN, CN).Copublications.Should().Be(0);
    }

    [Fact]
    public void Build_UnknownPolicy_KeepsUnresolvedAuthorsAsAUnit()
    {
        // P11 [][CN] becomes {?, CN} with n = 2; P12 [] becomes {?} with n = 1.
        var slice = BuildVector("corpus", AggregationOptions.Default with { UnknownAuthors = UnknownAuthorPolicy.AsUnknownUnit }).All();

        slice.N.Should().Be(12);
        slice.NInternational.Should().Be(9);
        slice.T.Should().Be(15);
        slice[Unit.Unknown].P.Should().Be(2);
        slice[Unit.Unknown].I.Should().Be(1);
        slice[Unit.Unknown].F.Should().BeApproximately(1.5, Tolerance);
        slice[CN].F.Should().BeApproximately((59.0 / 12) - 0.5, Tolerance);
        slice.Pair(CN, Unit.Unknown).Copublications.Should().Be(1);
        slice.Pair(CN, Unit.Unknown).Author.Should().BeApproximately(1, Tolerance);
        slice.Units.Sum(u => u.F).Should().BeApproximately(12, Tolerance);
        slice.Units[^1].Unit.Should().Be(Unit.Unknown);
    }

    [Fact]
    public void Build_PerianesRodriguezToyNetwork_GivesThePublishedWeights()
    {
        // Researchers R1..R4 as four single-author units (countries AR, BR, CL, DE): papers {R1,R2,R3}, {R1,R3}, {R2,R4}.
        Unit r1 = Country.Parse("AR"), r2 = Country.Parse("BR"), r3 = Country.Parse("CL"), r4 = Country.Parse("DE");
        var publications = new[]
        {
            TestCorpora.FromCountries("W1", 2020, [["AR"], ["BR"], ["CL"]]),
            TestCorpora.FromCountries("W2", 2020, [["AR"], ["CL"]]),
            TestCorpora.FromCountries("W3", 2020, [["BR"], ["DE"]]),
        };

        var slice = CollaborationCube.Build(publications).All();

        Expect(r1, r2, full: 1, author: 0.5, refined: 1.0 / 3);
        Expect(r1, r3, full: 2, author: 1.5, refined: 4.0 / 3);
        Expect(r2, r3, full: 1, author: 0.5, refined: 1.0 / 3);
        Expect(r2, r4, full: 1, author: 1, refined: 1);
        foreach (var (unit, papers) in new[] { (r1, 2), (r2, 2), (r3, 2), (r4, 1) })
        {
            slice.PartnersOf(unit).Sum(p => p.Author).Should().BeApproximately(papers, Tolerance);
        }

        void Expect(Unit a, Unit b, double full, double author, double refined)
        {
            var pair = slice.Pair(a, b);
            pair.Copublications.Should().Be(full);
            pair.Author.Should().BeApproximately(author, Tolerance);
            pair.AuthorRefined.Should().BeApproximately(refined, Tolerance);
        }
    }

    [Fact]
    public void Build_PathOsExample_GivesFractionalCreditsAndNoSelfLink()
    {
        // Three authors: two at institution A, the third at A and B. F_A = 5/6, F_B = 1/6 (PathOS handbook).
        var publication = new Publication
        {
            Id = "W1",
            Year = 2021,
            Authors =
            [
                Author("A"),
                Author("A"),
                Author("A", "B"),
            ],
        };
        var options = AggregationOptions.Default with { Level = UnitLevel.Institution };

        var slice = CollaborationCube.Build([publication], options).All();

        Unit a = Unit.Institution("A"), b = Unit.Institution("B");
        slice[a].F.Should().BeApproximately(5.0 / 6, Tolerance);
        slice[b].F.Should().BeApproximately(1.0 / 6, Tolerance);

        // Author pairs across A and B: (1,3) and (2,3) with weights 1 x 1/2 each; author 3 links nothing to itself.
        slice.Pair(a, b).Author.Should().BeApproximately(1.0 / 2, Tolerance);
        slice.Pair(a, b).AuthorRefined.Should().BeApproximately(1.0 / 3, Tolerance);

        var alone = CollaborationCube.Build([publication with { Authors = [Author("A", "B")] }], options).All();
        alone.Pair(a, b).Copublications.Should().Be(1);
        alone.Pair(a, b).Author.Should().Be(0);
        alone.Pair(a, b).AuthorRefined.Should().Be(0);

        static Author Author(params string[] institutions) => new()
        {
            Affiliations = [.. institutions.Select(i => new Affiliation { InstitutionId = i, InstitutionName = $"Institution {i}", Country = Country.Parse("NL") })],
        };
    }

    [Fact]
    public void Build_InstitutionLevel_FromCorpusEqualsFromStream()
    {
        var publications = new[]
        {
            Publication("W1", ("I1", "FR"), ("I2", "DE")),
            Publication("W2", ("I1", "FR"), ("I3", "FR")),
            Publication("W3", ("I2", "DE"), (null, "DE")),
        };
        var options = AggregationOptions.Default with { Level = UnitLevel.Institution };

        var fromCorpus = CollaborationCube.Build(Corpus.Build(publications), options);
        var fromStream = CollaborationCube.Build(publications, options);

        var slice = fromCorpus.All();
        slice.N.Should().Be(3);
        slice.NInternational.Should().Be(2);
        slice[Unit.Institution("I1")].P.Should().Be(2);
        slice[Unit.Institution("I2")].F.Should().BeApproximately(1.5, Tolerance);
        slice.Pair(Unit.Institution("I1"), Unit.Institution("I3")).Copublications.Should().Be(1);
        fromCorpus.Diagnostics.UnresolvedAffiliations.Should().Be(1);
        fromCorpus.Units.Select(u => u.Code).Should().Equal("I1", "I2", "I3");
        fromCorpus.Units[0].Label.Should().Be("Name I1");
        CubeAssert.Identical(fromCorpus, fromStream);

        static Publication Publication(string id, params (string? Institution, string Country)[] authors) => new()
        {
            Id = id,
            Year = 2022,
            Authors = [.. authors.Select(a => new Author { Affiliations = [new Affiliation { InstitutionId = a.Institution, InstitutionName = a.Institution is null ? null : $"Name {a.Institution}", Country = Country.Parse(a.Country) }] })],
        };
    }

    [Theory]
    [InlineData(TerritoryPolicy.Iso3166, 3, 2)]
    [InlineData(TerritoryPolicy.ChinaWithHongKongMacao, 2, 2)]
    [InlineData(TerritoryPolicy.GreaterChina, 0, 0)]
    public void Build_TerritoryPolicy_MapsTerritoriesBeforeCounting(TerritoryPolicy policy, int internationalPapers, double cnLinks)
    {
        // [CN][HK], [CN][TW], [TW][MO]: HK and MO join CN under Leiden; TW too under Greater China.
        var publications = new[]
        {
            TestCorpora.FromCountries("W1", 2020, [["CN"], ["HK"]]),
            TestCorpora.FromCountries("W2", 2020, [["CN"], ["TW"]]),
            TestCorpora.FromCountries("W3", 2020, [["TW"], ["MO"]]),
        };

        var cube = CollaborationCube.Build(Corpus.Build(publications), AggregationOptions.Default with { Territory = policy });

        cube.All().NInternational.Should().Be(internationalPapers);
        cube.All()[CN].LinkTotal.Should().Be(cnLinks);
        cube.All()[CN].P.Should().Be(policy == TerritoryPolicy.Iso3166 ? 2 : 3);
        cube.Units.Should().NotContain(u => policy == TerritoryPolicy.GreaterChina && u.Code == "TW");
        cube.Options.Territory.Should().Be(policy);
    }

    [Fact]
    public void Build_FractionalTechnologies_SplitsAMultiLabelPaper()
    {
        var publications = new[]
        {
            TestCorpora.FromCountries("W1", 2020, [["CN"], ["US"]], "A", "B", "C"),
            TestCorpora.FromCountries("W2", 2020, [["CN"]], "A"),
            TestCorpora.FromCountries("W3", 2020, [["US"]]),
        };

        var whole = CollaborationCube.Build(publications);
        var fractional = CollaborationCube.Build(publications, AggregationOptions.Default with { Technologies = TechnologyAssignment.Fractional });
        var none = CollaborationCube.Build(publications, AggregationOptions.Default with { ByTechnology = false });

        whole.Technologies.Should().Equal("A", "B", "C");
        whole.All("A").N.Should().Be(2);
        whole.All("B").Pair(CN, US).Copublications.Should().Be(1);
        fractional.All("A").N.Should().BeApproximately(1 + (1.0 / 3), Tolerance);
        fractional.All("B").Pair(CN, US).Copublications.Should().BeApproximately(1.0 / 3, Tolerance);
        fractional.All("C")[CN].F.Should().BeApproximately(1.0 / 6, Tolerance);
        foreach (var cube in new[] { whole, fractional, none })
        {
            cube.All().N.Should().Be(3, "the all-technologies slice counts each publication once");
            cube.All().Pair(CN, US).Copublications.Should().Be(1);
        }

        none.Technologies.Should().BeEmpty();
        FluentActions.Invoking(() => none.All("A")).Should().Throw<ArgumentException>().WithMessage("*no technology 'A'*");
    }

    [Fact]
    public void Build_PublicationsWithoutYear_AreInNoSliceButInTheDiagnostics()
    {
        var publications = new[]
        {
            TestCorpora.FromCountries("W1", null, [["CN"], ["US"]]),
            TestCorpora.FromCountries("W2", 2020, [["CN"]]),
        };

        var cube = CollaborationCube.Build(Corpus.Build(publications));

        cube.All().N.Should().Be(1);
        cube.Diagnostics.PublicationsWithoutYear.Should().Be(1);
        cube.Diagnostics.PublicationsCounted.Should().Be(1);
    }

    [Fact]
    public void Build_EmptyCorpus_GivesAnEmptyCube()
    {
        var cube = CollaborationCube.Build(Corpus.Empty);

        cube.Years.Should().BeEmpty();
        cube.Units.Should().BeEmpty();
        cube.All().N.Should().Be(0);
        cube.RollingWindows(5).Should().BeEmpty();
    }

    [Fact]
    public void Build_CorpusView_CountsOnlyTheView()
    {
        var corpus = TestCorpora.MetricsVector();
        var view = corpus.WithCountry(Country.Parse("JP"));

        var slice = CollaborationCube.Build(view).All();

        slice.N.Should().Be(3);
        slice[JP].P.Should().Be(3);
        slice[CN].P.Should().Be(2);
    }

    [Fact]
    public void Build_Progress_ReportsEveryPublication()
    {
        var reports = new List<WorkProgress>();
        var progress = new SynchronousProgress(reports);

        CollaborationCube.Build(TestCorpora.MetricsVector(), progress: progress);
        CollaborationCube.Build(TestCorpora.MetricsVectorPublications(), progress: progress);

        reports.Select(r => r.Completed).Should().Equal(12, 12);
        reports.Should().AllSatisfy(r => (r.Phase, r.Unit).Should().Be(("aggregate", "publications")));
        reports[0].Total.Should().Be(12, "a corpus knows its size");
        reports[0].Fraction.Should().Be(1);
        reports[1].Total.Should().BeNull("a stream does not");
    }

    [Fact]
    public void Build_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        FluentActions.Invoking(() => CollaborationCube.Build(TestCorpora.MetricsVector(), cancellationToken: cts.Token))
            .Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => CollaborationCube.Build(TestCorpora.MetricsVectorPublications(), cancellationToken: cts.Token))
            .Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Build_StreamFailingMidway_ReportsTheStreamsError()
    {
        FluentActions.Invoking(() => CubeEngine.BuildFromStream(Failing(), AggregationOptions.Default, null, default, chunkSize: 2))
            .Should().Throw<InvalidDataException>().WithMessage("record 5*");

        static IEnumerable<Publication> Failing()
        {
            var publications = TestCorpora.MetricsVectorPublications();
            for (int i = 0; i < 4; i++)
            {
                yield return publications[i];
            }

            throw new InvalidDataException("record 5 is broken");
        }
    }

    [Fact]
    public void Build_InvalidOptions_ThrowEagerly()
    {
        var corpus = TestCorpora.MetricsVector();

        FluentActions.Invoking(() => CollaborationCube.Build(corpus, AggregationOptions.Default with { MaxDegreeOfParallelism = 0 }))
            .Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => CollaborationCube.Build(corpus, AggregationOptions.Default with { Level = UnitLevel.Institution, Groups = [UnitGroups.G7] }))
            .Should().Throw<ArgumentException>().WithMessage("*country groups*");
        FluentActions.Invoking(() => CollaborationCube.Build(corpus, AggregationOptions.Default with { Groups = [UnitGroups.G7, UnitGroups.G7] }))
            .Should().Throw<ArgumentException>().WithMessage("*distinct name*");
    }

    [Fact]
    public async Task BuildAsync_Stream_EqualsBuild()
    {
        var cube = await CollaborationCube.BuildAsync(ToAsync(TestCorpora.MetricsVectorPublications()));

        CubeAssert.Identical(cube, BuildVector("stream"));

        static async IAsyncEnumerable<Publication> ToAsync(IEnumerable<Publication> publications)
        {
            foreach (var publication in publications)
            {
                await Task.Yield();
                yield return publication;
            }
        }
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
