using System.CommandLine;
using CollabMetrics.Cli.Output;

namespace CollabMetrics.Cli.Commands;

/// <summary>Where and how a command writes its result: <c>--output</c> and <c>--out</c>.</summary>
/// <param name="Format">Table, CSV or JSON.</param>
/// <param name="OutPath">The file given with <c>--out</c>, or null for standard output.</param>
internal sealed record OutputSettings(OutputFormat Format, string? OutPath)
{
    /// <summary>The options' values from <paramref name="parse"/>.</summary>
    public static OutputSettings Bind(ParseResult parse, CommonOptions options) => new(
        ResultWriter.ParseFormat(CommonOptions.ChoiceValue(parse, options.Output)),
        parse.GetValue(options.Out));

    /// <summary>Adds <c>--output</c> and <c>--out</c> to <paramref name="command"/>.</summary>
    public static void AddTo(Command command, CommonOptions options)
    {
        command.Options.Add(options.Output);
        command.Options.Add(options.Out);
    }

    /// <summary>
    /// Refuses an output file that is one of the input files (exit code 2): writing it would destroy the input
    /// before or while it is read.
    /// </summary>
    /// <param name="outPath">The file given with <c>--out</c> (or <c>--chart</c>), or null.</param>
    /// <param name="input">The inputs.</param>
    /// <param name="host">Resolves relative paths.</param>
    /// <param name="option">The option's name, for the message.</param>
    public static void CheckNotAnInput(string? outPath, InputSettings input, CliHost host, string option = "--out")
    {
        if (outPath is null)
        {
            return;
        }

        var target = Path.GetFullPath(host.ResolvePath(outPath), host.WorkingDirectory);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var path in input.Paths)
        {
            if (string.Equals(Path.GetFullPath(path, host.WorkingDirectory), target, comparison))
            {
                throw new CliUsageException($"{option}: '{outPath}' is also an --input file; writing it would overwrite the input. Choose another file.");
            }
        }
    }

    /// <summary>Writes <paramref name="result"/> as these settings say.</summary>
    public void Write(ITabularResult result, CliHost host) => ResultWriter.Write(result, Format, OutPath, host);
}
