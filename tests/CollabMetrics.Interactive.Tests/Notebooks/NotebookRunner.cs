using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace CollabMetrics.Interactive.Tests.Notebooks;

/// <summary>One code cell of a notebook: its position (1-based among all cells) and its C# source.</summary>
internal sealed record NotebookCell(int Number, string Source);

/// <summary>What a cell produced: its formatted outputs (mime type and value).</summary>
internal sealed record CellOutput(NotebookCell Cell, IReadOnlyList<(string MimeType, string Value)> Values);

/// <summary>
/// Executes the C# cells of a .NET Interactive notebook (.ipynb) in order in an in-process <see cref="CSharpKernel"/>,
/// as a notebook would, with one difference: <c>#r "nuget: ..."</c> lines of the packages built in this
/// repository (and of their dependencies the tests reference) become references to the built assemblies, so the
/// cells run against this build rather than a published package. Referencing CollabMetrics.Interactive loads its
/// kernel extension, as its <c>extension.dib</c> does in a notebook. The working folder is the notebook's folder.
/// </summary>
internal static partial class NotebookRunner
{
    private static readonly Dictionary<string, string> s_packageAssemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CollabMetrics"] = typeof(Corpus).Assembly.Location,
        ["CollabMetrics.Interactive"] = typeof(NotebookFormatters).Assembly.Location,
        ["Microsoft.Data.Analysis"] = typeof(Microsoft.Data.Analysis.DataFrame).Assembly.Location,
    };

    /// <summary>The C# code cells of a notebook, in order.</summary>
    public static IReadOnlyList<NotebookCell> CodeCells(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        string defaultLanguage = "csharp";
        if (root.TryGetProperty("metadata", out var metadata) &&
            metadata.TryGetProperty("polyglot_notebook", out var polyglot) &&
            polyglot.TryGetProperty("kernelInfo", out var kernelInfo) &&
            kernelInfo.TryGetProperty("defaultKernelName", out var defaultKernel))
        {
            defaultLanguage = defaultKernel.GetString() ?? defaultLanguage;
        }

        var cells = new List<NotebookCell>();
        int number = 0;
        foreach (var cell in root.GetProperty("cells").EnumerateArray())
        {
            number++;
            if (cell.GetProperty("cell_type").GetString() != "code")
            {
                continue;
            }

            string language = defaultLanguage;
            if (cell.TryGetProperty("metadata", out var cellMetadata) &&
                cellMetadata.TryGetProperty("dotnet_interactive", out var di) &&
                di.TryGetProperty("language", out var lang))
            {
                language = lang.GetString() ?? language;
            }

            if (language != "csharp")
            {
                throw new InvalidOperationException($"{Path.GetFileName(path)}, cell {number}: language '{language}'; notebooks of this repository are C# only.");
            }

            var source = cell.GetProperty("source");
            string text = source.ValueKind == JsonValueKind.Array
                ? string.Concat(source.EnumerateArray().Select(line => line.GetString()))
                : source.GetString() ?? "";
            cells.Add(new NotebookCell(number, text));
        }

        return cells;
    }

    /// <summary>Runs every code cell of the notebook in order; throws naming the notebook and cell on the first failure.</summary>
    public static async Task<IReadOnlyList<CellOutput>> RunAsync(string path)
    {
        string name = Path.GetFileName(path);
        var outputs = new List<CellOutput>();
        using var kernel = new CSharpKernel().UseKernelHelpers();
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            foreach (var cell in CodeCells(path))
            {
                string code = await ResolvePackageReferencesAsync(kernel, cell, name);
                var result = await kernel.SubmitCodeAsync(code);
                var values = new List<(string, string)>();
                foreach (var e in result.Events)
                {
                    switch (e)
                    {
                        case CommandFailed failed:
                            throw new NotebookCellException($"{name}, cell {cell.Number} failed: {failed.Message}\n--- cell source ---\n{cell.Source}");
                        case DisplayEvent display:
                            values.AddRange(display.FormattedValues.Select(v => (v.MimeType, v.Value)));
                            break;
                    }
                }

                outputs.Add(new CellOutput(cell, values));
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }

        return outputs;
    }

    private static async Task<string> ResolvePackageReferencesAsync(CSharpKernel kernel, NotebookCell cell, string notebook)
    {
        var code = new StringBuilder();
        bool loadExtension = false;
        foreach (var line in cell.Source.Split('\n'))
        {
            var match = NugetReference().Match(line);
            if (!match.Success)
            {
                code.Append(line).Append('\n');
                continue;
            }

            string package = match.Groups["package"].Value.Trim();
            if (!s_packageAssemblies.TryGetValue(package, out var assembly))
            {
                throw new NotebookCellException($"{notebook}, cell {cell.Number}: package '{package}' is not built or referenced by the tests; add it to {nameof(NotebookRunner)}.");
            }

            kernel.AddAssemblyReferences([assembly]);
            loadExtension |= package.Equals("CollabMetrics.Interactive", StringComparison.OrdinalIgnoreCase);
            code.Append('\n'); // keeps line numbers of error messages
        }

        if (loadExtension)
        {
            await new CollabMetricsKernelExtension().OnLoadAsync(kernel);
        }

        return code.ToString();
    }

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<package>[^,"]+)""")]
    private static partial Regex NugetReference();
}

/// <summary>A notebook cell failed.</summary>
internal sealed class NotebookCellException(string message) : Exception(message);
