using BenchmarkDotNet.Running;

namespace CollabMetrics.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && ConsoleModes.TryRun(args))
        {
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
