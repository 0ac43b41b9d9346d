using System.Text;
using CollabMetrics.IO;
using CollabMetrics.Synthetic;
using CollabMetrics.Tests.IO.OpenAlex;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO;

/// <summary>
/// Gzip inputs read as one table is asked for: the same tables and report as the plain file at every thread count,
/// and a damaged member trailer (its CRC-32 or its length) an error that names the file.
/// </summary>
public class GzipInputTests
{
    private static readonly int[] Threads = [1, 2, 3, 4];

    [Fact]
    public void PublicationFiles_CsvGzipAtOneToFourThreads_SameTablesAndReportAsThePlainFile()
    {
        using var plain = TempFile.Named(".csv");
        SyntheticCorpus.ToCsvFile(SyntheticCorpusOptions.Default with { Seed = 13, Publications = 4000 }, plain.Path);
        var bytes = File.ReadAllBytes(plain.Path);
        bytes.Length.Should().BeGreaterThan(4 * ReadAheadStream.BlockSize, "the decompressor hands over several blocks");
        using var gz = TempFile.WithBytes(".csv.gz", bytes);

        var reference = Tables(plain.Path, threads: 1);
        reference.Pairs.Should().Contain("\n", "the corpus has co-publications");
        foreach (int threads in Threads)
        {
            Tables(gz.Path, threads).Should().Be(reference, $"{threads} threads");
        }
    }

    [Theory]
    [InlineData(".csv.gz", "crc")]
    [InlineData(".csv.gz", "length")]
    [InlineData(".jsonl.gz", "crc")]
    [InlineData(".jsonl.gz", "length")]
    public void ReadFiles_GzipWithADamagedTrailerAtOneToFourThreads_TheSameErrorNamingTheFile(string extension, string damaged)
    {
        var text = extension == ".csv.gz" ? Csv(3000) : Jsonl(3000);
        var gz = GzipBytes.Of(text);

        // The trailer: CRC-32 of the data, then its length, little-endian.
        gz[damaged == "crc" ? gz.Length - 8 : gz.Length - 4] ^= 0x41;
        using var file = TempFile.Named(extension);
        File.WriteAllBytes(file.Path, gz);

        (List<string> Ids, List<IngestIssue> Issues, string Error)? reference = null;
        foreach (int threads in Threads)
        {
            var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = threads };
            var report = new IngestReport();
            var ids = PublicationReader.ReadFiles([file.Path], options, report).Select(p => p.Id).ToList();
            var strict = () => PublicationReader.ReadFiles([file.Path], options with { ErrorMode = ErrorMode.Strict }).ToList();
            var error = strict.Should().Throw<IngestException>().Which;

            error.Position.File.Should().Be(file.Path, $"{threads} threads");
            error.Message.Should().Contain(file.Path).And.Contain("gzip");
            error.Reason.Should().Be(SkipReason.Malformed, "a member whose CRC-32 or length does not match its data is corrupt, not cut off");
            report.Issues.Should().ContainSingle(i => i.Kind == IngestIssueKind.Skipped).Which.Position.File.Should().Be(file.Path);
            ids.Should().HaveCountGreaterThan(1000).And.Equal(Enumerable.Range(1, ids.Count).Select(w => $"W{w}"), "the records decompressed before the failing read are read, in order");
            reference ??= (ids, [.. report.Issues], error.Message);
            ids.Should().Equal(reference.Value.Ids, $"{threads} threads");
            report.Issues.Should().Equal(reference.Value.Issues, $"{threads} threads");
            error.Message.Should().Be(reference.Value.Error, $"{threads} threads");
        }
    }

    private static (string Pairs, string Countries, long Records, long Skipped) Tables(string path, int threads)
    {
        var files = PublicationFiles.Open([path], ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = threads });
        string pairs = files.Countries().Pairs().ByYear().Compute().ToCsv();
        string countries = files.Countries().Units().ByYear().Compute().ToCsv();
        return (pairs, countries, files.Report!.RecordsRead, files.Report.SkippedTotal);
    }

    private static byte[] Csv(int publications) => Encoding.UTF8.GetBytes(
        "publication_id,year,author_position,author_id,institution_id,institution_name,country,technologies,citations\n"
        + string.Concat(Enumerable.Range(1, publications).Select(p => $"W{p},2020,1,A{p},I1,Lab,FR,,1\nW{p},2020,2,B{p},I2,Inst,{(p % 2 == 0 ? "DE" : "US")},,1\n")));

    private static byte[] Jsonl(int works) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, works).Select(w =>
        OpenAlexReaderTests.Work($"W{w}", authorships: $"[{OpenAlexReaderTests.Authorship("[\"FR\"]")},{OpenAlexReaderTests.Authorship("[\"DE\"]")}]") + "\n")));
}
