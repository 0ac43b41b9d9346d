using System.Text;
using CsCheck;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO.Csv;

public class CollabMetricsCsvWriterTests
{
    [Fact]
    public void ToStream_SmallCorpus_WritesTheDocumentedRows()
    {
        var corpus = Corpus.Build(
        [
            new Publication
            {
                Id = "P1",
                Source = PublicationSource.OpenAlex,
                Doi = "10.1/x",
                Year = 2021,
                Citations = 7,
                DocumentType = DocumentType.BookChapter,
                AuthorsTruncated = true,
                Technologies = ["AI", "Semi;conductors"],
                Authors =
                [
                    new Author
                    {
                        Id = "A1",
                        IsCorresponding = true,
                        Affiliations =
                        [
                            new Affiliation { InstitutionId = "I1", InstitutionName = "Univ, \"Big\"", Country = Country.Parse("FR") },
                            new Affiliation { Country = Country.Parse("DE") },
                        ],
                    },
                    new Author { Id = "A2" },
                ],
            },
            new Publication { Id = "P2" },
        ]);

        var text = WriteToString(corpus);

        text.Should().Be(
            "publication_id,source,doi,year,author_position,author_id,corresponding,institution_id,institution_name,country,technologies,citations,document_type,retracted,paratext,authors_truncated\n"
            + "P1,OpenAlex,10.1/x,2021,1,A1,true,I1,\"Univ, \"\"Big\"\"\",FR,AI;Semi\\;conductors,7,book-chapter,,,true\n"
            + "P1,OpenAlex,10.1/x,2021,1,A1,true,,,DE,AI;Semi\\;conductors,7,book-chapter,,,true\n"
            + "P1,OpenAlex,10.1/x,2021,2,A2,false,,,,AI;Semi\\;conductors,7,book-chapter,,,true\n"
            + "P2,Unknown,,,,,,,,,,,,,,\n");
    }

    [Fact]
    public void ToStream_TheDocumentedExampleReadBack_IsWrittenUnchanged()
    {
        const string Example = """
            publication_id,source,doi,year,author_position,author_id,corresponding,institution_id,institution_name,country,technologies,citations,document_type,retracted,paratext,authors_truncated
            W2741809807,OpenAlex,10.7717/peerj.4375,2021,1,A5023888391,true,I4210162190,"Université Paris Cité, Inserm",FR,Medicine;Biology,7,article,,,
            W2741809807,OpenAlex,10.7717/peerj.4375,2021,1,A5023888391,true,,,DE,Medicine;Biology,7,article,,,
            W2741809807,OpenAlex,10.7717/peerj.4375,2021,2,A5011122233,false,,,,Medicine;Biology,7,article,,,
            P-42,CollabMetricsCsv,,2020,,,,,,,,,,,,

            """;
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Example));
        var corpus = Corpus.Build(new CollabMetricsCsvReader().Read(input));

        WriteToString(corpus).Should().Be(Example.ReplaceLineEndings("\n"));
        corpus[0].Countries.Select(c => c.Code).Should().Equal("DE", "FR");
        corpus[1].AuthorCount.Should().Be(0);
    }

    [Fact]
    public void RoundTrip_Works50Fixture_GivesIdenticalPublications()
    {
        using var stream = File.OpenRead(Fixtures.OpenAlexWorks50);
        var corpus = Corpus.Build(
            new OpenAlexReader().Read(stream, options: ReadOptions.Default with { Technologies = TechnologyMapping.Identity }),
            CorpusOptions.Default with { Documents = DocumentFilter.None });

        var again = RoundTrip(corpus);

        again.Count.Should().Be(50);
        again.Publications.Select(p => (p.DocumentType, p.IsRetracted)).Should().Contain((DocumentType.Review, true));
        again.Publications.Should().BeEquivalentTo(corpus.Publications, PublicationEquivalence.CsvFields);
    }

    [Fact]
    public void RoundTrip_EdgeCases_GivesIdenticalPublications()
    {
        var publications = new List<Publication>(TestCorpora.MetricsVectorPublications())
        {
            new() { Id = "no-authors", Source = PublicationSource.Scopus, Year = 1999 },
            new() { Id = "no-year", Technologies = ["back\\slash", "semi;colon", "plain"], Citations = 0 },
            new()
            {
                Id = "names",
                Source = PublicationSource.WebOfScience,
                Doi = "10.5555/ÄÖ",
                Year = 2024,
                Authors =
                [
                    new Author { Affiliations = [new Affiliation { InstitutionName = "Université \"Paris\",\nCité", Country = Country.Parse("FR") }] },
                    new Author { Id = "X", IsCorresponding = true, Affiliations = [new Affiliation { InstitutionId = "I9" }] },
                    new Author(),
                    new Author { Affiliations = [new Affiliation { Country = Country.Parse("XK") }, new Affiliation { Country = Country.Parse("JP") }] },
                ],
            },
        };
        var corpus = Corpus.Build(publications);

        var again = RoundTrip(corpus);

        again.Publications.Should().BeEquivalentTo(corpus.Publications, PublicationEquivalence.CsvFields);
        again.Publications.Select(p => p.Source).Should().Equal(corpus.Publications.Select(p => p.Source));
    }

    [Fact]
    public void RoundTrip_OneInstitutionUnderSeveralNames_KeepsEachAffiliationsName()
    {
        Publication Paper(string id, string? name) => new()
        {
            Id = id,
            Year = 2020,
            Authors = [new Author { Affiliations = [new Affiliation { InstitutionId = "I1", InstitutionName = name, Country = Country.Parse("FR") }] }],
        };
        var corpus = Corpus.Build([Paper("A", null), Paper("B", "Sorbonne"), Paper("C", "Sorbonne Univ")]);

        var again = RoundTrip(corpus);

        again.Publications.Should().BeEquivalentTo(corpus.Publications, PublicationEquivalence.CsvFields);
        again.Publications.Select(p => p.Authors[0].Affiliations[0].InstitutionName).Should().Equal(null, "Sorbonne", "Sorbonne Univ");
        again.Institutions.Should().Equal(corpus.Institutions);
    }

    [Fact]
    public void RoundTrip_RandomCorpora_GiveIdenticalPublications()
    {
        // Text made of the characters CSV, the technology list and the model treat specially.
        var text = Gen.String[Gen.Char[" ab,;\\\"\n\r\tÉ"], 1, 6];
        var optionalText = Gen.Frequency((2, Gen.Const<string?>((string?)null)), (3, text.Select(t => (string?)t)));
        var country = Gen.OneOf("", "FR", "DE", "US", "CN", "XK");
        // Institution ids start with "I", which names never contain: a corpus keys institutions by id, else by name,
        // and an id equal to another institution's name would merge the two.
        var affiliation = Gen.Select(optionalText, optionalText, country, (id, name, code) =>
            new Affiliation { InstitutionId = id is null ? null : "I" + id, InstitutionName = name, Country = code.Length == 0 ? Country.Unknown : Country.Parse(code) });
        var author = Gen.Select(optionalText, Gen.Bool, affiliation.Array[0, 3], (id, corresponding, affiliations) =>
            new Author { Id = id, IsCorresponding = corresponding, Affiliations = affiliations });
        var publication = Gen.Select(
            Gen.OneOf(PublicationSource.OpenAlex, PublicationSource.Scopus, PublicationSource.CollabMetricsCsv, PublicationSource.Unknown),
            Gen.Frequency((1, Gen.Const<int?>((int?)null)), (4, Gen.Int[1000, 2999].Select(y => (int?)y))),
            Gen.Frequency((1, Gen.Const<int?>((int?)null)), (2, Gen.Int[0, 5000].Select(c => (int?)c))),
            optionalText,
            text.Array[0, 3],
            author.Array[0, 4],
            (source, year, citations, doi, technologies, authors) => (source, year, citations, doi, technologies, authors));
        var corpusGen = publication.Array[0, 8].Select(items => items.Select((p, i) => new Publication
        {
            Id = $"id,{i}\"",
            Source = p.source,
            Year = p.year,
            Citations = p.citations,
            Doi = p.doi is null ? null : "10.1/" + p.doi,
            Technologies = p.technologies,
            Authors = p.authors,
        }).ToList());

        corpusGen.Sample(
            publications =>
            {
                var corpus = Corpus.Build(publications);
                RoundTrip(corpus).Publications.Should().BeEquivalentTo(corpus.Publications, PublicationEquivalence.CsvFields);
            },
            iter: 200);
    }

    [Fact]
    public void RoundTrip_View_WritesOnlyTheViewsPublications()
    {
        var corpus = TestCorpora.MetricsVector().WithCountry(Country.Parse("PK"));

        var again = RoundTrip(corpus);

        again.Publications.Select(p => p.Id).Should().Equal("P2", "P3", "P9", "P10");
    }

    [Fact]
    public async Task ToFileAsync_GzName_WritesACompressedFileThatReadsBack()
    {
        using var file = TempFile.Named(".csv.gz");
        var corpus = TestCorpora.MetricsVector();

        await corpus.ToCsvFileAsync(file.Path);
        var again = await Corpus.FromFileAsync(file.Path);

        var head = new byte[2];
        using (var raw = File.OpenRead(file.Path))
        {
            raw.ReadExactly(head);
        }

        head.Should().Equal(0x1F, 0x8B);
        again.Publications.Should().BeEquivalentTo(corpus.Publications, PublicationEquivalence.CsvFields);
    }

    [Fact]
    public void ToFile_PlainName_WritesUtf8WithoutByteOrderMark()
    {
        using var file = TempFile.Named(".csv");

        TestCorpora.MetricsVector().ToCsvFile(file.Path);

        var bytes = File.ReadAllBytes(file.Path);
        Encoding.UTF8.GetString(bytes).Should().StartWith("publication_id,source,");
        PublicationFormats.Detect(file.Path).Should().Be(PublicationFormat.CollabMetricsCsv);
    }

    [Fact]
    public async Task ToStreamAsync_WritesTheSameAsToStream()
    {
        var corpus = TestCorpora.MetricsVector();
        using var stream = new MemoryStream();

        await corpus.ToCsvAsync(stream);

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(WriteToString(corpus));
        corpus.ToCsv().Should().Be(WriteToString(corpus), "ToCsv() returns the text ToCsv(Stream) writes");
    }

    private static string WriteToString(Corpus corpus)
    {
        using var stream = new MemoryStream();
        corpus.ToCsv(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Corpus RoundTrip(Corpus corpus)
    {
        using var stream = new MemoryStream();
        corpus.ToCsv(stream);
        stream.Position = 0;
        return Corpus.Build(new CollabMetricsCsvReader().Read(stream, "roundtrip.csv"), CorpusOptions.Default with { Documents = DocumentFilter.None });
    }
}
