using CsCheck;
using CollabMetrics.Geography;
using CollabMetrics.IO;
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
    public void Add_SameSourceIdTwice_MergesAndReports()
    {
        var p = TestCorpora.FromCountries("W1", 2020, [["US"]]);
        var builder = new CorpusBuilder();

        builder.Add(p).Should().BeTrue();
        builder.Add(p with { Year = 2021, Position = new SourcePosition("later.json", 9, 4) }).Should().BeFalse();
        var corpus = builder.Build();

        corpus.Count.Should().Be(1);
        corpus[0].Year.Should().Be(2020, "the record without a file comes first in the merge order");
        corpus.Report.DuplicateIds.Should().Be(1);
        corpus.Report.Issues.Should().ContainSingle(i => i.Kind == IngestIssueKind.DuplicateId)
            .Which.Position.Should().Be(new SourcePosition("later.json", 9, 4));
        corpus.Report.MergeConflicts.Should().Be(1);
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
    public void Add_NullAuthor_ThrowsAndLeavesTheBuilderUsable()
    {
        var builder = new CorpusBuilder();
        var bad = new Publication { Id = "bad", Year = 2020, Technologies = ["New label"], Authors = [new Author(), null!] };

        FluentActions.Invoking(() => builder.Add(bad)).Should().Throw<ArgumentException>().WithMessage("*'bad'*author at position 2*");
        builder.Add(TestCorpora.FromCountries("good", 2020, [["US"]])).Should().BeTrue();
        var corpus = builder.Build();

        corpus.Count.Should().Be(1);
        corpus[0].Id.Should().Be("good");
        corpus[0].Countries.Select(c => c.Code).Should().Equal("US");
    }

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
    public void InTechnology_LabelNoPublicationCarries_ThrowsNamingTheClosestLabels()
    {
        var corpus = Corpus.Build([TestCorpora.FromCountries("P1", 2020, [["US"]], "Quantum computing")]);

        var view = () => corpus.InTechnology("Quantum computin");

        view.Should().Throw<ArgumentException>().WithParameterName("technologies")
            .WithMessage("No publication of the corpus is labelled 'Quantum computin'*closest: 'Quantum computing'*");
        corpus.InTechnology("Quantum computing").Count.Should().Be(1);
    }

    [Fact]
    public void Years_OutsideTheCorpusYears_ThrowsNamingThem()
    {
        var corpus = Corpus.Build([TestCorpora.FromCountries("P1", 2010, [["US"]]), TestCorpora.FromCountries("P2", 2013, [["US"]])]);

        FluentActions.Invoking(() => corpus.Years(1990, 2009)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("No publication of the corpus is of 1990-2009 (the years with publications are 2010-2013).*");
        FluentActions.Invoking(() => corpus.Year(2014)).Should().Throw<ArgumentOutOfRangeException>();
        corpus.Year(2011).Count.Should().Be(0, "a year inside the corpus's years without publications is a real zero");
        corpus.Years(2005, 2010).Count.Should().Be(1);
        corpus.Year(2011).Years(2013, 2013).Count.Should().Be(0, "the underlying corpus's years decide, not the view's");
    }

    [Fact]
    public void Institutions_NamedDifferently_TakeTheMostFrequentNameWhateverTheOrder()
    {
        Publication Paper(string id, string? name, Country country) => new()
        {
            Id = id,
            Year = 2020,
            Authors = [new Author { Affiliations = [new Affiliation { InstitutionId = "I1", InstitutionName = name, Country = country }] }],
        };
        var pubs = new[]
        {
            Paper("A", "Massachusetts Inst Technol", Country.UnitedStates),
            Paper("B", "MIT", Country.UnitedStates),
            Paper("C", null, Country.China),
            Paper("D", "MIT", Country.China),
            Paper("E", "  ", Country.UnitedStates),
        };

        var forward = Corpus.Build(pubs);
        var backward = Corpus.Build(pubs.Reverse());

        forward.Institutions.Should().Equal(new Institution("I1", "MIT", Country.UnitedStates));
        backward.Institutions.Should().Equal(forward.Institutions);
        forward.Publications.Select(p => p.Authors[0].Affiliations[0].InstitutionName)
            .Should().Equal("Massachusetts Inst Technol", "MIT", null, "MIT", "  ");
    }

    [Fact]
    public void Institutions_TiedNames_TakeTheOrdinallySmallestWhateverTheOrder()
    {
        Publication Paper(string id, string name, string country) => new()
        {
            Id = id,
            Year = 2020,
            Authors = [new Author { Affiliations = [new Affiliation { InstitutionId = "I1", InstitutionName = name, Country = Country.Parse(country) }] }],
        };
        var pubs = new[] { Paper("A", "Zeta", "US"), Paper("B", "Alpha", "DE") };

        Corpus.Build(pubs).Institutions.Should().Equal(new Institution("I1", "Alpha", Country.Parse("DE")));
        Corpus.Build(pubs.Reverse()).Institutions.Should().Equal(new Institution("I1", "Alpha", Country.Parse("DE")));
    }

    [Fact]
    public void Institutions_ShuffledPublications_AreTheSameSet()
    {
        var affiliation = Gen.Select(Gen.OneOf<string?>(null, "I1", "I2"), Gen.OneOf<string?>(null, "", "A", "B", "C"), Gen.OneOf("", "FR", "US", "CN"), (id, name, code) =>
            new Affiliation { InstitutionId = id, InstitutionName = name, Country = code.Length == 0 ? Country.Unknown : Country.Parse(code) });
        var publications = affiliation.Array[1, 4].Array[1, 12].Select(papers => papers.Select((affiliations, i) =>
            new Publication { Id = $"P{i}", Year = 2020, Authors = [new Author { Affiliations = affiliations }] }).ToList());

        Gen.Select(publications, Gen.Int).Sample(
            (list, seed) =>
            {
                var random = new Random(seed);
                List<Publication> shuffled = [.. list.OrderBy(_ => random.Next())];

                var a = Corpus.Build(list).Institutions.OrderBy(i => i.Key, StringComparer.Ordinal);
                var b = Corpus.Build(shuffled).Institutions.OrderBy(i => i.Key, StringComparer.Ordinal);

                b.Should().Equal(a);
            },
            iter: 200);
    }

    [Fact]
    public void Build_SharedAndCopiedStringInstances_GiveTheSameCorpus()
    {
        // Readers hand out one string instance for a repeated value; the builder must not depend on it.
        var text = Gen.OneOf<string?>(null, "", " ", "I1", "I2", "Univ A", "Univ B");
        var affiliation = Gen.Select(text, text, text, Gen.OneOf("", "FR", "US"), (id, name, address, code) =>
            new Affiliation { InstitutionId = id, InstitutionName = name, Address = address, Country = code.Length == 0 ? Country.Unknown : Country.Parse(code) });
        var publications = affiliation.Array[0, 4].Array[1, 5].Array[1, 12].Select(papers => papers.Select((authors, i) =>
            new Publication { Id = $"P{i}", Year = 2020, Authors = [.. authors.Select(list => new Author { Affiliations = list })] }).ToList());
        static string? Copy(string? s) => s is null ? null : new string(s.AsSpan());

        publications.Sample(
            list =>
            {
                var copies = list.Select(p => p with
                {
                    Authors = [.. p.Authors.Select(a => a with
                    {
                        Affiliations = [.. a.Affiliations.Select(f => f with { InstitutionId = Copy(f.InstitutionId), InstitutionName = Copy(f.InstitutionName), Address = Copy(f.Address) })],
                    })],
                }).ToList();

                var shared = Corpus.Build(list);
                var copied = Corpus.Build(copies);

                copied.Institutions.Should().Equal(shared.Institutions);
                copied.Publications.Should().BeEquivalentTo(shared.Publications, o => o.WithStrictOrdering());
            },
            iter: 200);
    }

    [Fact]
    public void Publications_RecordWithNamesAddressesAndPosition_GivesThemBack()
    {
        var publication = new Publication
        {
            Id = "WOS:1",
            Source = PublicationSource.WebOfScience,
            Position = new SourcePosition("savedrecs.txt", 42, 3),
            Year = 2021,
            Authors =
            [
                new Author
                {
                    Name = "Russell, Thomas P.",
                    IsCorresponding = true,
                    Affiliations =
                    [
                        new Affiliation { InstitutionName = "Univ Massachusetts", Address = "Univ Massachusetts, Amherst, MA 01003 USA", Country = Country.UnitedStates },
                        new Affiliation { Address = "Nowhere Inst, Atlantis", Country = Country.Unknown },
                    ],
                },
                new Author { Name = "Sun, Zhiwei", Id = "A2", Affiliations = [] },
            ],
        };

        var back = Corpus.Build([publication]).Publications.Single();

        back.Should().BeEquivalentTo(publication);
        back.Authors[0].Id.Should().BeNull("a name key is not an id");
    }

    [Fact]
    public void Publications_RealExports_GiveBackWhatTheReadersRead()
    {
        foreach (var path in new[] { Fixtures.OpenAlexWorks50, Fixtures.WosPlain500, Fixtures.WosTab71, Fixtures.Scopus58 })
        {
            var read = PublicationReader.ReadFile(path).ToList();
            var corpus = Corpus.FromFile(path, corpusOptions: CorpusOptions.Default with { Documents = DocumentFilter.None });

            corpus.Count.Should().Be(read.Count, path);
            corpus.Publications.Select(Comparable).Should().BeEquivalentTo(read.Select(Comparable), o => o.WithStrictOrdering(), path);
            corpus.Records.Select(r => r.Position.Record).Should().Equal(read.Select(p => p.Position.Record));
            corpus.Records.Should().OnlyContain(r => r.Position.File == path && r.Position.Record > 0);
        }
    }

    [Fact]
    public void Build_KeepRecordDetailsOff_DropsNamesAddressesAndPositions()
    {
        var full = Corpus.FromFile(Fixtures.WosPlain500);
        var lean = Corpus.FromFile(Fixtures.WosPlain500, corpusOptions: CorpusOptions.Default with { KeepRecordDetails = false });

        full.Publications.SelectMany(p => p.Authors).Should().Contain(a => a.Name != null);
        full.Publications.SelectMany(p => p.Authors).SelectMany(a => a.Affiliations).Should().Contain(f => f.Address != null);
        lean.Publications.SelectMany(p => p.Authors).Should().OnlyContain(a => a.Name == null);
        lean.Publications.SelectMany(p => p.Authors).SelectMany(a => a.Affiliations).Should().OnlyContain(f => f.Address == null);
        lean.Records.Should().OnlyContain(r => r.Position == default);
        lean.Records.Select(r => string.Join(",", r.Countries)).Should().Equal(full.Records.Select(r => string.Join(",", r.Countries)));
        lean.StorageBytes.Should().BeLessThan(full.StorageBytes / 2);
    }

    /// <summary>The fields a corpus keeps, with technologies as a set and affiliations with nothing known left out (the corpus does not give those back).</summary>
    private static object Comparable(Publication p) => new
    {
        p.Id,
        p.Source,
        p.Position,
        p.Doi,
        p.Year,
        p.Citations,
        p.DocumentType,
        p.IsRetracted,
        p.IsParatext,
        p.AuthorsTruncated,
        Technologies = p.Technologies.Order(StringComparer.Ordinal).ToList(),
        Authors = p.Authors.Select(a => new
        {
            a.Name,
            a.Id,
            a.IsCorresponding,
            Affiliations = a.Affiliations
                .Where(f => f.Country.IsKnown || f.Address != null || !string.IsNullOrWhiteSpace(f.InstitutionId) || !string.IsNullOrWhiteSpace(f.InstitutionName))
                .Select(f => new { f.InstitutionId, f.InstitutionName, f.Address, f.Country })
                .ToList(),
        }).ToList(),
    };

    [Fact]
    public void StorageBytes_IsSmallPerPublication()
    {
        var corpus = Corpus.Build(Enumerable.Range(0, 1000).Select(i =>
            TestCorpora.FromCountries($"P{i}", 2020, [["CN"], ["CN"], ["US"], ["US"], ["CN"], ["CN"]], "T")),
            CorpusOptions.Default with { KeepAuthorIds = false, KeepRecordDetails = false });

        // 6 affiliations (24 bytes) + year, offsets and source (11 bytes) + one technology (2 bytes) + the front-coded id
        // ("P0" to "P999": about 3 bytes).
        (corpus.StorageBytes / (double)corpus.Count).Should().BeLessThan(42);
    }
}
