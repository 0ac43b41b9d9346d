namespace CollabMetrics.Cli;

/// <summary>The entry point of the <c>collabmetrics</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("collabmetrics: no commands yet.");
        return args.Length == 0 ? 2 : 2;
    }
}
