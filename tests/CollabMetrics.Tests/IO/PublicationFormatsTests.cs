using System.IO.Compression;
using System.Text;
using CollabMetrics.IO;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO;

public class PublicationFormatsTests
{
    public static TheoryData<string, PublicationFormat> FixtureFiles => new()
    {
        { Fixtures.OpenAlexWorks50, PublicationFormat.OpenAlex },
        { Fixtures.WosPlain500, PublicationFormat.WebOfScience },
        { Fixtures.WosTab71, PublicationFormat.WebOfScienceTab },
        { Fixtures.Scopus58, PublicationFormat.Scopus },
    };

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Detect_RealExportFile_RecognisesItsFormat(string path, PublicationFormat expected)
    {
        PublicationFormats.Detect(path).Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Detect_RealExportFileGzippedUnderAnotherName_RecognisesItFromTheContent(string path, PublicationFormat expected)
    {
        using var file = TempFile.WithBytes(".data.gz", File.ReadAllBytes(path));
        using var renamed = TempFile.Named(".bin");
        File.Move(file.Path, renamed.Path);

        PublicationFormats.Detect(renamed.Path).Should().Be(expected);
    }

    [Theory]
    [InlineData("{\"id\":\"https://openalex.org/W1\",\"authorships\":[]}\n", PublicationFormat.OpenAlex)]
    [InlineData("  \n{\"meta\":{\"count\":0},\"results\":[]}", PublicationFormat.OpenAlex)]
    [InlineData("[{\"id\":\"https://openalex.org/W1\"}]", PublicationFormat.OpenAlex)]
    [InlineData("FN Clarivate Analytics Web of Science\nVR 1.0\n", PublicationFormat.WebOfScience)]
    [InlineData("PT J\nAU Smith, J\n", PublicationFormat.WebOfScience)]
    [InlineData("PT\tAU\tTI\tUT\r\nJ\tSmith\tX\tWOS:1\r\n", PublicationFormat.WebOfScienceTab)]
    [InlineData("\"Authors\",\"Title\",\"Year\",\"Source title\",\"EID\"\n", PublicationFormat.Scopus)]
    [InlineData("Authors,Authors with affiliations,Title\n", PublicationFormat.Scopus)]
    [InlineData("publication_id,year,author_position,country\nP1,2020,1,FR\n", PublicationFormat.CollabMetricsCsv)]
    [InlineData("hello\n{\"id\":\"https://openalex.org/W1\",\"authorships\":[]}\n", PublicationFormat.OpenAlex)]
    [InlineData("42\r\n\r\n{\"publication_year\":2020}\n", PublicationFormat.OpenAlex)]
    public void TryDetect_Content_RecognisesTheFormat(string content, PublicationFormat expected)
    {
        PublicationFormats.TryDetect(Encoding.UTF8.GetBytes(content), out var format).Should().BeTrue();
        format.Should().Be(expected);
        PublicationFormats.TryDetect([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(content)], out var withBom).Should().BeTrue();
        withBom.Should().Be(expected);
    }

    [Theory]
    [InlineData("{\"name\":\"not a work\"}")]
    [InlineData("PT\tAU\tTI\n")]
    [InlineData("a,b,c\n1,2,3\n")]
    [InlineData("hello\n{\"name\":\"not a work\"}\n")]
    [InlineData("a,b,c\n1,2,\"{\"\"authorships\"\": 1}\"\n")]
    [InlineData("")]
    public void TryDetect_OtherContent_ReturnsFalse(string content)
    {
        PublicationFormats.TryDetect(Encoding.UTF8.GetBytes(content), out var format).Should().BeFalse();
        format.Should().Be(PublicationFormat.Auto);
    }

    [Fact]
    public void Detect_UnrecognisedFile_ThrowsNamingTheFileAndWhatWasSeen()
    {
        using var file = TempFile.WithText(".csv", "name,age\nAda,36\n");

        var act = () => PublicationFormats.Detect(file.Path);

        var ex = act.Should().Throw<IngestException>().Which;
        ex.Reason.Should().Be(SkipReason.UnrecognisedFormat);
        ex.Message.Should().Contain(file.Path).And.Contain("\"name,age\"");
    }

    [Fact]
    public void Detect_SeekableStream_RestoresThePosition()
    {
        var bytes = File.ReadAllBytes(Fixtures.Scopus58);
        using var stream = new MemoryStream(bytes);

        PublicationFormats.Detect(stream).Should().Be(PublicationFormat.Scopus);
        stream.Position.Should().Be(0);
    }

    [Fact]
    public void Detect_GzipStream_DecompressesTheHead()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(File.ReadAllBytes(Fixtures.WosPlain500));
        }

        compressed.Position = 0;
        PublicationFormats.Detect(compressed).Should().Be(PublicationFormat.WebOfScience);
        compressed.Position.Should().Be(0);
    }

    [Fact]
    public void Detect_NonSeekableStream_ThrowsArgumentException()
    {
        using var stream = new GZipStream(new MemoryStream(), CompressionMode.Decompress);

        var act = () => PublicationFormats.Detect(stream);

        act.Should().Throw<ArgumentException>().WithMessage("*seekable*");
    }
}
