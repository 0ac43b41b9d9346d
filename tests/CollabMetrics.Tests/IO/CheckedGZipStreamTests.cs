using System.IO.Compression;
using System.Text;
using CollabMetrics.IO;
using CollabMetrics.Tests.IO.OpenAlex;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.IO;

public class CheckedGZipStreamTests
{
    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] gz)
    {
        using var stream = new CheckedGZipStream(new MemoryStream(gz));
        var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Text(int lines) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, lines).Select(i => $"line {i} of the text\n")));

    [Fact]
    public void Read_CompleteMember_ReturnsTheData()
    {
        var data = Text(5000);

        Decompress(Gzip(data)).Should().Equal(data);
    }

    [Fact]
    public void Read_OnlyTheHeader_ThrowsTruncated()
    {
        var gz = Gzip(Text(10));

        var act = () => Decompress(gz[..10]);

        act.Should().Throw<CompressedInputException>().Where(e => e.IsTruncated);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(20)]
    public void Read_CutBeforeTheEnd_ThrowsTruncated(int cut)
    {
        var gz = Gzip(Text(5000));

        var act = () => Decompress(gz[..^cut]);

        act.Should().Throw<CompressedInputException>().Where(e => e.IsTruncated);
    }

    [Fact]
    public void Read_CorruptCrc_ThrowsCorruptNotTruncated()
    {
        var gz = Gzip(Text(5000));
        gz[^6] ^= 0x40;

        var act = () => Decompress(gz);

        act.Should().Throw<CompressedInputException>().Where(e => !e.IsTruncated).WithMessage("*corrupt*");
    }

    [Fact]
    public void Read_ConcatenatedMembers_ReturnsBothAndChecksTheLast()
    {
        var a = Text(3000);
        var b = Encoding.UTF8.GetBytes("second member\n");
        var both = Gzip(a).Concat(Gzip(b)).ToArray();

        Decompress(both).Should().Equal(a.Concat(b));
        var cut = () => Decompress(both[..^3]);
        cut.Should().Throw<CompressedInputException>().Where(e => e.IsTruncated);
    }

    [Fact]
    public void Read_ExtraBytesAfterTheEnd_ThrowsTruncated()
    {
        var gz = Gzip(Text(100)).Concat(new byte[] { 1, 2, 3, 4, 5 }).ToArray();

        var act = () => Decompress(gz);

        act.Should().Throw<CompressedInputException>().Where(e => e.IsTruncated);
    }

    [Fact]
    public void Read_AnyMembersAndAnyCut_CompleteInputsReadAndCutOnesThrow()
    {
        Gen.Select(Gen.Int[1, 4], Gen.Int[0, 3000], Gen.Int[0, 100], Gen.Bool)
            .Sample((members, lines, cutPercent, cut) =>
            {
                var parts = Enumerable.Range(0, members).Select(m => Text(lines + m)).ToList();
                var gz = parts.SelectMany(Gzip).ToArray();
                int length = cut ? Math.Max(0, gz.Length - 1 - (int)((long)(gz.Length - 1) * cutPercent / 100)) : gz.Length;
                var input = gz[..length];
                if (!cut)
                {
                    Decompress(input).Should().Equal(parts.SelectMany(p => p));
                    return;
                }

                var act = () => Decompress(input);
                act.Should().Throw<CompressedInputException>();
            }, iter: 60);
    }

    [Fact]
    public void ReadFile_GzipCutBetweenRecords_StrictThrowsTruncatedLenientReportsIt()
    {
        var jsonl = string.Join("\n", Enumerable.Range(1, 30).Select(i => OpenAlexReaderTests.Work($"W{i}"))) + "\n";
        var gz = Gzip(Encoding.UTF8.GetBytes(jsonl));
        using var file = TempFile.WithBytes(".data", gz[..^8]);
        var report = new IngestReport();

        var strict = () => PublicationReader.ReadFile(file.Path).ToList();
        var lenient = PublicationReader.ReadFile(file.Path, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).ToList();

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Truncated).WithMessage($"*{file.Path}*cut off*");
        lenient.Should().HaveCount(30, "every record was complete");
        report.Truncated.Should().Be(1);
        report.RecordsRead.Should().Be(31, "the cut counts as one more (truncated) record");
    }

    [Theory]
    [InlineData(PublicationFormat.WebOfScience)]
    [InlineData(PublicationFormat.WebOfScienceTab)]
    [InlineData(PublicationFormat.Scopus)]
    [InlineData(PublicationFormat.OpenAlex)]
    [InlineData(PublicationFormat.CollabMetricsCsv)]
    public void ReadFile_CorruptGzipInEveryReader_IngestExceptionNamingTheFileAndLenientGoesOn(PublicationFormat format)
    {
        var source = format switch
        {
            PublicationFormat.WebOfScience => File.ReadAllBytes(Fixtures.WosPlain500),
            PublicationFormat.WebOfScienceTab => File.ReadAllBytes(Fixtures.WosTab71),
            PublicationFormat.Scopus => File.ReadAllBytes(Fixtures.Scopus58),
            PublicationFormat.OpenAlex => File.ReadAllBytes(Fixtures.OpenAlexWorks50),
            _ => Encoding.UTF8.GetBytes("publication_id,year,author_position,country\n" + string.Concat(Enumerable.Range(1, 20000).Select(i => $"P{i},2020,1,FR\n"))),
        };
        var gz = Gzip(source);
        gz[gz.Length / 2] ^= 0xFF;
        gz[(gz.Length / 2) + 1] ^= 0x5A;
        using var damaged = TempFile.WithBytes(".data", gz);
        var report = new IngestReport();

        var strict = () => PublicationReader.ReadFile(damaged.Path).ToList();
        var lenient = PublicationReader.ReadFiles([damaged.Path, Fixtures.OpenAlexWorks50], ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).ToList();

        strict.Should().Throw<IngestException>().WithMessage($"*{damaged.Path}*");
        lenient.Select(p => p.Position.File).Should().Contain(Fixtures.OpenAlexWorks50, "the other file is still read");
        report.SkippedTotal.Should().BePositive();
        report.Issues.Should().Contain(i => i.Position.File == damaged.Path && (i.Reason == SkipReason.Malformed || i.Reason == SkipReason.Truncated));
        (report.RecordsRead - report.SkippedTotal).Should().Be(lenient.Count, "every record read is either produced or skipped");
    }

    [Fact]
    public void ReadStream_NonSeekableGzipPipe_DetectsAndReads()
    {
        var gz = Gzip(File.ReadAllBytes(Fixtures.WosPlain500));
        using var pipe = new NonSeekableStream(new MemoryStream(gz));

        var publications = PublicationReader.ReadStream(pipe, "pipe").ToList();

        publications.Should().HaveCount(500);
        publications[0].Position.File.Should().Be("pipe");
    }

    /// <summary>A stream that cannot seek, as a pipe or standard input.</summary>
    internal sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 1000));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
