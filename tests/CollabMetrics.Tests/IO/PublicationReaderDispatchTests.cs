using CollabMetrics.IO;
using CollabMetrics.IO.Scopus;
using CollabMetrics.IO.WebOfScience;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO;

public class PublicationReaderDispatchTests
{
    [Theory]
    [InlineData(PublicationFormat.WebOfScience, typeof(WebOfScienceReader))]
    [InlineData(PublicationFormat.WebOfScienceTab, typeof(WebOfScienceTabReader))]
    [InlineData(PublicationFormat.Scopus, typeof(ScopusReader))]
    public void For_AddressFormats_ReturnsTheirReader(PublicationFormat format, Type expected) =>
        PublicationReader.For(format).Should().BeOfType(expected);

    [Fact]
    public void ReadFile_RealExportsOfEveryFormat_DetectsAndReadsEachRecord()
    {
        // Record counts from the fixtures' provenance note (Fixtures/SOURCES.md).
        PublicationReader.ReadFile(Fixtures.WosPlain500).Should().HaveCount(500);
        PublicationReader.ReadFile(Fixtures.WosTab71).Should().HaveCount(71);
        PublicationReader.ReadFile(Fixtures.Scopus58).Should().HaveCount(58);
        PublicationReader.ReadFile(Fixtures.OpenAlexWorks50).Should().HaveCount(50);
    }

    [Fact]
    public void FromFiles_MixedFormats_BuildsOneCorpusWithOneReport()
    {
        var corpus = Corpus.FromFiles([Fixtures.WosPlain500, Fixtures.Scopus58, Fixtures.OpenAlexWorks50]);

        corpus.Report.RecordsRead.Should().Be(608);
        (corpus.Count + corpus.Report.ExcludedTotal + corpus.Report.DuplicateIds + corpus.Report.DuplicateDois).Should().Be(608);
        corpus.Report.Files.Should().HaveCount(3);
    }
}
