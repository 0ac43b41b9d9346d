using CollabMetrics.Geography;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests;

public class CorpusTests
{
    [Fact]
    public void Build_MetricsVector_KeepsEveryPublicationAndItsCountries()
    {
        var corpus = TestCorpora.MetricsVector();

        corpus.Count.Should().Be(12);
        corpus[0].Countries.Select(c => c.Code).Should().Equal("CN", "US");
        corpus[9].Countries.Select(c => c.Code).Should().Equal("CN", "PK", "US");
        corpus[11].Countries.Should().BeEmpty();
        corpus.Report.PublicationsWithoutCountry.Should().Be(1);
        corpus.Report.Accepted.Should().Be(12);
    }

    [Fact]
    public void ToPublication_RoundTripsTheStoredFields()
    {
        var publications = TestCorpora.MetricsVectorPublications();
        var corpus = Corpus.Build(publications);

        corpus.Publications.Should().BeEquivalentTo(publications, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Add_SameSourceIdTwice_KeepsFirstAndReports()
    {
        var p = TestCorpora.FromCountries("W1", 2020, [["US"]]);
        var builder = new CorpusBuilder();

        builder.Add(p).Should().BeTrue();
        builder.Add(p with { Year = 2021 }).Should().BeFalse();
        var corpus = builder.Build();

        corpus.Count.Should().Be(1);
        corpus[0].Year.Should().Be(2020);
        corpus.Report.DuplicateIds.Should().Be(1);
        corpus.Report.Issues.Should().ContainSingle(i => i.Kind == global::CollabMetrics.IO.IngestIssueKind.DuplicateId);
    }

    [Fact]
    public void Add_SameDoiFromTwoSources_MergesOnce()
    {
        var a = TestCorpora.FromCountries("W1", 2020, [["US"]]) with { Doi = "https://doi.org/10.1/ABC", Source = PublicationSource.OpenAlex };
        var b = TestCorpora.FromCountries("WOS:1", 2020, [["US"]]) with { Doi = "10.1/abc", Source = PublicationSource.WebOfScience };
        var c = TestCorpora.FromCountries("WOS:2", 2020, [["US"]]) with { Doi = "", Source = PublicationSource.WebOfScience };
        var d = TestCorpora.FromCountries("WOS:3", 2020, [["US"]]) with { Doi = null, Source = PublicationSource.WebOfScience };

        var corpus = Corpus.Build([a, b, c, d]);

        corpus.Count.Should().Be(3);
        corpus.Report.DuplicateDois.Should().Be(1);
        corpus[0].Doi.Should().Be("10.1/abc");
    }

    [Fact]
    public void Filters_ReturnViewsThatCompose()
    {
        var pubs = new[]
        {
            TestCorpora.FromCountries("A", 2019, [["CN"], ["US"]], "Quantum"),
            TestCorpora.FromCountries("B", 2020, [["CN"]], "AI", "Quantum"),
            TestCorpora.FromCountries("C", 2021, [["PK"]], "AI"),
            TestCorpora.FromCountries("D", null, [["PK"]], "AI"),
        };
        var corpus = Corpus.Build(pubs);

        corpus.Years(2020, 2021).Records.Select(r => r.Id).Should().Equal("B", "C");
        corpus.InTechnology("Quantum").Records.Select(r => r.Id).Should().Equal("A", "B");
        corpus.InTechnology("Quantum").Years(2020, 2024).Records.Select(r => r.Id).Should().Equal("B");
        corpus.WithCountry(Country.Parse("PK")).Count.Should().Be(2);
        corpus.Where(r => r.Year is null).Records.Single().Id.Should().Be("D");
        corpus.Years(2020, 2021).IsView.Should().BeTrue();
        corpus.YearsPresent().Should().Equal(2019, 2020, 2021);
        corpus.Report.PublicationsWithoutYear.Should().Be(1);
    }

    [Fact]
    public void Years_EndBeforeStart_Throws() =>
        FluentActions.Invoking(() => Corpus.Empty.Years(2020, 2019)).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void Build_Twice_Throws()
    {
        var builder = new CorpusBuilder();
        builder.Build();
        FluentActions.Invoking(builder.Build).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Institutions_AreInternedByIdAcrossPublications()
    {
        Affiliation Mit() => new() { InstitutionId = "I1", InstitutionName = "MIT", Country = Country.UnitedStates };
        var pubs = new[]
        {
            new Publication { Id = "A", Year = 2020, Authors = [new Author { Affiliations = [Mit()] }] },
            new Publication { Id = "B", Year = 2020, Authors = [new Author { Affiliations = [Mit(), new Affiliation { InstitutionName = "Tsinghua", Country = Country.China }] }] },
        };

        var corpus = Corpus.Build(pubs);

        corpus.Institutions.Select(i => i.Key).Should().Equal("I1", "Tsinghua");
        corpus[1].ToPublication().Authors[0].Affiliations.Select(a => a.InstitutionName).Should().Equal("MIT", "Tsinghua");
    }

    [Fact]
    public void StorageBytes_IsSmallPerPublication()
    {
        var corpus = Corpus.Build(Enumerable.Range(0, 1000).Select(i =>
            TestCorpora.FromCountries($"P{i}", 2020, [["CN"], ["CN"], ["US"], ["US"], ["CN"], ["CN"]], "T")),
            CorpusOptions.Default with { KeepAuthorIds = false });

        // 6 affiliations (24 bytes) + year, offsets, source and id reference (23 bytes) + one technology (2 bytes).
        (corpus.StorageBytes / (double)corpus.Count).Should().BeLessThan(52);
    }
}
