using System.CommandLine;

namespace CollabMetrics.Cli.Commands;

/// <summary>How rows are sliced in time: <c>--by year|all</c> and <c>--window N</c>.</summary>
/// <param name="ByYear">A row per year (or per window ending each year); false for all years together.</param>
/// <param name="Window">The width of rolling windows, or null for single years.</param>
internal sealed record SliceSettings(bool ByYear, int? Window)
{
    /// <summary>The options' values from <paramref name="parse"/>; <c>--window</c> with <c>--by all</c> is a usage error.</summary>
    public static SliceSettings Bind(ParseResult parse, CommonOptions options)
    {
        bool byYear = CommonOptions.ChoiceValue(parse, options.By) != "all";
        int? window = parse.GetValue(options.Window);
        if (!byYear && window is not null)
        {
            throw new CliUsageException("--window applies to --by year only; drop --window or use --by year.");
        }

        return new SliceSettings(byYear, window is 1 ? null : window);
    }

    /// <summary>Adds <c>--by</c> and <c>--window</c> to <paramref name="command"/>.</summary>
    public static void AddTo(Command command, CommonOptions options)
    {
        command.Options.Add(options.By);
        command.Options.Add(options.Window);
    }
}
