using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace CollabMetrics.Interactive.Tests;

/// <summary>The extension.dib that .NET Interactive runs when the package is loaded with #r "nuget: ...".</summary>
public class ExtensionScriptTests
{
    private static readonly string s_script = RepositoryPaths.Combine("src", "CollabMetrics.Interactive", "extension.dib");

    [Fact]
    public void ExtensionScript_PackedWhereDotNetInteractiveLooksForIt()
    {
        var project = File.ReadAllText(RepositoryPaths.Combine("src", "CollabMetrics.Interactive", "CollabMetrics.Interactive.csproj"));

        project.Should().Contain("<None Include=\"extension.dib\" Pack=\"true\" PackagePath=\"interactive-extensions/dotnet\" />");
    }

    [Fact]
    public async Task ExtensionScript_CSharpCell_RegistersTheFormattersInAKernel()
    {
        string code = CSharpCellOf(File.ReadAllText(s_script));
        using var kernel = new CSharpKernel();
        kernel.AddAssemblyReferences([typeof(NotebookFormatters).Assembly.Location, typeof(Corpus).Assembly.Location]);

        var result = await kernel.SubmitCodeAsync(code);

        code.Should().Contain("CollabMetrics.Interactive.NotebookFormatters.Register();");
        result.Events.OfType<CommandFailed>().Should().BeEmpty();
        var display = await kernel.SubmitCodeAsync("new CollabMetrics.IO.IngestReport()");
        display.Events.OfType<ReturnValueProduced>().Single().FormattedValues
            .Should().Contain(v => v.MimeType == "text/html" && v.Value.Contains("collabmetrics-ingest"));
    }

    /// <summary>The code of the csharp cell of a .dib file (cells start with a #!kernel line; #!meta holds metadata).</summary>
    private static string CSharpCellOf(string dib)
    {
        var lines = dib.Split('\n');
        int start = Array.FindIndex(lines, l => l.TrimEnd() == "#!csharp");
        start.Should().BeGreaterThanOrEqualTo(0, "extension.dib needs a #!csharp cell");
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("#!", StringComparison.Ordinal)));
    }
}
