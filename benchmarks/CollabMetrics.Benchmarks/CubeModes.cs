namespace CollabMetrics.Benchmarks;

internal static partial class ConsoleModes
{
    private static bool TryRunCube(string mode, int[] sizes) => false;
}
