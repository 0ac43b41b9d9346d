using CollabMetrics.IO;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests;

public class CorpusFilesTests
{
    [Fact]
    public void FromFile_OpenAlexFixture_BuildsTheCorpusWithOneReport()
    {
        var corpus = Corpus.FromFile(Fixtures.OpenAlexWorks50);

        // One work is retracted: read, then left out and counted.
        corpus.Count.Should().Be(49);
        corpus.Report.RecordsRead.Should().Be(50);
        corpus.Report.Accepted.Should().Be(49);
        corpus.Report.Excluded.Should().Equal(new Dictionary<ExclusionReason, long> { [ExclusionReason.Retracted] = 1 });
        corpus.Report.SkippedTotal.Should().Be(0);
        corpus.Report.Files.Should().Equal(Fixtures.OpenAlexWorks50);
        corpus.Report.BytesRead.Should().Be(new FileInfo(Fixtures.OpenAlexWorks50).Length);
    }

    [Fact]
    public async Task FromFilesAsync_SameWorksAsJsonAndAsCsv_DropsTheRepeatsAndReportsThem()
    {
        var keepAll = CorpusOptions.Default with { Documents = DocumentFilter.None };
        var original = Corpus.FromFile(Fixtures.OpenAlexWorks50, corpusOptions: keepAll);
        using var csv = TempFile.Named(".csv");
        original.ToCsvFile(csv.Path);

        var both = await Corpus.FromFilesAsync([Fixtures.OpenAlexWorks50, csv.Path], corpusOptions: keepAll);

        // The CSV keeps each work's source, so every repeat is caught by its (source, id).
        both.Count.Should().Be(50);
        both.Report.RecordsRead.Should().Be(100);
        both.Report.DuplicateIds.Should().Be(50);
        both.Report.Files.Should().Equal(Fixtures.OpenAlexWorks50, csv.Path);
        both.Report.MergeConflicts.Should().Be(0);
        both.Publications.Should().BeEquivalentTo(original.Publications, PublicationEquivalence.CsvFields);

        // Each publication is merged from its two records: the author names the CSV does not carry come from the JSON.
        both.Publications.SelectMany(p => p.Authors).Select(a => a.Name)
            .Should().Equal(original.Publications.SelectMany(p => p.Authors).Select(a => a.Name));
        both.Records.Select(r => r.Position.File).Should().OnlyContain(f => f == Fixtures.OpenAlexWorks50 || f == csv.Path);
    }

    [Fact]
    public void FromFiles_EveryFixtureGzippedUnderNeutralNames_DetectsEachFormatAndReadsEveryRecord()
    {
        string[] fixtures = [Fixtures.OpenAlexWorks50, Fixtures.WosPlain500, Fixtures.WosTab71, Fixtures.Scopus58];
        var files = fixtures.Select(f => TempFile.WithBytes(".gz", File.ReadAllBytes(f))).ToList();
        try
        {
            var corpus = Corpus.FromFiles(files.Select(f => f.Path), ReadOptions.Default with { ErrorMode = ErrorMode.Lenient });

            // Record counts from Fixtures/SOURCES.md.
            corpus.Report.RecordsRead.Should().Be(50 + 500 + 71 + 58);
            corpus.Report.Files.Should().Equal(files.Select(f => f.Path));
            corpus.Report.Skipped.Should().NotContainKey(SkipReason.UnrecognisedFormat);
            corpus.Report.BytesRead.Should().Be(files.Sum(f => new FileInfo(f.Path).Length));
            corpus.Records.Select(r => r.Source).Distinct().Should().BeEquivalentTo([PublicationSource.OpenAlex, PublicationSource.WebOfScience, PublicationSource.Scopus]);
        }
        finally
        {
            files.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void FromFiles_OneMissingFile_ThrowsBeforeReadingAny()
    {
        var act = () => Corpus.FromFiles([Fixtures.OpenAlexWorks50, Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.csv")]);

        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void FromFiles_NoFile_ThrowsArgumentException()
    {
        var act = () => Corpus.FromFiles([]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task FromFileAsync_LenientWithABadLine_KeepsTheRestAndReportsIt()
    {
        using var file = TempFile.WithText(".jsonl", "{\"id\":\"W1\",\"publication_year\":2020}\n{\"id\":\"W2\",\"publication_year\":\"soon\"}\n{\"id\":\"W3\",\"publication_year\":2021}\n");

        var corpus = await Corpus.FromFileAsync(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient });

        corpus.Publications.Select(p => p.Id).Should().Equal("W1", "W3");
        corpus.Report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.InvalidYear] = 1 });
        corpus.Report.PublicationsWithoutCountry.Should().Be(2);
        corpus.Publications.Should().OnlyContain(p => p.Source == PublicationSource.OpenAlex);
    }
}
