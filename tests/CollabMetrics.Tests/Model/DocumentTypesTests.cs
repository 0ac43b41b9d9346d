using System.Text;
using System.Text.Json;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Model;

public class DocumentTypesTests
{
    [Fact]
    public void ToName_EveryValue_ParsesBackToItself()
    {
        foreach (var type in Enum.GetValues<DocumentType>())
        {
            var name = type.ToName();
            name.Should().MatchRegex("^[a-z]+(-[a-z]+)*$");
            DocumentTypes.Parse(name).Should().Be(type);
            DocumentTypes.Parse(type.ToString()).Should().Be(type);
        }

        DocumentTypes.AllNames.Should().OnlyHaveUniqueItems().And.HaveCount(Enum.GetValues<DocumentType>().Length);
    }

    [Theory]
    [InlineData("book-chapter", DocumentType.BookChapter)]
    [InlineData("Book Chapter", DocumentType.BookChapter)]
    [InlineData("book_chapter", DocumentType.BookChapter)]
    [InlineData("BOOKCHAPTER", DocumentType.BookChapter)]
    [InlineData(" review ", DocumentType.Review)]
    [InlineData("conference-paper", DocumentType.ConferencePaper)]
    public void Parse_SpellingVariants_SameValue(string text, DocumentType expected) =>
        DocumentTypes.Parse(text).Should().Be(expected);

    [Fact]
    public void Parse_UnknownName_FormatExceptionListingTheNames()
    {
        var parse = () => DocumentTypes.Parse("articel");

        parse.Should().Throw<FormatException>().WithMessage("'articel' is not a document type; use article, review, *");
        DocumentTypes.TryParse(null, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("article", DocumentType.Article)]
    [InlineData("book-chapter", DocumentType.BookChapter)]
    [InlineData("paratext", DocumentType.Paratext)]
    [InlineData("supplementary-materials", DocumentType.SupplementaryMaterials)]
    [InlineData("peer-review", DocumentType.PeerReview)]
    [InlineData("libguides", DocumentType.Other)]
    [InlineData("a-type-added-later", DocumentType.Other)]
    [InlineData("", DocumentType.Unknown)]
    public void FromOpenAlex_TypeValues_Normalised(string value, DocumentType expected) =>
        DocumentTypes.FromOpenAlex(value).Should().Be(expected);

    [Theory]
    [InlineData("Article", DocumentType.Article, false)]
    [InlineData("Article; Proceedings Paper", DocumentType.Article, false)]
    [InlineData("Proceedings Paper", DocumentType.ConferencePaper, false)]
    [InlineData("Review; Early Access", DocumentType.Review, false)]
    [InlineData("Editorial Material; Book Chapter", DocumentType.Editorial, false)]
    [InlineData("Correction, Addition", DocumentType.Erratum, false)]
    [InlineData("Article; Retracted Publication", DocumentType.Article, true)]
    [InlineData("Retracted Publication", DocumentType.Other, true)]
    [InlineData("Retraction", DocumentType.Retraction, false)]
    [InlineData("News Item", DocumentType.Other, false)]
    [InlineData("News Item; Article", DocumentType.Article, false)]
    [InlineData("Meeting Abstract", DocumentType.MeetingAbstract, false)]
    [InlineData(null, DocumentType.Unknown, false)]
    public void FromWebOfScience_DtValues_TypeAndRetractedFlag(string? value, DocumentType expected, bool retracted)
    {
        DocumentTypes.FromWebOfScience(value, out bool flag).Should().Be(expected);
        flag.Should().Be(retracted);
    }

    [Theory]
    [InlineData("Article", DocumentType.Article, false)]
    [InlineData("Conference Paper", DocumentType.ConferencePaper, false)]
    [InlineData("Short Survey", DocumentType.Review, false)]
    [InlineData("Erratum", DocumentType.Erratum, false)]
    [InlineData("Retracted", DocumentType.Other, true)]
    [InlineData("Conference Review", DocumentType.Other, false)]
    [InlineData("", DocumentType.Unknown, false)]
    public void FromScopus_DocumentTypeValues_TypeAndRetractedFlag(string value, DocumentType expected, bool retracted)
    {
        DocumentTypes.FromScopus(value, out bool flag).Should().Be(expected);
        flag.Should().Be(retracted);
    }

    [Fact]
    public void ReadFile_OpenAlexFixture_TypesAndFlagsAsTheJsonSays()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        var works = document.RootElement.EnumerateArray().ToList();

        var publications = PublicationReader.ReadFile(Fixtures.OpenAlexWorks50).ToList();

        publications.Select(p => p.DocumentType.ToName()).Should().Equal(works.Select(w => w.GetProperty("type").GetString()));
        publications.Select(p => p.IsRetracted).Should().Equal(works.Select(w => w.GetProperty("is_retracted").GetBoolean()));
        publications.Select(p => p.IsParatext).Should().Equal(works.Select(w => w.GetProperty("is_paratext").GetBoolean()));
        publications.Count(p => p.DocumentType == DocumentType.Article).Should().Be(34);
        publications.Count(p => p.DocumentType == DocumentType.Review).Should().Be(15);
        publications.Where(p => p.IsRetracted).Select(p => p.Id).Should().Equal("https://openalex.org/W3193560119");
        publications.Should().OnlyContain(p => !p.AuthorsTruncated, "the fixture has no is_authors_truncated key");
    }

    [Fact]
    public void Read_OpenAlexDocumentFields_AllFourRead()
    {
        var json = """
            {"id": "W1", "type": "paratext", "is_retracted": false, "is_paratext": true, "is_authors_truncated": true}
            {"id": "W2", "type": "dataset", "is_retracted": true, "is_paratext": null, "is_authors_truncated": false}
            {"id": "W3"}
            """;

        var works = new OpenAlexReader().Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "w.jsonl").ToList();

        works.Select(w => (w.DocumentType, w.IsRetracted, w.IsParatext, w.AuthorsTruncated)).Should().Equal(
            (DocumentType.Paratext, false, true, true),
            (DocumentType.Dataset, true, false, false),
            (DocumentType.Unknown, false, false, false));
    }

    [Theory]
    [InlineData("""{"id": "W1", "type": "article", "type": "review"}""", "type")]
    [InlineData("""{"id": "W1", "is_retracted": true, "is_retracted": false}""", "is_retracted")]
    [InlineData("""{"id": "W1", "is_paratext": "yes"}""", "is_paratext")]
    [InlineData("""{"id": "W1", "is_authors_truncated": 1}""", "is_authors_truncated")]
    [InlineData("""{"id": "W1", "type": 3}""", "type")]
    public void Read_OpenAlexBadDocumentField_MalformedNamingTheField(string line, string field)
    {
        var read = () => new OpenAlexReader().Read(new MemoryStream(Encoding.UTF8.GetBytes(line)), "w.jsonl").ToList();

        read.Should().Throw<IngestException>().Where(e => e.Field == field && e.Reason == SkipReason.Malformed);
    }

    [Fact]
    public void ReadFile_WebOfScienceFixtures_TypesFromDt()
    {
        var plain = PublicationReader.ReadFile(Fixtures.WosPlain500).ToList();
        var tab = PublicationReader.ReadFile(Fixtures.WosTab71).ToList();

        // savedrecs-500: 344 "Article", 152 "Article; Proceedings Paper", 4 "Review".
        plain.Count(p => p.DocumentType == DocumentType.Article).Should().Be(496);
        plain.Count(p => p.DocumentType == DocumentType.Review).Should().Be(4);
        // savedrecs-71: 23 Article + 2 "Article; Book Chapter", 22 Proceedings Paper, 7 News Item + 1 Meeting + 1 Book,
        // 4 Meeting Abstract, 4 Correction, 3 "Editorial Material; Book Chapter" + 2 Editorial Material, 2 Review.
        tab.GroupBy(p => p.DocumentType).ToDictionary(g => g.Key, g => g.Count()).Should().BeEquivalentTo(new Dictionary<DocumentType, int>
        {
            [DocumentType.Article] = 25,
            [DocumentType.ConferencePaper] = 22,
            [DocumentType.Other] = 8,
            [DocumentType.Book] = 1,
            [DocumentType.MeetingAbstract] = 4,
            [DocumentType.Erratum] = 4,
            [DocumentType.Editorial] = 5,
            [DocumentType.Review] = 2,
        });
        plain.Concat(tab).Should().OnlyContain(p => !p.IsRetracted);
    }

    [Fact]
    public void ReadFile_ScopusFixture_TypesFromTheDocumentTypeColumn()
    {
        var publications = PublicationReader.ReadFile(Fixtures.Scopus58).ToList();

        // The column, counted from the end of each row (unheaded funding cells shift the others): 34 Article,
        // 9 Conference Paper, 9 Conference Review, 3 Review and 1 Short Survey, 1 Book Chapter, 1 Book.
        publications.GroupBy(p => p.DocumentType).ToDictionary(g => g.Key, g => g.Count()).Should().BeEquivalentTo(new Dictionary<DocumentType, int>
        {
            [DocumentType.Article] = 34,
            [DocumentType.ConferencePaper] = 9,
            [DocumentType.Other] = 9,
            [DocumentType.Review] = 4,
            [DocumentType.BookChapter] = 1,
            [DocumentType.Book] = 1,
        });
    }
}
