namespace CollabMetrics.Interactive.Tests;

/// <summary>Locates files of the repository from the test output folder.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding CollabMetrics.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CollabMetrics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CollabMetrics.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository.");
    }
}
