using CollabMetrics.Aggregation;

namespace CollabMetrics.Graph;

public sealed partial class CoauthorshipGraph
{
    /// <summary>
    /// The country or institution graph of one slice of a <see cref="CollaborationCube"/>: a node per unit of the
    /// slice (groups left out, as they would count their members' papers twice; the "unknown" unit kept when the
    /// cube has one) with P, F and I as node weights, and a link per co-publishing pair weighted by
    /// <paramref name="weighting"/> (pairs whose weight is 0 by that method, such as a pair joined only by one
    /// dual-affiliated author under <see cref="LinkWeighting.Author"/>, are left out). Nodes are in unit order.
    /// </summary>
    /// <param name="slice">A slice of a cube (a year, a window, all years; a technology or all).</param>
    /// <param name="weighting">The counting method of the link weights. Default <see cref="LinkWeighting.Full"/>.</param>
    /// <returns>The graph; its <see cref="Year"/> is set when the slice is a single year.</returns>
    /// <example>
    /// <code>
    /// CollaborationCube cube = CollaborationCube.Build(corpus);
    /// CoauthorshipGraph countries = CoauthorshipGraph.FromSlice(cube.Window(2019, 2023), LinkWeighting.CountrySet);
    /// </code>
    /// </example>
    public static CoauthorshipGraph FromSlice(SliceCounts slice, LinkWeighting weighting = LinkWeighting.Full)
    {
        ArgumentNullException.ThrowIfNull(slice);
        if (!Enum.IsDefined(weighting))
        {
            throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "Use Full, CountrySet, Author or AuthorRefined.");
        }

        GraphLevel level = GraphLevel.Other;
        foreach (UnitCounts counts in slice.Units)
        {
            if (counts.Unit.Kind is UnitKind.Country or UnitKind.Institution)
            {
                level = counts.Unit.Kind == UnitKind.Country ? GraphLevel.Country : GraphLevel.Institution;
                break;
            }
        }

        int? year = slice.Key.FromYear is int from && slice.Key.ToYear == from ? from : null;
        var builder = new CoauthorshipGraphBuilder(level, weighting.ToString(), year);
        var nodes = new Dictionary<Unit, int>();
        foreach (UnitCounts counts in slice.Units)
        {
            if (counts.Unit.Kind == UnitKind.Group)
            {
                continue;
            }

            nodes[counts.Unit] = builder.AddNode(counts.Unit.Code, counts.Unit.Label.Length == 0 ? null : counts.Unit.Label, counts.P, counts.F, counts.I);
        }

        foreach (PairCounts pair in slice.Pairs)
        {
            double weight = pair.Weight(weighting);
            if (weight > 0 && nodes.TryGetValue(pair.A, out int a) && nodes.TryGetValue(pair.B, out int b))
            {
                builder.AddLink(a, b, weight);
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// The author graph of a corpus (or a view of it: years, technologies, filters), built directly from the
    /// columnar storage with the authors as units: a node per author with an id (P = papers, F = the author's
    /// share of author positions, I = papers with at least one other identified author), and links weighted by
    /// <paramref name="weighting"/> exactly as METRICS.md defines them for units, with w(k,u,i) = 1 when author
    /// position u is author i. Author positions without an author id are left out of n_k. An author listed twice
    /// on a paper counts as two positions of the same unit.
    /// </summary>
    /// <param name="corpus">The corpus or view.</param>
    /// <param name="weighting">The counting method of the link weights. Default <see cref="LinkWeighting.Full"/>.</param>
    /// <param name="year">The year to record on the graph (for series), or null.</param>
    /// <returns>The graph; nodes in order of the authors' first appearance in the corpus.</returns>
    /// <remarks>A paper with m identified authors adds m(m - 1)/2 link contributions: hyperauthored papers dominate the cost.</remarks>
    /// <example>
    /// <code>
    /// CoauthorshipGraph authors = CoauthorshipGraph.FromAuthors(corpus.Years(2020, 2022), LinkWeighting.AuthorRefined);
    /// </code>
    /// </example>
    public static CoauthorshipGraph FromAuthors(Corpus corpus, LinkWeighting weighting = LinkWeighting.Full, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (!Enum.IsDefined(weighting))
        {
            throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "Use Full, CountrySet, Author or AuthorRefined.");
        }

        CorpusStorage storage = corpus.Storage;
        int[]? entryAuthors = storage.EntryAuthors;
        var builder = new CoauthorshipGraphBuilder(GraphLevel.Author, weighting.ToString(), year);
        if (entryAuthors is null)
        {
            return builder.Build();
        }

        int authorCount = storage.AuthorKeys.Length;
        var whole = new double[authorCount];
        var fractional = new double[authorCount];
        var international = new double[authorCount];
        var positions = new int[authorCount]; // author positions of each author on the current paper
        var distinct = new List<int>();
        int[]? selection = corpus.Selection;
        int count = corpus.Count;

        // Pass 1: node weights.
        for (int i = 0; i < count; i++)
        {
            int k = selection is null ? i : selection[i];
            int n = CollectAuthors(storage, entryAuthors, k, positions, distinct);
            foreach (int author in distinct)
            {
                whole[author]++;
                fractional[author] += positions[author] / (double)n;
                if (distinct.Count >= 2)
                {
                    international[author]++;
                }
            }

            ClearAuthors(positions, distinct);
        }

        var node = new int[authorCount];
        Array.Fill(node, -1);

        // Nodes in order of first appearance.
        for (int i = 0; i < count; i++)
        {
            int k = selection is null ? i : selection[i];
            CollectAuthors(storage, entryAuthors, k, positions, distinct);
            foreach (int author in distinct)
            {
                if (node[author] < 0)
                {
                    node[author] = builder.AddNode(storage.AuthorKeys[author], null, whole[author], fractional[author], international[author]);
                }
            }

            ClearAuthors(positions, distinct);
        }

        // Pass 2: links.
        for (int i = 0; i < count; i++)
        {
            int k = selection is null ? i : selection[i];
            int n = CollectAuthors(storage, entryAuthors, k, positions, distinct);
            int m = distinct.Count;
            for (int x = 0; x < m; x++)
            {
                for (int y = x + 1; y < m; y++)
                {
                    int a = distinct[x], b = distinct[y];
                    double pairs = positions[a] * (double)positions[b];
                    double weight = weighting switch
                    {
                        LinkWeighting.Full => 1,
                        LinkWeighting.CountrySet => 1.0 / (m - 1),
                        LinkWeighting.Author => pairs / (n - 1),
                        _ => pairs * 2 / (n * (n - 1.0)),
                    };
                    builder.AddLink(node[a], node[b], weight);
                }
            }

            ClearAuthors(positions, distinct);
        }

        return builder.Build();
    }

    /// <summary>Counts the author positions with an id on publication k; returns n_k and lists the distinct authors.</summary>
    private static int CollectAuthors(CorpusStorage storage, int[] entryAuthors, int k, int[] positions, List<int> distinct)
    {
        int n = 0;
        for (int e = storage.EntryStart[k]; e < storage.EntryStart[k + 1]; e++)
        {
            if ((storage.Entries[e] & CorpusStorage.AuthorStartFlag) == 0)
            {
                continue;
            }

            int author = entryAuthors[e];
            if (author == CorpusStorage.NoAuthorId)
            {
                continue;
            }

            n++;
            if (positions[author]++ == 0)
            {
                distinct.Add(author);
            }
        }

        return n;
    }

    private static void ClearAuthors(int[] positions, List<int> distinct)
    {
        foreach (int author in distinct)
        {
            positions[author] = 0;
        }

        distinct.Clear();
    }
}
