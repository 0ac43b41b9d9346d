using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.Metrics;
using CollabMetrics.Model;
using CollabMetrics.Tests.Aggregation;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests;

/// <summary>
/// Retracted works, paratext and hyper-authored works left out when a corpus is built, counted by reason; document
/// types chosen by views; the same from files streamed without a corpus.
/// </summary>
public sealed class DocumentFilterTests : IDisposable
{
    private static readonly CorpusOptions s_keepAll = CorpusOptions.Default with { Documents = DocumentFilter.None };
    private readonly string _directory = Directory.CreateTempSubdirectory("collabmetrics-documents-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Build_Default_LeavesOutRetractedAndParatextAndCountsThem()
    {
        var corpus = Corpus.Build(
        [
            Work("W1", DocumentType.Article),
            Work("W2", DocumentType.Article) with { IsRetracted = true },
            Work("W3", DocumentType.Paratext),
            Work("W4", DocumentType.Other) with { IsParatext = true },
            Work("W5", DocumentType.Review) with { IsRetracted = true, IsParatext = true },
        ]);

        corpus.Records.Select(r => r.Id).Should().Equal("W1");
        corpus.Report.Excluded.Should().BeEquivalentTo(new Dictionary<ExclusionReason, long>
        {
            [ExclusionReason.Retracted] = 2,
            [ExclusionReason.Paratext] = 2,
        });
        corpus.Report.ExcludedTotal.Should().Be(4);
        corpus.Report.Accepted.Should().Be(1);
        corpus.Report.ToString().Should().Contain("Left out: 4").And.Contain("Retracted: 2");
    }

    [Fact]
    public void Build_FilterNone_KeepsEveryWorkWithItsFlags()
    {
        var corpus = Corpus.Build([Work("W1", DocumentType.Article) with { IsRetracted = true }, Work("W2", DocumentType.Paratext)], s_keepAll);

        corpus.Count.Should().Be(2);
        corpus[0].IsRetracted.Should().BeTrue();
        corpus[1].IsParatext.Should().BeTrue();
        corpus[1].DocumentType.Should().Be(DocumentType.Paratext);
        corpus.Report.ExcludedTotal.Should().Be(0);
    }

    [Fact]
    public void Build_MaxAuthors_LeavesOutHyperAuthoredWorksUnderTheFirstReason()
    {
        var options = CorpusOptions.Default with { Documents = DocumentFilter.Default with { MaxAuthors = 3 } };

        var corpus = Corpus.Build(
        [
            Work("W1", DocumentType.Article, authors: 3),
            Work("W2", DocumentType.Article, authors: 4),
            Work("W3", DocumentType.Article, authors: 500) with { IsRetracted = true },
        ], options);

        corpus.Records.Select(r => r.Id).Should().Equal("W1");
        corpus.Report.Excluded.Should().BeEquivalentTo(new Dictionary<ExclusionReason, long>
        {
            [ExclusionReason.TooManyAuthors] = 1,
            [ExclusionReason.Retracted] = 1,
        });
        FluentActions.Invoking(() => DocumentFilter.Default with { MaxAuthors = 0 }).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Build_OneRecordOfAWorkRetracted_TheMergedWorkIsLeftOutWhateverTheOrder()
    {
        var fromOpenAlex = Work("W1", DocumentType.Article) with { Doi = "10.1/a", Source = PublicationSource.OpenAlex, IsRetracted = true };
        var fromWos = Work("WOS:1", DocumentType.Article) with { Doi = "10.1/a", Source = PublicationSource.WebOfScience };
        var other = Work("W2", DocumentType.Article);

        foreach (var order in new[] { new[] { fromOpenAlex, fromWos, other }, [fromWos, other, fromOpenAlex] })
        {
            var corpus = Corpus.Build(order);

            corpus.Records.Select(r => r.Id).Should().Equal("W2");
            corpus.Report.DuplicateDois.Should().Be(1);
            corpus.Report.Excluded[ExclusionReason.Retracted].Should().Be(1);
            (corpus.Report.Accepted + corpus.Report.ExcludedTotal + corpus.Report.DuplicateDois).Should().Be(3);
        }
    }

    [Fact]
    public void Build_MergedRecords_FirstKnownTypeAndTruncatedOnlyWhenTheLongestListIs()
    {
        var truncated = Work("W1", DocumentType.Unknown, authors: 2) with { Doi = "10.1/a", Source = PublicationSource.OpenAlex, AuthorsTruncated = true };
        var complete = Work("WOS:1", DocumentType.Review, authors: 3) with { Doi = "10.1/a", Source = PublicationSource.WebOfScience };
        var alone = Work("W2", DocumentType.Article, authors: 2) with { AuthorsTruncated = true };

        var corpus = Corpus.Build([truncated, complete, alone]);

        corpus.Count.Should().Be(2);
        corpus[0].DocumentType.Should().Be(DocumentType.Review, "the OpenAlex record gives no type, the next record does");
        corpus[0].AuthorsTruncated.Should().BeFalse("the Web of Science record lists more authors, without a cut");
        corpus[1].AuthorsTruncated.Should().BeTrue();
        corpus.Report.AuthorsTruncated.Should().Be(1);
        corpus.Report.ToString().Should().Contain("Author lists cut short by the source: 1");
    }

    [Fact]
    public void OfTypes_MixedCorpus_KeepsTheNamedTypes()
    {
        var corpus = Corpus.Build([Work("W1", DocumentType.Article), Work("W2", DocumentType.Review), Work("W3", DocumentType.Letter), Work("W4", DocumentType.Unknown)]);

        corpus.OfTypes(DocumentType.Article, DocumentType.Review).Records.Select(r => r.Id).Should().Equal("W1", "W2");
        corpus.OfTypes("Letter", "unknown").Records.Select(r => r.Id).Should().Equal("W3", "W4");
        corpus.Years(2020, 2020).OfTypes("review").Count.Should().Be(1);
        FluentActions.Invoking(() => corpus.OfTypes("leter")).Should().Throw<FormatException>().WithMessage("'leter' is not a document type*");
        FluentActions.Invoking(() => corpus.OfTypes(Array.Empty<DocumentType>())).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void OfTypes_CorpusWithoutAnyType_ThrowsInsteadOfAnEmptyView()
    {
        var corpus = Corpus.Build([Work("W1", DocumentType.Unknown), Work("W2", DocumentType.Unknown)]);

        var view = () => corpus.OfTypes(DocumentType.Article);

        view.Should().Throw<ArgumentException>().WithMessage("*no publication of the corpus has a document type*").Which.ParamName.Should().Be("types");
    }

    [Fact]
    public void Report_RandomWorks_EveryRecordAccountedFor()
    {
        Gen.Select(Gen.Int[0, 300], Gen.Int[0, 1000], Gen.Int[1, 6]).Sample((count, seed, maxAuthors) =>
        {
            var works = WithDocuments(RandomCorpora.Seeded(count, seed), seed);
            var filter = DocumentFilter.Default with { MaxAuthors = maxAuthors };

            var corpus = Corpus.Build(works, CorpusOptions.Default with { Documents = filter });

            // Independently: the works the filter leaves out, by first reason (every work has a distinct id and DOI).
            var expected = works.Select(w => w.IsRetracted ? ExclusionReason.Retracted : w.IsParatext || w.DocumentType == DocumentType.Paratext ? ExclusionReason.Paratext : w.Authors.Count > maxAuthors ? ExclusionReason.TooManyAuthors : (ExclusionReason?)null).ToList();
            corpus.Records.Select(r => r.Id).Should().Equal(works.Where((_, i) => expected[i] is null).Select(w => w.Id));
            corpus.Report.Excluded.Should().BeEquivalentTo(expected.Where(r => r is not null).GroupBy(r => r!.Value).ToDictionary(g => g.Key, g => (long)g.Count()));
            corpus.Report.AuthorsTruncated.Should().Be(works.Where((_, i) => expected[i] is null).Count(w => w.AuthorsTruncated));
            (corpus.Report.Accepted + corpus.Report.ExcludedTotal).Should().Be(count);
        }, iter: 30);
    }

    [Fact]
    public void PublicationFiles_RandomFilesWithTypesAndFlags_SameCubeReportAndTablesAsTheCorpus()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, 1000], Gen.Int[2, 5]).Sample((count, seed, maxAuthors) =>
        {
            var paths = WriteFiles(count, seed);
            var options = CorpusOptions.Default with { Documents = DocumentFilter.Default with { MaxAuthors = maxAuthors } };
            var read = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };
            var corpus = Corpus.FromFiles(paths, read, options);
            var files = PublicationFiles.Open(paths, read, options);

            CubeAssert.Identical(files.BuildCube(), CollaborationCube.Build(corpus));
            files.Report!.ToString().Should().Be(corpus.Report.ToString());
            SameAnswer(
                () => files.OfTypes(DocumentType.Article, DocumentType.Review).Countries().Units().ByYear().Compute().ToCsv(),
                () => corpus.OfTypes(DocumentType.Article, DocumentType.Review).Countries().Units().ByYear().Compute().ToCsv());
            SameAnswer(
                () => files.OfTypes(DocumentType.Article).OfTypes(DocumentType.Article, DocumentType.Letter).Countries().Pairs().Compute().ToCsv(),
                () => corpus.OfTypes(DocumentType.Article).OfTypes(DocumentType.Article, DocumentType.Letter).Countries().Pairs().Compute().ToCsv());
            SameAnswer(
                () => files.OfTypes(DocumentType.Letter).OfTypes(DocumentType.Review).Countries().Pairs().Compute().ToCsv(),
                () => corpus.OfTypes(DocumentType.Letter).OfTypes(DocumentType.Review).Countries().Pairs().Compute().ToCsv());
        }, iter: 15);
    }

    [Fact]
    public void PublicationFiles_FilesWithoutTypes_OfTypesThrowsAsTheCorpusView()
    {
        var path = Path.Combine(_directory, "plain.csv");
        File.WriteAllText(path, "publication_id,year,author_position,country\nW1,2020,1,US\nW2,2020,1,CN\n");

        var query = () => PublicationFiles.Open([path]).OfTypes(DocumentType.Article).Countries().Units().Compute();

        query.Should().Throw<ArgumentException>().WithMessage("*document type*").Which.ParamName.Should().Be("types");
    }

    [Fact]
    public void OfTypes_TypeNoPublicationHas_ThrowsNamingTheTypesTheCorpusHas()
    {
        var corpus = Corpus.Build([Work("W1", DocumentType.Article), Work("W2", DocumentType.Article), Work("W3", DocumentType.Review), Work("W4", DocumentType.Unknown)]);

        var view = () => corpus.OfTypes(DocumentType.Letter, DocumentType.Note);

        view.Should().Throw<ArgumentException>()
            .WithMessage("No publication of the corpus is of types letter, note; the types present are article (2), review (1), unknown (1).*")
            .Which.ParamName.Should().Be("types");
        corpus.OfTypes(DocumentType.Letter, DocumentType.Review).Count.Should().Be(1, "one of the types is there: the others are real zeros");
        corpus.OfTypes(DocumentType.Review).OfTypes(DocumentType.Article).Count.Should().Be(0, "types the corpus has that select nothing together give an empty view");
        corpus.Years(2020, 2020).OfTypes(DocumentType.Unknown).Count.Should().Be(1);
    }

    [Fact]
    public void PublicationFiles_TypeNoPublicationHas_ThrowsAsTheCorpusView()
    {
        var path = Path.Combine(_directory, "typed.csv");
        File.WriteAllText(path, "publication_id,year,author_position,country,document_type\nW1,2020,1,US,article\nW2,2020,1,CN,review\nW3,2021,1,CN,article\n");

        var query = () => PublicationFiles.Open([path]).Years(2021, 2021).OfTypes(DocumentType.Letter).Countries().Units().Compute();

        query.Should().Throw<ArgumentException>()
            .WithMessage("No publication of the files is of type letter; the types present are article (2), review (1).*")
            .Which.ParamName.Should().Be("types");
        var outside = () => PublicationFiles.Open([path]).Years(1990, 1995).OfTypes(DocumentType.Letter).Countries().Units().Compute();
        outside.Should().Throw<ArgumentOutOfRangeException>("years are checked before types, as a chain of corpus views checks them").Which.ParamName.Should().Be("from");
        PublicationFiles.Open([path]).Years(2021, 2021).OfTypes(DocumentType.Review).Countries().Units().Compute().ToCsv()
            .Should().Be(Corpus.FromFile(path).Years(2021, 2021).OfTypes(DocumentType.Review).Countries().Units().Compute().ToCsv(), "a type the files have is a real zero in a year without it");
    }

    private static void SameAnswer(Func<string> streamed, Func<string> fromCorpus)
    {
        string? expected = null;
        Exception? expectedError = null;
        try
        {
            expected = fromCorpus();
        }
        catch (ArgumentException ex)
        {
            expectedError = ex;
        }

        if (expectedError is null)
        {
            streamed().Should().Be(expected);
        }
        else
        {
            streamed.Should().Throw<ArgumentException>().WithMessage(expectedError.Message.Replace("the corpus", "the files", StringComparison.Ordinal));
        }
    }

    private static Publication Work(string id, DocumentType type, int authors = 1) =>
        TestCorpora.FromCountries(id, 2020, [.. Enumerable.Range(0, authors).Select(a => new[] { a % 2 == 0 ? "US" : "CN" })]) with { DocumentType = type };

    /// <summary>Seeded document types and flags on publications with distinct ids and DOIs.</summary>
    private static Publication[] WithDocuments(Publication[] works, int seed)
    {
        var random = new Random(seed);
        DocumentType[] types = [DocumentType.Article, DocumentType.Review, DocumentType.Letter, DocumentType.Paratext, DocumentType.Unknown];
        return [.. works.Select((w, k) => w with
        {
            Doi = $"10.1000/{k}",
            DocumentType = types[random.Next(types.Length)],
            IsRetracted = random.Next(10) == 0,
            IsParatext = random.Next(12) == 0,
            AuthorsTruncated = random.Next(5) == 0,
        })];
    }

    /// <summary>Two CollabMetrics CSV files of seeded works with document types and flags; the second repeats some ids of the first.</summary>
    private string[] WriteFiles(int count, int seed)
    {
        var works = WithDocuments(RandomCorpora.Seeded(count, seed), seed);
        var unique = new CorpusOptions { DetectDuplicateIds = false, MergeByDoi = false, Documents = DocumentFilter.None };
        int split = (2 * count) / 3;
        var first = Path.Combine(_directory, $"{seed}-{count}-a.csv");
        var second = Path.Combine(_directory, $"{seed}-{count}-b.csv");
        CollabMetricsCsvWriter.ToFile(Corpus.Build(works[..split], unique), first);
        CollabMetricsCsvWriter.ToFile(Corpus.Build(works[(split / 2)..], unique), second);
        return [first, second];
    }
}
