using CollabMetrics.IO;

namespace CollabMetrics.Tests.IO;

public class ChunkPipelineTests
{
    [Fact]
    public async Task Next_CancelledBeforeAWorkerParsedTheChunk_ThrowsInsteadOfWaitingForever()
    {
        using var stop = new CancellationTokenSource();
        using var parserAsked = new ManualResetEventSlim();
        var chunks = new Queue<string>(["a", "b", "c"]);
        using var pipeline = new ChunkPipeline<string>(
            () => chunks.TryDequeue(out var chunk) ? chunk : null,
            _ => false,
            () =>
            {
                // The worker has taken the first chunk but parses nothing until the read is stopped.
                parserAsked.Set();
                stop.Token.WaitHandle.WaitOne();
                return new NoParser();
            },
            workers: 2,
            stop.Token);

        var consumer = Task.Run(pipeline.Next);
        parserAsked.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
        await Task.Delay(200);
        stop.Cancel();

        // A wait that never ends shows here as a TimeoutException.
        await FluentActions.Awaiting(() => consumer.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    public void Next_ChainsOfChunks_ReturnsEveryResultInInputOrderEachChainParsedInOrderByOneParser(int workers, bool inline)
    {
        // Chains of one to four chunks, parsed at uneven speeds so that the workers finish out of order.
        var random = new Random(workers);
        var chunks = new List<TestChunk>();
        for (int i = 0; i < 400; i++)
        {
            chunks.Add(new TestChunk(i, Continues: i > 0 && random.Next(3) == 0, SpinIterations: random.Next(20_000)));
        }

        var cut = new Queue<TestChunk>(chunks);
        int parsers = 0;
        using var pipeline = new ChunkPipeline<TestChunk>(
            () => cut.TryDequeue(out var chunk) ? chunk : null,
            static chunk => chunk.Continues,
            () => new RecordingParser(Interlocked.Increment(ref parsers)),
            workers,
            CancellationToken.None,
            inlineOneWorker: inline);

        var seen = new List<(long Sequence, long Parser, long Order)>();
        while (pipeline.Next() is { } result)
        {
            seen.Add((result.Sequence, result.Lines, result.Records));
        }

        seen.Select(s => s.Sequence).Should().Equal(Enumerable.Range(0, chunks.Count).Select(i => (long)i));
        for (int i = 1; i < chunks.Count; i++)
        {
            if (chunks[i].Continues)
            {
                // The same parser, right after the chunk it continues.
                seen[i].Parser.Should().Be(seen[i - 1].Parser, $"chunk {i} continues chunk {i - 1}");
                seen[i].Order.Should().Be(seen[i - 1].Order + 1, $"chunk {i} is parsed right after chunk {i - 1}");
            }
        }

        parsers.Should().BeInRange(1, workers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Next_ParserFails_ThrowsAtThatChunkAndForTheRestOfItsChainThenGoesOn(int workers)
    {
        // Chunk 5 fails; 6 and 7 continue its chain; 8 starts a new chain.
        var cut = new Queue<TestChunk>(Enumerable.Range(0, 12).Select(i => new TestChunk(i, Continues: i is 6 or 7, 0, Fails: i == 5)));
        using var pipeline = Over(() => cut.TryDequeue(out var chunk) ? chunk : null, workers);

        for (int i = 0; i < 12; i++)
        {
            if (i is >= 5 and <= 7)
            {
                FluentActions.Invoking(pipeline.Next).Should().Throw<InvalidDataException>().WithMessage("chunk 5");
            }
            else
            {
                pipeline.Next()!.Sequence.Should().Be(i);
            }
        }

        pipeline.Next().Should().BeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Next_CuttingFails_ReturnsTheChunksCutBeforeThenThrows(int workers)
    {
        int index = 0;
        using var pipeline = Over(() => index < 6 ? new TestChunk(index++, false, 1000) : throw new IOException("cut off"), workers);

        for (int i = 0; i < 6; i++)
        {
            pipeline.Next()!.Sequence.Should().Be(i);
        }

        FluentActions.Invoking(pipeline.Next).Should().Throw<IOException>().WithMessage("cut off");
        pipeline.Next().Should().BeNull();
    }

    [Fact]
    public async Task Dispose_ConsumerStoppedEarly_EndsEveryThread()
    {
        // An endless input: the cutter waits for room, the workers for chunks; disposing must end them all.
        int index = 0;
        var pipeline = Over(() => new TestChunk(index++, false, 0), workers: 2);
        pipeline.Next()!.Sequence.Should().Be(0);
        pipeline.Next()!.Sequence.Should().Be(1);

        // A wait that never ends shows here as a TimeoutException.
        await Task.Run(pipeline.Dispose).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Next_ParsersOnOtherThreads_SeeTheCallersExecutionContext()
    {
        // What a task started from the caller would see (culture, async locals): errors are worded the same on any thread.
        var local = new AsyncLocal<string> { Value = "caller" };
        var cut = new Queue<TestChunk>(Enumerable.Range(0, 8).Select(i => new TestChunk(i, false, 0)));
        var values = new System.Collections.Concurrent.ConcurrentBag<string?>();
        using var pipeline = Over(() => cut.TryDequeue(out var chunk) ? chunk : null, workers: 2, () => new RecordingParser(0, () => values.Add(local.Value)));
        while (pipeline.Next() is not null)
        {
        }

        values.Should().HaveCount(8).And.OnlyContain(v => v == "caller");
    }

    /// <summary>A pipeline over <paramref name="next"/> on threads of its own, even with one worker.</summary>
    private static ChunkPipeline<TestChunk> Over(Func<TestChunk?> next, int workers, Func<IChunkParser<TestChunk>>? newParser = null) =>
        new(next, static chunk => chunk.Continues, newParser ?? (() => new RecordingParser(0)), workers, CancellationToken.None, inlineOneWorker: false);

    private sealed record TestChunk(int Index, bool Continues, int SpinIterations, bool Fails = false);

    /// <summary>Records in each result the chunk's index, the parser's number and how many chunks the parser had parsed before.</summary>
    private sealed class RecordingParser(int number, Action? onParse = null) : IChunkParser<TestChunk>
    {
        private int _parsed;

        public void Parse(TestChunk chunk, ChunkResult result)
        {
            onParse?.Invoke();
            Thread.SpinWait(chunk.SpinIterations);
            if (chunk.Fails)
            {
                throw new InvalidDataException($"chunk {chunk.Index}");
            }

            result.Sequence = chunk.Index;
            result.Lines = number;
            result.Records = _parsed++;
        }
    }

    private sealed class NoParser : IChunkParser<string>
    {
        public void Parse(string chunk, ChunkResult result)
        {
        }
    }
}
