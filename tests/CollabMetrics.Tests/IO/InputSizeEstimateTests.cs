using System.IO.Compression;
using System.Text;
using CollabMetrics.IO;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Tests.IO;

public class InputSizeEstimateTests
{
    [Fact]
    public void WorksIn_JsonLines_CountsTheCompleteLines()
    {
        InputSizeEstimate.WorksIn("{\"id\":\"W1\"}\n{\"id\":\"W2\"}\r\n{\"id\":\"W3\""u8).Should().Be(2);
    }

    [Theory]
    [InlineData("[\n  {\"id\": \"W1\"},\n  {\"id\": \"W2\"}\n]\n")]
    [InlineData("{\n  \"id\": \"W1\"\n}\n")]
    [InlineData("Id,Year,Country\nP1,2020,FR\n")]
    [InlineData("FN Clarivate Analytics Web of Science\nVR 1.0\n")]
    [InlineData("{\"id\":\"W1\"}")]
    public void WorksIn_NotJsonLinesOrNoCompleteLine_GivesZero(string sample)
    {
        InputSizeEstimate.WorksIn(Encoding.UTF8.GetBytes(sample)).Should().Be(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Publications_JsonLinesFiles_EstimatesTheWorksOfEveryFile(bool gzip)
    {
        var random = new Random(7);
        var first = Write(random, 6_000, gzip);
        var second = Write(random, 3_000, gzip);
        try
        {
            long estimate = InputSizeEstimate.Publications([first, second], PublicationFormat.Auto, minimumBytes: 0);

            // Works vary in length, so the first megabyte's works per byte is close to the whole's, not exact.
            estimate.Should().BeInRange(7_200, 10_800);
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Fact]
    public void CsvPublicationsIn_RunsOfRowsWithOneId_CountedOnceEachAndThePartialRowLeftOut()
    {
        // publication_id is the second column; a quoted institution holds a comma and a line break; the last row is cut.
        var sample = "year,publication_id,institution_name\r\n2020,P1,\"Univ, A\"\r\n2020,P1,B\r\n2021,\"P2\",\"C\nD\"\r\n2021,P3,E\n2021,P3,F\n2022,P4"u8;

        InputSizeEstimate.CsvPublicationsIn(sample).Should().Be(3);
        InputSizeEstimate.RecordsIn(sample, PublicationFormat.CollabMetricsCsv).Should().Be(3);
    }

    [Theory]
    [InlineData("Id,Year,Country\nP1,2020,FR\n")]
    [InlineData("publication_id,year")]
    [InlineData("")]
    public void CsvPublicationsIn_NoPublicationIdColumnOrNoCompleteRow_GivesZero(string sample)
    {
        InputSizeEstimate.CsvPublicationsIn(Encoding.UTF8.GetBytes(sample)).Should().Be(0);
    }

    [Fact]
    public void RecordsIn_WebOfScienceAndScopus_CountsCompleteRecords()
    {
        var wos = "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smith, J\nER\n\nPT J\nAU Doe, A\nER \r\n\nPT J\nAU Roe"u8;
        var tab = "PT\tAU\tUT\nJ\tSmith, J\tWOS:1\nJ\tDoe, \"A\"\tWOS:2\nJ\tRoe"u8;
        var scopus = "Authors,Title,EID\nSmith J.,\"A title,\nover two lines\",2-s2.0-1\nDoe A.,B,2-s2.0-2\nRoe"u8;

        InputSizeEstimate.RecordsIn(wos, PublicationFormat.WebOfScience).Should().Be(2);
        InputSizeEstimate.RecordsIn(tab, PublicationFormat.WebOfScienceTab).Should().Be(2);
        InputSizeEstimate.RecordsIn(scopus, PublicationFormat.Scopus).Should().Be(2);
        InputSizeEstimate.RecordsIn("Authors,Title,EID"u8, PublicationFormat.Scopus).Should().Be(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Publications_CsvFile_EstimatesItsPublications(bool gzip)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cm-estimate-{Guid.NewGuid():N}.csv{(gzip ? ".gz" : string.Empty)}");
        SyntheticCorpus.ToCsvFile(new SyntheticCorpusOptions { Publications = 8_000, Seed = 5 }, path);
        try
        {
            new FileInfo(path).Length.Should().BeGreaterThan(InputSizeEstimate.SampleBytes / (gzip ? 8 : 1));

            long estimate = InputSizeEstimate.Publications([path], PublicationFormat.Auto, minimumBytes: 0);

            // Publications vary in rows and years, so the first megabyte's publications per byte is close to the whole's.
            estimate.Should().BeInRange(6_000, 10_000);
            InputSizeEstimate.Publications([path], PublicationFormat.CollabMetricsCsv, minimumBytes: 0).Should().Be(estimate);
            InputSizeEstimate.OfInputs([Path.GetDirectoryName(path)! + Path.DirectorySeparatorChar + Path.GetFileName(path)], PublicationFormat.Auto)
                .Should().Be(InputSizeEstimate.Publications([path], PublicationFormat.Auto));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OfInputs_MissingInput_GivesZeroWithoutThrowing()
    {
        InputSizeEstimate.OfInputs([Path.Combine(Path.GetTempPath(), $"cm-missing-{Guid.NewGuid():N}.csv")], PublicationFormat.Auto).Should().Be(0);
    }

    [Fact]
    public void Publications_FormatOtherThanTheContentOrSmallInputStandardInputOrMissingFile_GivesZero()
    {
        var path = Write(new Random(3), 2_000, gzip: false);
        try
        {
            InputSizeEstimate.Publications([path], PublicationFormat.WebOfScience, minimumBytes: 0).Should().Be(0);
            InputSizeEstimate.Publications([path], PublicationFormat.CollabMetricsCsv, minimumBytes: 0).Should().Be(0);
            InputSizeEstimate.Publications([path], PublicationFormat.Auto).Should().Be(0, "under the default minimum size");
            InputSizeEstimate.Publications([path, PublicationReader.StandardInputPath], PublicationFormat.Auto, minimumBytes: 0).Should().Be(0);
            InputSizeEstimate.Publications([path + ".missing"], PublicationFormat.Auto, minimumBytes: 0).Should().Be(0);
            InputSizeEstimate.Publications([], PublicationFormat.Auto, minimumBytes: 0).Should().Be(0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Publications_CorruptGzip_GivesZeroWithoutThrowing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cm-estimate-{Guid.NewGuid():N}.jsonl.gz");
        File.WriteAllBytes(path, [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        try
        {
            InputSizeEstimate.Publications([path], PublicationFormat.Auto, minimumBytes: 0).Should().Be(0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A JSON Lines file of <paramref name="works"/> works of 200 to 1,200 bytes.</summary>
    private static string Write(Random random, int works, bool gzip)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cm-estimate-{Guid.NewGuid():N}.jsonl{(gzip ? ".gz" : string.Empty)}");
        using var file = File.Create(path);
        using Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        var line = new StringBuilder();
        for (int i = 0; i < works; i++)
        {
            line.Clear().Append("{\"id\":\"https://openalex.org/W").Append(i).Append("\",\"display_name\":\"");
            int length = random.Next(150, 1_150);
            for (int c = 0; c < length; c++)
            {
                line.Append((char)('a' + random.Next(26)));
            }

            line.Append("\"}\n");
            output.Write(Encoding.UTF8.GetBytes(line.ToString()));
        }

        return path;
    }
}
