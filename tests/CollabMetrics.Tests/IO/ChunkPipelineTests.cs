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

    private sealed class NoParser : IChunkParser<string>
    {
        public void Parse(string chunk, ChunkResult result)
        {
        }
    }
}
