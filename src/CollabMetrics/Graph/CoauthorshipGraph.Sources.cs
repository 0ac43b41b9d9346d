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
    /// The author graph of a corpus (or a view of it: years, technologies, filters), built from the columnar storage
    /// with the authors as units and the engine's own counting rules: a node per author key (P = papers, F = the
    /// author's share of author positions, I = papers with at least one other identified author), and links weighted
    /// by <paramref name="weighting"/> exactly as METRICS.md defines them for units, with w(k,u,i) = 1 when author
    /// position u is author i. The key of an author is the id its source gives, else a name key (normalised
    /// "LAST, F" form of its name, see docs/formats.md), so Web of Science and Scopus exports without author ids
    /// give author graphs too. Author positions without a key are left out of n_k. An author listed twice on a paper
    /// counts as two positions of the same unit.
    /// </summary>
    /// <param name="corpus">The corpus or view; it must keep author keys (<see cref="CorpusOptions.KeepAuthorIds"/>).</param>
    /// <param name="weighting">The counting method of the link weights. Default <see cref="LinkWeighting.Full"/>.</param>
    /// <param name="year">The year to record on the graph (for series), or null.</param>
    /// <returns>The graph; nodes in order of the authors' first appearance in the corpus, labelled with the first name read for the key when the corpus keeps names.</returns>
    /// <exception cref="InvalidOperationException">The corpus was built without author keys, or has authors but none with an id or a name.</exception>
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
        var builder = new CoauthorshipGraphBuilder(GraphLevel.Author, weighting.ToString(), year);
        if (!storage.HasAuthorKeys)
        {
            if (!storage.KeepsAuthorKeys)
            {
                throw new InvalidOperationException(
                    "This corpus was built without author keys (CorpusOptions.KeepAuthorIds = false): rebuild it with author keys for an author graph.");
            }

            if (storage.AuthorPositionTotal > 0)
            {
                throw new InvalidOperationException(
                    "No author of this corpus has an id or a name, so no author can be identified: read exports that give author ids or names.");
            }

            return builder.Build();
        }

        // Authors as units: unit id = key index + 1, one entry per author position (-1 without a key), so the
        // engine's rules give n_k (positions with a key), W_i (positions of author i) and the link factors.
        int authorCount = storage.Tables.AuthorKeys.Count;
        var kernel = new PublicationKernel(AuthorLayout, authorCount + 1);
        var whole = new double[authorCount];
        var fractional = new double[authorCount];
        var international = new double[authorCount];
        var label = new int[authorCount];
        var order = new List<int>();
        var node = new int[authorCount];
        Array.Fill(node, -1);
        Array.Fill(label, -1);
        int[]? selection = corpus.Selection;
        int count = corpus.Count;

        // Pass 1: node weights, in order of first appearance.
        for (int i = 0; i < count; i++)
        {
            int k = selection is null ? i : selection[i];
            if (LoadAuthors(storage, kernel, k) == 0)
            {
                continue;
            }

            kernel.ContributeUnits();
            for (int local = 0; local < kernel.UnitCount; local++)
            {
                int author = kernel.UnitAt(local) - 1;
                var values = kernel.UnitValues(local);
                whole[author] += values[0];
                fractional[author] += values[1];
                international[author] += values[3];
                if (node[author] < 0)
                {
                    node[author] = order.Count;
                    order.Add(author);
                }
            }

            if (storage.AuthorNames is not null)
            {
                int authors = storage.AuthorCount(k);
                for (int position = 0; position < authors; position++)
                {
                    int key = storage.AuthorKeyRef(k, position);
                    if (key != 0 && label[Math.Abs(key) - 1] < 0)
                    {
                        label[Math.Abs(key) - 1] = storage.AuthorNameRef(k, position);
                    }
                }
            }
        }

        foreach (int author in order)
        {
            string? name = label[author] >= 0 ? storage.Tables.AuthorNames!.Get(label[author]) : null;
            node[author] = builder.AddNode(storage.Tables.AuthorKeys.Get(author), name, whole[author], fractional[author], international[author]);
        }

        // Pass 2: links.
        for (int i = 0; i < count; i++)
        {
            int k = selection is null ? i : selection[i];
            if (LoadAuthors(storage, kernel, k) == 0)
            {
                continue;
            }

            int m = kernel.UnitCount;
            var factors = new LinkFactors(m, kernel.AuthorCount);
            for (int x = 0; x < m; x++)
            {
                int a = node[kernel.UnitAt(x) - 1];
                for (int y = x + 1; y < m; y++)
                {
                    double weight = factors.Weight(weighting, kernel.AuthorLinkSum(x, y));
                    if (weight > 0)
                    {
                        builder.AddLink(a, node[kernel.UnitAt(y) - 1], weight);
                    }
                }
            }
        }

        return builder.Build();
    }

    /// <summary>The kernel settings of the author level: no groups, no technologies, positions without a key left out.</summary>
    private static UnitLayout AuthorLayout { get; } = new(new AggregationOptions { Level = UnitLevel.Institution, ByTechnology = false });

    /// <summary>Loads the author positions of publication k into the kernel as units and resolves them; returns n_k.</summary>
    private static int LoadAuthors(CorpusStorage storage, PublicationKernel kernel, int k)
    {
        int authors = storage.AuthorCount(k);
        kernel.EnsureCapacity(authors, 0);
        var units = kernel.EntryUnits;
        var flags = kernel.EntryFlags;
        for (int position = 0; position < authors; position++)
        {
            int key = storage.AuthorKeyRef(k, position);
            units[position] = key == 0 ? -1 : Math.Abs(key);
            flags[position] = PublicationKernel.AuthorStart;
        }

        return kernel.Resolve(authors);
    }
}
