using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CollabMetrics.Interactive.Tests.Docs;

/// <summary>A fenced <c>```csharp</c> block of a Markdown file: the file, the line of its opening fence, its code.</summary>
internal sealed record CodeSample(string File, int Line, string Code)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>
/// Finds the C# samples of the documentation and compiles each as a top-level program against the built
/// assemblies, as a user's console project would: with only the sample's own <c>using</c> directives and the
/// implicit usings of the .NET SDK (System, System.IO, System.Linq, ...), so a sample that forgets
/// <c>using CollabMetrics.Metrics;</c> fails here as it would for a reader who copies it. The variables of
/// <see cref="s_ambient"/> (<c>corpus</c>, <c>cube</c>, <c>options</c>, <c>publications</c>, <c>progress</c>,
/// <c>cancellationToken</c>...) are in scope unless the sample declares its own; their types are written in full,
/// so they bring no namespace with them. Blocks fenced with <c>```csharp ignore</c> are not compiled.
/// </summary>
internal static partial class CodeSamples
{
    private static readonly Lazy<MetadataReference[]> s_references = new(LoadReferences);

    /// <summary>The variables a sample may use without declaring them (compiled, never run).</summary>
    private static readonly (string Type, string Name)[] s_ambient =
    [
        ("CollabMetrics.Corpus", "corpus"),
        ("CollabMetrics.Aggregation.CollaborationCube", "cube"),
        ("CollabMetrics.Aggregation.AggregationOptions", "options"),
        ("System.Collections.Generic.IEnumerable<CollabMetrics.Model.Publication>", "publications"),
        ("System.Collections.Generic.IAsyncEnumerable<CollabMetrics.Model.Publication>", "asyncPublications"),
        ("System.IProgress<CollabMetrics.WorkProgress>", "progress"),
        ("System.Threading.CancellationToken", "cancellationToken"),
        ("System.Threading.CancellationToken", "ct"),
    ];

    /// <summary>README.md and every Markdown file under docs/, relative to the repository root.</summary>
    public static IEnumerable<string> MarkdownFiles()
    {
        yield return "README.md";
        foreach (var path in Directory.EnumerateFiles(RepositoryPaths.Combine("docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
        }
    }

    /// <summary>The csharp blocks of a Markdown text, except those marked <c>ignore</c>.</summary>
    public static IReadOnlyList<CodeSample> Extract(string file, string markdown)
    {
        var samples = new List<CodeSample>();
        var lines = markdown.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            string info = fence.Groups["info"].Value.Trim();
            int start = i;
            var code = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
            {
                code.Append(lines[i].TrimEnd('\r')).Append('\n');
            }

            string[] words = info.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && words[0] is "csharp" or "cs" or "c#" && !words.Contains("ignore"))
            {
                samples.Add(new CodeSample(file, start + 1, code.ToString()));
            }
        }

        return samples;
    }

    /// <summary>Compiles a sample; returns its errors, each with the line in the Markdown file.</summary>
    public static IReadOnlyList<string> Compile(CodeSample sample)
    {
        var usings = new StringBuilder();
        var body = new StringBuilder();
        int usingLines = 0;
        foreach (var line in sample.Code.Split('\n'))
        {
            if (UsingDirective().IsMatch(line))
            {
                usings.Append(line).Append('\n');
                usingLines++;
                body.Append('\n');
            }
            else
            {
                body.Append(line).Append('\n');
            }
        }

        var prelude = new StringBuilder(usings.ToString());
        foreach (var ns in DefaultNamespaces())
        {
            prelude.Append("using ").Append(ns).Append(";\n");
        }

        foreach (var (type, name) in s_ambient)
        {
            string shortType = Regex.Escape(type[(type.LastIndexOf('.') + 1)..]);
            if (!Regex.IsMatch(sample.Code, $@"\b(var|{shortType})\s+{name}\b"))
            {
                prelude.Append(CultureInfo.InvariantCulture, $"{type} {name} = default!;\n");
            }
        }

        prelude.Append("#line 1\n");
        string source = prelude + body.ToString();
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path: sample.File);
        var compilation = CSharpCompilation.Create(
            "Sample",
            [tree],
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return
        [
            .. compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => $"{sample.File}:{sample.Line + d.Location.GetMappedLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"),
        ];
    }

    /// <summary>The implicit usings of a .NET SDK console project (Microsoft.NET.Sdk with ImplicitUsings enabled), and nothing of CollabMetrics.</summary>
    private static IEnumerable<string> DefaultNamespaces() =>
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static MetadataReference[] LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToHashSet(StringComparer.Ordinal);
        paths.Add(typeof(Corpus).Assembly.Location);
        paths.Add(typeof(NotebookFormatters).Assembly.Location);
        return [.. paths.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(p)).Select(p => MetadataReference.CreateFromFile(p))];
    }

    [GeneratedRegex(@"^\s*```\s*(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[A-Za-z_][\w.]*(\s*=\s*[\w.<>, ]+)?\s*;\s*$")]
    private static partial Regex UsingDirective();

}
