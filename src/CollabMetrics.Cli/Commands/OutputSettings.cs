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

    /// <summary>Writes <paramref name="result"/> as these settings say.</summary>
    public void Write(ITabularResult result, CliHost host) => ResultWriter.Write(result, Format, OutPath, host);
}
