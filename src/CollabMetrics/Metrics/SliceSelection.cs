using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>Which slices a query computes: all years, each year, one window, or rolling windows; one technology or all.</summary>
internal sealed record SliceSelection(SliceSelection.Mode Kind, int From, int To, int Width, string? Technology)
{
    public static SliceSelection Default { get; } = new(Mode.AllYears, 0, 0, 0, null);

    internal enum Mode
    {
        AllYears,
        EachYear,
        EachYearBetween,
        Window,
        Rolling,
    }

    /// <summary>The slice keys, in chronological order. Each year runs from the cube's first year to its last, gaps included.</summary>
    public IReadOnlyList<SliceKey> Resolve(CollaborationCube cube)
    {
        var keys = new List<SliceKey>();
        switch (Kind)
        {
            case Mode.AllYears:
                keys.Add(SliceKey.ForAllYears(Technology));
                break;
            case Mode.EachYear:
                if (cube.Years.Count > 0)
                {
                    for (int y = cube.Years[0]; y <= cube.Years[^1]; y++)
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
                keys.AddRange(cube.RollingWindows(Width, Technology));
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
    public TQuery ForTechnology(string? technology) => With(Slices with { Technology = technology });

    private protected abstract TQuery With(SliceSelection slices);

    private static void CheckRange(int from, int to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range ends ({to}) before it starts ({from}).");
        }
    }
}
