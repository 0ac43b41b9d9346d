namespace CollabMetrics.Cli;

/// <summary>The entry point of the <c>collabmetrics</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var host = new CliHost(Console.Out, Console.Error)
        {
            IsErrorTerminal = !Console.IsErrorRedirected,
            CancellationToken = cancellation.Token,
            OpenStandardOutput = Console.OpenStandardOutput,
        };
        return CliApp.Run(args, host);
    }
}
