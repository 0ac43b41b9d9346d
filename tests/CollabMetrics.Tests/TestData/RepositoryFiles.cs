namespace CollabMetrics.Tests.TestData;

/// <summary>Files of the repository the tests run from (docs/, its examples), found by walking up to the solution file.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CollabMetrics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (with CollabMetrics.sln) is not above the test binaries.");
    });

    public static string Root => s_root.Value;

    /// <summary>The example technology map shipped in docs/examples.</summary>
    public static string ExampleTechnologyMap => Path.Combine(Root, "docs", "examples", "critical-technologies.csv");
}
