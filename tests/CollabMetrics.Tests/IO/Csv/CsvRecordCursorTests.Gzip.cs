using CollabMetrics.IO;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO.Csv;

public partial class CsvRecordCursorTests
{
    [Fact]
    public void MoveNext_GzipInputAtOneToFourThreadsAndSeveralChunkSizes_SameAsThePlainInput()
    {
        // Several read-ahead blocks of rows with bad rows mixed in: chunks smaller than a block (the decompressor's blocks
        // copied into them) and larger (decompressed straight into them on the cutting thread).
        var csv = RandomCsv(new Random(41), publications: 2500);
        csv.Length.Should().BeGreaterThan(3 * ReadAheadStream.BlockSize);
        var gz = GzipBytes.Of(csv);
        var options = ReadOptions.Default with
        {
            ErrorMode = ErrorMode.Lenient,
            Limits = ReadLimits.Default with { MaxRecordBytes = 2048, MaxFieldBytes = 1024 },
        };

        var plain = Read(csv, options, workers: 1, blockSize: 1 << 20);
        plain.Publications.Should().NotBeEmpty();
        plain.Report.SkippedTotal.Should().BeGreaterThan(0, "the file holds bad rows");
        foreach (int blockSize in new[] { 5000, ReadAheadStream.BlockSize + 333, 1 << 20 })
        {
            foreach (int workers in new[] { 1, 2, 3, 4 })
            {
                var compressed = Read(() => new ReadAheadStream(new CheckedGZipStream(new MemoryStream(gz)), ahead: false), options, workers, blockSize);
                compressed.Should().BeEquivalentTo(plain, o => o.WithStrictOrdering(), $"{workers} threads, chunks of {blockSize} bytes");
            }
        }
    }
}
