using CollabMetrics.IO;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO;

/// <summary>
/// Files built to take a reader down (a few MB of gzip expanding to gigabytes, millions of authors or rows): every
/// reader stops at a limit of <see cref="ReadLimits"/> with <see cref="SkipReason.TooLarge"/>, its memory bounded
/// by the limits (measured as the bytes this thread allocated, an upper bound of its peak) and its time linear in
/// the input (a generous hang guard, not a timing).
/// </summary>
public class HostileInputTests
{
    private const long Mib = 1 << 20;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);

    private const string WosHeader = "FN Clarivate Analytics Web of Science\nVR 1.0\n";
    private const string WosGood = "PT J\nAU Smith, J\nC1 [Smith, J] Univ Paris, Paris, France.\nPY 2020\nUT WOS:000000000000002\nER\n\nEF\n";
    private const string OpenAlexGood = "{\"id\":\"https://openalex.org/W2\",\"publication_year\":2020,\"authorships\":[]}";
    private const string ScopusHeader = "Authors,Author(s) ID,Title,Year,Affiliations,EID\n";
    private const string CsvHeader = "publication_id,year,author_position,country,institution_name\n";

    public static TheoryData<string> Formats => ["openalex-lines", "openalex-array", "wos", "wos-tab", "scopus", "csv"];

    /// <summary>One record with a single field of <paramref name="gib"/> GiB, then a good record.</summary>
    private static TempFile HugeField(string format, double gib, int blockBytes = 1 << 20)
    {
        long repeat = (long)(gib * 1024 * Mib / blockBytes);
        string a = HostileGzip.Block("a", blockBytes);
        return format switch
        {
            "openalex-lines" => HostileGzip.Create("{\"id\":\"https://openalex.org/W1\",\"title\":\"", a, repeat, "\",\"publication_year\":2020}\n" + OpenAlexGood + "\n"),
            "openalex-array" => HostileGzip.Create("[{\"id\":\"https://openalex.org/W1\",\"title\":\"", a, repeat, "\"},\n" + OpenAlexGood + "]"),
            "wos" => HostileGzip.Create(WosHeader + "PT J\nAU Doe, J\nTI ", a, repeat, "\nPY 2020\nUT WOS:000000000000001\nER\n\n" + WosGood),
            "wos-tab" => HostileGzip.Create("PT\tAU\tTI\tPY\tUT\nJ\tDoe, J\t", a, repeat, "\t2020\tWOS:1\nJ\tSmith, J\tOk\t2021\tWOS:2\n"),
            "scopus" => HostileGzip.Create(ScopusHeader + "\"Doe J.\",\"1\",\"", a, repeat, "\",2020,\"Univ Paris, Paris, France\",\"2-s2.0-1\"\n\"Smith J.\",\"2\",\"Ok\",2021,\"Univ Paris, Paris, France\",\"2-s2.0-2\"\n"),
            _ => HostileGzip.Create(CsvHeader + "P1,2020,1,FR,\"", a, repeat, "\"\nP2,2021,1,DE,Ok\n"),
        };
    }

    private static (List<Publication> Read, Exception? Error, long Allocated) Run(string path, ReadOptions options, IngestReport report) =>
        Run([path], options, report);

    private static (List<Publication> Read, Exception? Error, long Allocated) Run(string[] paths, ReadOptions options, IngestReport report)
    {
        var publications = new List<Publication>();
        Exception? error = null;
        long allocated = 0;
        var task = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                foreach (var publication in PublicationReader.ReadFiles(paths, options, report))
                {
                    publications.Add(publication);
                }
            }
            catch (IngestException ex)
            {
                error = ex;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        task.Wait(HangGuard).Should().BeTrue("reading must end in time linear in the input, whatever it holds");
        return (publications, error, allocated);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void ReadFile_TwoGibFieldStrict_TooLargeNamingFileRecordAndLimit_MemoryBounded(string format)
    {
        using var file = HugeField(format, gib: 2);
        new FileInfo(file.Path).Length.Should().BeLessThan(8 * Mib, "a few MB of gzip");

        var (read, error, allocated) = Run(file.Path, ReadOptions.Default, new IngestReport());

        read.Should().BeEmpty();
        var ingest = error.Should().BeOfType<IngestException>().Subject;
        ingest.Reason.Should().Be(SkipReason.TooLarge);
        ingest.Message.Should().Contain(file.Path).And.Contain("ReadLimits.Max").And.Contain("--max-");
        allocated.Should().BeLessThan(700 * Mib, "memory is bounded by the 64 MiB record limit, not by the 2 GiB field");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void ReadFile_HugeFieldLenient_SkippedCountedAndTheNextRecordReadWhereTheFormatAllows(string format)
    {
        using var file = HugeField(format, gib: 0.25, blockBytes: 1 << 16);
        var limits = ReadLimits.Default with { MaxRecordBytes = 4 << 20, MaxFieldBytes = 1 << 20 };
        var report = new IngestReport();
        using var next = TempFile.WithText(".jsonl", OpenAlexGood.Replace("W2", "W3", StringComparison.Ordinal) + "\n");

        var (read, error, allocated) = Run([file.Path, next.Path], ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Limits = limits }, report);

        error.Should().BeNull();
        read.Where(p => p.Position.File == next.Path).Should().ContainSingle("the next file is read");
        read.RemoveAll(p => p.Position.File == next.Path);
        report.TooLarge.Should().Be(1);
        allocated.Should().BeLessThan(200 * Mib, "the 256 MiB field is never buffered");
        if (format is "scopus")
        {
            // The Scopus CSV parser cannot find the next row after a row over the limit: the file ends there, reported.
            read.Should().BeEmpty();
            report.Issues.Should().ContainSingle(i => i.Reason == SkipReason.TooLarge).Which.Message.Should().Contain("rest of the file");
        }
        else
        {
            read.Should().ContainSingle().Which.Year.Should().BeOneOf(2020, 2021);
        }

        (report.RecordsRead - report.SkippedTotal).Should().Be(read.Count + 1);
    }

    [Fact]
    public void ReadFile_OpenAlexWorkWithMillionsOfAuthorships_TooLarge()
    {
        using var file = HostileGzip.Create("{\"id\":\"https://openalex.org/W1\",\"authorships\":[", HostileGzip.Block("{},", 3 << 16), 16, "{}]}\n" + OpenAlexGood + "\n");
        var report = new IngestReport();

        var (read, _, allocated) = Run(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report);

        read.Should().ContainSingle().Which.Id.Should().Be("https://openalex.org/W2");
        report.Issues.Should().ContainSingle(i => i.Reason == SkipReason.TooLarge).Which.Message.Should().Contain("MaxAuthors");
        allocated.Should().BeLessThan(300 * Mib);
    }

    [Fact]
    public void ReadFile_CsvPublicationWithMillionsOfRows_TooLarge()
    {
        using var file = HostileGzip.Create(CsvHeader, HostileGzip.Block("P1,2020,1,FR,\n", 13 << 16), 32, "P2,2021,1,DE,\n");
        var report = new IngestReport();

        var (read, _, allocated) = Run(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report);

        read.Should().ContainSingle().Which.Id.Should().Be("P2");
        report.Issues.Should().ContainSingle(i => i.Reason == SkipReason.TooLarge).Which.Message.Should().Contain("MaxAffiliations");
        allocated.Should().BeLessThan(600 * Mib, "memory is bounded by the row limit, not by the two million rows");
    }

    [Fact]
    public void ReadFile_WosOnlyContinuationLines_OneMalformedRecordMemoryBounded()
    {
        using var file = HostileGzip.Create(WosHeader, HostileGzip.Block("   continued\n", 13 << 16), 64, string.Empty);
        var report = new IngestReport();

        var (read, error, allocated) = Run(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report);

        read.Should().BeEmpty();
        error.Should().BeOfType<IngestException>().Which.Message.Should().Contain("no publication could be read");
        report.RecordsRead.Should().Be(1, "the lines outside any record are one bad record, not millions");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.Malformed] = 1 });
        allocated.Should().BeLessThan(2L * 1024 * Mib, "the lines are not kept");
    }

    [Fact]
    public void ReadFile_ScopusCellWithMillionsOfAffiliations_TooLarge()
    {
        using var file = HostileGzip.Create(ScopusHeader + "\"Doe J.\",\"1\",\"T\",2020,\"", HostileGzip.Block("Univ X, Paris, France; ", 23 << 16), 40, "Univ Y, Rome, Italy\",\"2-s2.0-1\"\n");
        var report = new IngestReport();

        var (read, error, allocated) = Run(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Limits = ReadLimits.Default with { MaxFieldBytes = 64 << 20 } }, report);

        read.Should().BeEmpty();
        error.Should().BeOfType<IngestException>();
        report.Issues.Should().ContainSingle(i => i.Reason == SkipReason.TooLarge).Which.Message.Should().Contain("MaxAffiliations");
        allocated.Should().BeLessThan(1024 * Mib);
    }
}
