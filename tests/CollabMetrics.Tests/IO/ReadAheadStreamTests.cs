using System.IO.Compression;
using System.Text;
using CollabMetrics.IO;
using CollabMetrics.Tests.IO.OpenAlex;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.IO;

public class ReadAheadStreamTests
{
    private static readonly int[] ThreadCounts = [1, 2, 4];

    [Fact]
    public void Read_RandomDataAndReadSizes_SameBytesAheadOrNot()
    {
        Gen.Select(Gen.Int[0, 300_000], Gen.Int[1, 100_000], Gen.Int).Sample(
            (length, chunk, seed) =>
            {
                var data = new byte[length];
                new Random(seed).NextBytes(data);

                ReadAll(new ReadAheadStream(new MemoryStream(data), ahead: false), chunk).Should().Equal(data);
                ReadAll(new ReadAheadStream(new MemoryStream(data), ahead: true), chunk).Should().Equal(data);

                // Started after some reads: the rest of the block read inline first, then the blocks read ahead.
                var switched = new ReadAheadStream(new MemoryStream(data), ahead: false);
                var head = new byte[Math.Min(length, chunk)];
                switched.ReadExactly(head);
                switched.StartReadingAhead();
                switched.ReadsAhead.Should().BeTrue();
                head.Concat(ReadAll(switched, chunk)).Should().Equal(data);
            },
            iter: 40);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(ReadAheadStream.BlockSize)]
    [InlineData((5 * ReadAheadStream.BlockSize) + 17)]
    public void Read_InnerFails_SameBytesThenTheSameExceptionThenTheEnd(int failAfter)
    {
        var data = Enumerable.Range(0, failAfter + ReadAheadStream.BlockSize).Select(i => (byte)i).ToArray();

        // Reads smaller than a block (through the stream's own block) and of a block or more (straight into the buffer when not ahead).
        foreach (var (ahead, size) in new[] { (false, 7000), (true, 7000), (false, ReadAheadStream.BlockSize), (false, (3 * ReadAheadStream.BlockSize) + 5), (true, (3 * ReadAheadStream.BlockSize) + 5) })
        {
            var failure = new CompressedInputException(false, "corrupt");
            using var stream = new ReadAheadStream(new FailingStream(data, failAfter, failure), ahead);
            var read = new MemoryStream();
            var buffer = new byte[size];

            var act = () =>
            {
                int n;
                while ((n = stream.Read(buffer)) > 0)
                {
                    read.Write(buffer, 0, n);
                }
            };

            act.Should().Throw<CompressedInputException>().Which.Should().BeSameAs(failure, $"ahead: {ahead}, reads of {size}");
            read.ToArray().Should().Equal(data[..(failAfter / ReadAheadStream.BlockSize * ReadAheadStream.BlockSize)], $"ahead: {ahead}, reads of {size}: whole blocks before the failing read");
            stream.Read(buffer).Should().Be(0);
        }
    }

    [Fact]
    public void Dispose_WhileTheThreadWaitsForAFreeBlock_StopsItAndDisposesTheInnerStream()
    {
        var inner = new TrackingStream(new byte[20 * ReadAheadStream.BlockSize]);
        var stream = new ReadAheadStream(inner, ahead: true);
        stream.ReadByte();
        SpinWait.SpinUntil(() => inner.Reads >= ReadAheadStream.Blocks + 1, TimeSpan.FromSeconds(10)).Should().BeTrue("the thread fills every free block");

        stream.Dispose();

        stream.ProducerRunning.Should().BeFalse();
        inner.Disposed.Should().BeTrue();
        inner.Reads.Should().BeLessThan(20, "reading stopped early");
    }

    [Fact]
    public void Read_CancelledWhileWaitingForABlock_ThrowsAndDisposeEnds()
    {
        using var gate = new SemaphoreSlim(0);
        using var cancellation = new CancellationTokenSource();
        var inner = new TrackingStream(new byte[4 * ReadAheadStream.BlockSize], gate);
        var stream = new ReadAheadStream(inner, ahead: true, cancellation.Token);
        cancellation.CancelAfter(100);

        var act = () => stream.ReadByte();

        act.Should().Throw<OperationCanceledException>();
        gate.Release(100);
        stream.Dispose();
        stream.ProducerRunning.Should().BeFalse();
        inner.Disposed.Should().BeTrue();
    }

    [Fact]
    public void Ctor_Ahead_ReadsAheadOnlyWhenAsked()
    {
        using var ahead = new ReadAheadStream(new MemoryStream([1, 2, 3]), ahead: true);
        using var inline = new ReadAheadStream(new MemoryStream([1, 2, 3]), ahead: false);

        ahead.ReadsAhead.Should().BeTrue();
        inline.ReadsAhead.Should().BeFalse();
        inline.ProducerRunning.Should().BeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadFiles_DamagedGzipAtOneOrTwoThreads_SamePublicationsAndReport(bool truncated)
    {
        var jsonl = string.Join("\n", Enumerable.Range(1, 4000).Select(i => OpenAlexReaderTests.Work($"W{i}"))) + "\n";
        var gz = Gzip(Encoding.UTF8.GetBytes(jsonl));
        if (truncated)
        {
            gz = gz[..(gz.Length * 2 / 3)];
        }
        else
        {
            gz[gz.Length * 2 / 3] ^= 0xFF;
            gz[(gz.Length * 2 / 3) + 1] ^= 0x5A;
        }

        using var file = TempFile.WithBytes(".data", gz);
        var results = ThreadCounts.Select(threads =>
        {
            var report = new IngestReport();
            var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, MaxDegreeOfParallelism = threads };
            var ids = PublicationReader.ReadFiles([file.Path], options, report).Select(p => p.Id).ToList();
            var strict = () => PublicationReader.ReadFiles([file.Path], options with { ErrorMode = ErrorMode.Strict }).ToList();
            var error = strict.Should().Throw<IngestException>().Which;
            return (ids, report, error);
        }).ToList();

        results[0].ids.Should().NotBeEmpty().And.HaveCountLessThan(4000);
        results[0].report.Issues.Should().NotBeEmpty().And.OnlyContain(i => i.Position.File == file.Path);
        foreach (var (ids, report, error) in results.Skip(1))
        {
            ids.Should().Equal(results[0].ids);
            report.Issues.Should().BeEquivalentTo(results[0].report.Issues, o => o.WithStrictOrdering());
            report.RecordsRead.Should().Be(results[0].report.RecordsRead);
            error.Message.Should().Be(results[0].error.Message);
            error.Reason.Should().Be(truncated ? SkipReason.Truncated : results[0].error.Reason);
        }
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] ReadAll(Stream stream, int chunk)
    {
        using (stream)
        {
            var output = new MemoryStream();
            var buffer = new byte[chunk];
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, n);
            }

            return output.ToArray();
        }
    }

    /// <summary>Returns its data up to a point, then throws the failure it was given (once), then ends.</summary>
    private sealed class FailingStream(byte[] data, int failAfter, Exception failure) : MemoryStream(data)
    {
        private bool _failed;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_failed)
            {
                return 0;
            }

            if (Position + count > failAfter)
            {
                _failed = true;
                throw failure;
            }

            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            if (_failed)
            {
                return 0;
            }

            if (Position + buffer.Length > failAfter)
            {
                _failed = true;
                throw failure;
            }

            return base.Read(buffer);
        }
    }

    /// <summary>Counts its reads and whether it was disposed; each read may wait for a gate first.</summary>
    private sealed class TrackingStream(byte[] data, SemaphoreSlim? gate = null) : MemoryStream(data)
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public bool Disposed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            gate?.Wait();
            Interlocked.Increment(ref _reads);
            return base.Read(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
