using CollabMetrics.Aggregation;
using CollabMetrics.Geography;

namespace CollabMetrics.Metrics;

/// <summary>
/// The partners of a focus unit over a choice of slices. <see cref="Rank"/> computes the table; the bootstrap gives
/// confidence intervals. Immutable.
/// </summary>
/// <example>
/// <code>
/// PartnerTable table = corpus.Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.PartnerShare).Top(10);
/// </code>
/// </example>
public sealed class PartnerQuery : SlicedQuery<PartnerQuery>
{
    private readonly Unit[]? _partners;

    internal PartnerQuery(CollaborationAnalysis analysis, SliceSelection slices, Unit focus, Unit[]? partners)
        : base(analysis, slices)
    {
        Focus = focus;
        _partners = partners;
    }

    /// <summary>The focus unit.</summary>
    public Unit Focus { get; }

    /// <summary>Computes the table, ranked by <paramref name="index"/> within each slice.</summary>
    /// <param name="index">The ranking index.</param>
    public PartnerTable Rank(CollaborationIndex index)
    {
        _ = index.ToName();
        var cube = NeededCube();
        var keys = Slices.Resolve(cube);
        var slices = new SliceCounts[keys.Count];
        for (int s = 0; s < keys.Count; s++)
        {
            slices[s] = cube.Slice(keys[s]);
        }

        // With rows per technology, each technology's partners are those of its own slices, as its table alone has.
        var rows = new List<PartnerRow>();
        Unit[] partners = [];
        for (int s = 0; s < slices.Length; s++)
        {
            if (s == 0 || keys[s].Technology != keys[s - 1].Technology)
            {
                int end = s + 1;
                while (end < keys.Count && keys[end].Technology == keys[s].Technology)
                {
                    end++;
                }

                partners = _partners ?? CollectPartners(slices.AsSpan(s, end - s));
            }

            var slice = slices[s];
            var key = keys[s];
            var focus = slice[Focus];
            foreach (var partner in partners)
            {
                var other = slice[partner];
                var pair = slice.Pair(Focus, partner);
                var counts = new CollaborationCounts(
                    pair.Copublications, focus.P, other.P, focus.I, other.I, focus.LinkTotal, other.LinkTotal,
                    slice.T, slice.N, slice.NInternational, pair.NatureIndexScore);
                rows.Add(new PartnerRow { Slice = key, Focus = Focus, Partner = partner, Counts = counts });
            }
        }

        return PartnerTable.Create([.. rows], keys, Analysis.Context(cube, index, Slices), Focus);
    }

    /// <summary>Computes the table ranked by <see cref="CollaborationIndex.PartnerShare"/>.</summary>
    public PartnerTable Compute() => Rank(CollaborationIndex.PartnerShare);

    /// <summary>
    /// Bootstrap confidence intervals of <paramref name="index"/> for each partner and slice: publications of the
    /// slice are resampled with replacement (see docs/metrics.md). Needs an analysis of a corpus.
    /// </summary>
    /// <param name="index">The index.</param>
    /// <param name="options">Replicates, confidence level, seed and parallelism; default <see cref="BootstrapOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <exception cref="InvalidOperationException">The analysis started from a cube (the publications are needed).</exception>
    public BootstrapTable Bootstrap(CollaborationIndex index, BootstrapOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = index.ToName();
        options ??= BootstrapOptions.Default;
        options.Validate();
        var corpus = Analysis.Corpus
            ?? throw new InvalidOperationException("The bootstrap resamples publications: start the analysis from a corpus (corpus.Countries()), not from a cube.");
        var table = Rank(index);
        var cube = NeededCube();
        var keys = Slices.Resolve(cube);
        var partners = _partners ?? [.. table.Partners];
        return PartnerBootstrap.Run(corpus, Analysis.Options, keys, Focus, partners, index, options, Analysis.Context(cube, index, Slices), cancellationToken);
    }

    /// <summary>What a partner table reads: every unit's P, I and link total, and the co-publications and Nature Index scores of the focus's pairs.</summary>
    private CollaborationCube NeededCube() =>
        Analysis.CubeFor(CubeContent.ForTable(units: true, CubeContent.FullLink | CubeContent.NatureIndexScore, Focus, Slices.Technology, Slices.EachTechnology, CubeContent.UnitP | CubeContent.UnitI | CubeContent.UnitLinks));

    private protected override PartnerQuery With(SliceSelection slices) => new(Analysis, slices, Focus, _partners);

    private Unit[] CollectPartners(ReadOnlySpan<SliceCounts> slices)
    {
        var kind = Analysis.Options.Level == UnitLevel.Country ? UnitKind.Country : UnitKind.Institution;
        var members = new HashSet<Unit>();
        if (Focus.Kind == UnitKind.Group)
        {
            foreach (var group in Analysis.Options.Groups)
            {
                if (group.Name == Focus.Code)
                {
                    foreach (var member in group.Members)
                    {
                        members.Add(Unit.FromCountry(Analysis.Options.Territory.Apply(member)));
                    }
                }
            }
        }

        var partners = new SortedSet<Unit>();
        foreach (var slice in slices)
        {
            foreach (var pair in slice.PartnersOf(Focus))
            {
                if (pair.B.Kind == kind && pair.B != Focus && pair.Copublications > 0 && !members.Contains(pair.B))
                {
                    partners.Add(pair.B);
                }
            }
        }

        return [.. partners];
    }
}
