using System.CommandLine;
using CollabMetrics.Metrics;

namespace CollabMetrics.Cli.Commands;

/// <summary>How rows are sliced in time: <c>--by year|all</c> and <c>--window N</c>.</summary>
/// <param name="ByYear">A row set per year (or per window ending each year); false for all years together.</param>
/// <param name="Window">The width of rolling windows, or null for single years.</param>
internal sealed record SliceSettings(bool ByYear, int? Window)
{
    /// <summary>Rows per technology (<c>--by-technology</c>).</summary>
    public bool EachTechnology { get; init; }

    /// <summary>The options' values from <paramref name="parse"/>; <c>--window</c> with <c>--by all</c> is a usage error.</summary>
    public static SliceSettings Bind(ParseResult parse, CommonOptions options)
    {
        bool byYear = CommonOptions.ChoiceValue(parse, options.By) != "all";
        int? window = parse.GetValue(options.Window);
        if (!byYear && window is not null)
        {
            throw new CliUsageException("--window applies to --by year only; drop --window or use --by year.");
        }

        return new SliceSettings(byYear, window is 1 ? null : window) { EachTechnology = parse.GetValue(options.ByTechnology) };
    }

    /// <summary>Adds <c>--by</c>, <c>--window</c> and <c>--by-technology</c> to <paramref name="command"/>.</summary>
    public static void AddTo(Command command, CommonOptions options)
    {
        command.Options.Add(options.By);
        command.Options.Add(options.Window);
        command.Options.Add(options.ByTechnology);
    }

    /// <summary>
    /// Selects the slices of <paramref name="query"/> (the library's slicing): all years (labelled <c>all</c>, or the
    /// <c>--years</c> window such as <c>2005-2024</c>), each year (of <c>--years</c> when given), or rolling windows.
    /// </summary>
    public TQuery Apply<TQuery>(SlicedQuery<TQuery> query, YearRange? years)
        where TQuery : SlicedQuery<TQuery>
    {
        var sliced = ApplyYears(query, years);
        return EachTechnology ? sliced.ByTechnology() : sliced;
    }

    private TQuery ApplyYears<TQuery>(SlicedQuery<TQuery> query, YearRange? years)
        where TQuery : SlicedQuery<TQuery>
    {
        if (!ByYear)
        {
            return years is { } all ? query.Window(all.From, all.To) : query.AllYears();
        }

        if (Window is { } width)
        {
            return query.RollingWindows(width);
        }

        return years is { } range ? query.ByYear(range.From, range.To) : query.ByYear();
    }
}
