using System.Collections;
using CollabMetrics.Aggregation;

namespace CollabMetrics.Graph;

/// <summary>
/// One <see cref="CoauthorshipGraph"/> per year, ascending by year: the graph of a slice as a time series. Exported
/// as a dynamic GEXF file where node and link weights change per year.
/// </summary>
/// <example>
/// <code>
/// var series = new CoauthorshipGraphSeries([graph2019, graph2020]);
/// foreach (CoauthorshipGraph g in series) Console.WriteLine($"{g.Year}: {g.LinkCount} links");
/// </code>
/// </example>
public sealed class CoauthorshipGraphSeries : IReadOnlyList<CoauthorshipGraph>
{
    private readonly CoauthorshipGraph[] _graphs;

    /// <summary>Creates a series from graphs that each carry a distinct <see cref="CoauthorshipGraph.Year"/>.</summary>
    /// <param name="graphs">The yearly graphs, in any order; they are sorted by year.</param>
    public CoauthorshipGraphSeries(IEnumerable<CoauthorshipGraph> graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        _graphs = [.. graphs];
        var years = new HashSet<int>();
        foreach (CoauthorshipGraph graph in _graphs)
        {
            ArgumentNullException.ThrowIfNull(graph, nameof(graphs));
            if (graph.Year is not int year)
            {
                throw new ArgumentException("Every graph of a series needs a year; build it with CoauthorshipGraphBuilder(level, weighting, year).", nameof(graphs));
            }

            if (!years.Add(year))
            {
                throw new ArgumentException($"Year {year} appears twice; a series holds one graph per year.", nameof(graphs));
            }
        }

        Array.Sort(_graphs, static (a, b) => a.Year!.Value.CompareTo(b.Year!.Value));
    }

    /// <summary>The yearly country or institution graphs of a cube (see <see cref="CoauthorshipGraph.FromSlice"/>), one per year of the cube.</summary>
    /// <param name="cube">The cube.</param>
    /// <param name="weighting">The counting method of the link weights. Default <see cref="LinkWeighting.Full"/>.</param>
    /// <param name="technology">A technology, or null for all.</param>
    /// <returns>The series.</returns>
    /// <example>
    /// <code>
    /// var series = CoauthorshipGraphSeries.FromCube(cube, LinkWeighting.Full);
    /// GraphWriter.DynamicGexf(series).ToFile("countries-by-year.gexf");
    /// </code>
    /// </example>
    public static CoauthorshipGraphSeries FromCube(CollaborationCube cube, LinkWeighting weighting = LinkWeighting.Full, string? technology = null)
    {
        ArgumentNullException.ThrowIfNull(cube);
        var graphs = new List<CoauthorshipGraph>(cube.Years.Count);
        foreach (int year in cube.Years)
        {
            graphs.Add(CoauthorshipGraph.FromSlice(cube.Year(year, technology), weighting));
        }

        return new CoauthorshipGraphSeries(graphs);
    }

    /// <summary>The yearly author graphs of a corpus or view (see <see cref="CoauthorshipGraph.FromAuthors"/>), one per year present.</summary>
    /// <param name="corpus">The corpus or view.</param>
    /// <param name="weighting">The counting method of the link weights. Default <see cref="LinkWeighting.Full"/>.</param>
    /// <returns>The series.</returns>
    public static CoauthorshipGraphSeries FromAuthors(Corpus corpus, LinkWeighting weighting = LinkWeighting.Full)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var graphs = new List<CoauthorshipGraph>();
        foreach (int year in corpus.YearsPresent())
        {
            graphs.Add(CoauthorshipGraph.FromAuthors(corpus.Year(year), weighting, year));
        }

        return new CoauthorshipGraphSeries(graphs);
    }

    /// <summary>The number of years.</summary>
    public int Count => _graphs.Length;

    /// <summary>The graph at position <paramref name="index"/> (by ascending year).</summary>
    /// <param name="index">A position.</param>
    public CoauthorshipGraph this[int index] => _graphs[index];

    /// <summary>The years, ascending.</summary>
    public IReadOnlyList<int> Years => Array.AsReadOnly(Array.ConvertAll(_graphs, static g => g.Year!.Value));

    /// <summary>
    /// The ids of every node present in any year, in order of first appearance (by year, then node id): the node
    /// order of a dynamic export, and of the <c>NodeColumn</c> values given with a series.
    /// </summary>
    public IReadOnlyList<string> NodeIds
    {
        get
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var ids = new List<string>();
            foreach (CoauthorshipGraph graph in _graphs)
            {
                foreach (string id in graph.Ids)
                {
                    if (seen.Add(id))
                    {
                        ids.Add(id);
                    }
                }
            }

            return ids.AsReadOnly();
        }
    }

    /// <summary>The graph of <paramref name="year"/>: one of <see cref="Years"/>.</summary>
    /// <param name="year">A year of <see cref="Years"/>.</param>
    /// <returns>The graph.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The series has no graph of <paramref name="year"/> (the message names its years); never a null that would read as "no collaboration".</exception>
    public CoauthorshipGraph ForYear(int year)
    {
        foreach (var graph in _graphs)
        {
            if (graph.Year == year)
            {
                return graph;
            }
        }

        throw new ArgumentOutOfRangeException(
            nameof(year),
            year,
            _graphs.Length == 0
                ? $"The series has no graph of {year}: it has no graph."
                : $"The series has no graph of {year}: its years are {string.Join(", ", Years)}.");
    }

    /// <inheritdoc/>
    public IEnumerator<CoauthorshipGraph> GetEnumerator() => ((IEnumerable<CoauthorshipGraph>)_graphs).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
