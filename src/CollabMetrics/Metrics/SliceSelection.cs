using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>Which slices a query computes: all years, each year, one window, or rolling windows; one technology or all.</summary>
internal sealed record SliceSelection(SliceSelection.Mode Kind, int From, int To, int Width, string? Technology)
{
    /// <summary>Whether the slices are repeated for each technology of the cube (rows per technology) instead of one technology or all.</summary>
    public bool EachTechnology { get; init; }

    public static SliceSelection Default { get; } = new(Mode.AllYears, 0, 0, 0, null);

    internal enum Mode
    {
        AllYears,
        EachYear,
        EachYearBetween,
        Window,
        Rolling,
    }

    /// <summary>
    /// The slice keys over <paramref name="years"/> (ascending: the years with data), in chronological order: each year
    /// from the first to the last, gaps included, and rolling windows ending in each year from the first full one.
    /// </summary>
    public IReadOnlyList<SliceKey> Resolve(IReadOnlyList<int> years)
    {
        var keys = new List<SliceKey>();
        switch (Kind)
        {
            case Mode.AllYears:
                keys.Add(SliceKey.ForAllYears(Technology));
                break;
            case Mode.EachYear:
                if (years.Count > 0)
                {
                    for (int y = years[0]; y <= years[^1]; y++)
                    {
                        keys.Add(SliceKey.ForYear(y, Technology));
                    }
                }

                break;
            case Mode.EachYearBetween:
                for (int y = From; y <= To; y++)
                {
                    keys.Add(SliceKey.ForYear(y, Technology));
                }

                break;
            case Mode.Window:
                keys.Add(SliceKey.ForWindow(From, To, Technology));
                break;
            case Mode.Rolling:
                if (years.Count > 0)
                {
                    for (int end = years[0] + Width - 1; end <= years[^1]; end++)
                    {
                        keys.Add(SliceKey.ForWindow(end - Width + 1, end, Technology));
                    }
                }

                break;
            default:
                throw new InvalidOperationException("Unknown slice mode.");
        }

        return keys;
    }

    /// <summary>
    /// The slice keys, in chronological order (with <see cref="EachTechnology"/>: those of each technology of the cube
    /// in ordinal order, one technology after the other). Each year runs from the cube's first year to its last, gaps
    /// included.
    /// </summary>
    /// <exception cref="InvalidOperationException">Each technology is asked of a cube without technology slices.</exception>
    public IReadOnlyList<SliceKey> Resolve(CollaborationCube cube)
    {
        if (!EachTechnology)
        {
            return Resolve(cube, Technology);
        }

        if (cube.Technologies.Count == 0)
        {
            throw new InvalidOperationException(cube.Options.ByTechnology
                ? "No publication has a technology label, so there is no technology to give rows for. Read the inputs with a technology mapping (ReadOptions.Technologies) or labels."
                : "The analysis aggregates without technology slices (AggregationOptions.ByTechnology is false): turn them on to get rows per technology.");
        }

        var keys = new List<SliceKey>();
        foreach (var technology in cube.Technologies)
        {
            keys.AddRange(Resolve(cube, technology));
        }

        return keys;
    }

    private List<SliceKey> Resolve(CollaborationCube cube, string? technology)
    {
        var keys = new List<SliceKey>();
        switch (Kind)
        {
            case Mode.AllYears:
                keys.Add(SliceKey.ForAllYears(technology));
                break;
            case Mode.EachYear:
                if (cube.Years.Count > 0)
                {
                    for (int y = cube.Years[0]; y <= cube.Years[^1]; y++)
                    {
                        keys.Add(SliceKey.ForYear(y, technology));
                    }
                }

                break;
            case Mode.EachYearBetween:
                for (int y = From; y <= To; y++)
                {
                    keys.Add(SliceKey.ForYear(y, technology));
                }

                break;
            case Mode.Window:
                keys.Add(SliceKey.ForWindow(From, To, technology));
                break;
            case Mode.Rolling:
                keys.AddRange(cube.RollingWindows(Width, technology));
                break;
            default:
                throw new InvalidOperationException("Unknown slice mode.");
        }

        return keys;
    }
}

/// <summary>
/// The slicing part of a query: all years (the default), each year, one window of years, or rolling windows; all
/// technologies (the default) or one. Each method returns a new query.
/// </summary>
/// <typeparam name="TQuery">The query type.</typeparam>
public abstract class SlicedQuery<TQuery>
    where TQuery : SlicedQuery<TQuery>
{
    private protected SlicedQuery(CollaborationAnalysis analysis, SliceSelection slices)
    {
        Analysis = analysis;
        Slices = slices;
    }

    /// <summary>The analysis the query belongs to.</summary>
    public CollaborationAnalysis Analysis { get; }

    private protected SliceSelection Slices { get; }

    /// <summary>One slice with every year together (the default).</summary>
    public TQuery AllYears() => With(Slices with { Kind = SliceSelection.Mode.AllYears });

    /// <summary>One slice per year, from the first year of the corpus to the last (years without publications included).</summary>
    public TQuery ByYear() => With(Slices with { Kind = SliceSelection.Mode.EachYear });

    /// <summary>One slice per year from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public TQuery ByYear(int from, int to)
    {
        CheckRange(from, to);
        return With(Slices with { Kind = SliceSelection.Mode.EachYearBetween, From = from, To = to });
    }

    /// <summary>One slice: the window from <paramref name="from"/> to <paramref name="to"/> (labelled <c>2015-2019</c>).</summary>
    public TQuery Window(int from, int to)
    {
        CheckRange(from, to);
        return With(Slices with { Kind = SliceSelection.Mode.Window, From = from, To = to });
    }

    /// <summary>Windows of <paramref name="width"/> years ending in each year from the first full window on.</summary>
    public TQuery RollingWindows(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        return With(Slices with { Kind = SliceSelection.Mode.Rolling, Width = width });
    }

    /// <summary>Only the publications of <paramref name="technology"/> (as the cube assigns them), or all when null.</summary>
    public TQuery ForTechnology(string? technology) => With(Slices with { Technology = technology, EachTechnology = false });

    /// <summary>
    /// The slices of every technology of the analysis, in one table: rows per technology (a <c>technology</c> column
    /// after <c>year</c>), technologies in ordinal order, each with the years or windows asked for. One pass over the
    /// publications computes them all; the rows of a technology are those <see cref="ForTechnology"/> gives. Needs
    /// technology slices (<see cref="AggregationOptions.ByTechnology"/>, the default of a corpus analysis).
    /// </summary>
    /// <example>
    /// <code>
    /// PartnerTable perTechnology = corpus.Countries().Focus("CN").Partners().ByYear().ByTechnology().Rank(CollaborationIndex.PartnerShare);
    /// </code>
    /// </example>
    public TQuery ByTechnology() => With(Slices with { Technology = null, EachTechnology = true });

    private protected abstract TQuery With(SliceSelection slices);

    private static void CheckRange(int from, int to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range ends ({to}) before it starts ({from}).");
        }
    }
}
