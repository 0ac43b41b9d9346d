using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Metrics;

namespace CollabMetrics.Impact;

/// <summary>What every impact query is computed with: x, the citation source and the reference-set rule.</summary>
internal sealed record ImpactSettings(TopPercent Top, CitationSource Source, bool ByDocumentType)
{
    public static ImpactSettings Default { get; } = new(TopPercent.Ten, CitationSource.Counts, false);

    /// <summary>The context of a table computed from <paramref name="statistics"/>.</summary>
    public ResultContext Context(CollaborationAnalysis analysis, ImpactStatistics statistics, string? technology, ImpactMeasure? rankedBy) =>
        new(analysis.Options, LinkWeighting.Full, null, statistics.CollaborationDiagnostics)
        {
            Technology = technology,
            Impact = new ImpactContext((double)Top.Percent, Source, ByDocumentType, statistics.Diagnostics) { RankedBy = rankedBy },
        };
}

/// <summary>
/// The common part of the impact queries: the slices (inherited), the top percentage x, the citation source and the
/// reference-set rule. Each method returns a new query.
/// </summary>
/// <typeparam name="TQuery">The query type.</typeparam>
public abstract class ImpactQueryBase<TQuery> : SlicedQuery<TQuery>
    where TQuery : ImpactQueryBase<TQuery>
{
    private protected ImpactQueryBase(CollaborationAnalysis analysis, SliceSelection slices, ImpactSettings settings)
        : base(analysis, slices)
    {
        Settings = settings;
    }

    private protected ImpactSettings Settings { get; }

    /// <summary>
    /// The top <paramref name="percent"/>% most cited papers (default 10): any number from 1 to 50, held exactly as a
    /// decimal (10 is one tenth, 2.5 is a fortieth).
    /// </summary>
    /// <param name="percent">x in percent.</param>
    /// <exception cref="ArgumentOutOfRangeException">x is not from 1 to 50.</exception>
    public TQuery TopPercent(double percent) => With(Settings with { Top = Impact.TopPercent.Of(percent) });

    /// <summary>
    /// Where the impact of each publication comes from: CollabMetrics' own reference sets from the citation counts
    /// (<see cref="CitationSource.Counts"/>, the default) or OpenAlex's own normalisation
    /// (<see cref="CitationSource.OpenAlex"/>: its FWCI and citation percentile).
    /// </summary>
    /// <param name="source">The source.</param>
    /// <exception cref="ArgumentOutOfRangeException">The source is not defined.</exception>
    public TQuery WithCitationSource(CitationSource source)
    {
        _ = source.ToName();
        return With(Settings with { Source = source });
    }

    /// <summary>
    /// Splits reference sets by document type too (off by default): articles are compared with articles, reviews with
    /// reviews. Publications of an unknown type form a reference set of their own.
    /// </summary>
    /// <param name="byDocumentType">Whether to split; true by default.</param>
    public TQuery ByDocumentType(bool byDocumentType = true) => With(Settings with { ByDocumentType = byDocumentType });

    private protected sealed override TQuery With(SliceSelection slices) => With(slices, Settings);

    private protected abstract TQuery With(SliceSelection slices, ImpactSettings settings);

    /// <summary>The statistics of the analysis under these settings (built on first use, shared by every query).</summary>
    private protected ImpactStatistics Statistics()
    {
        if (Settings.ByDocumentType && Settings.Source == CitationSource.OpenAlex)
        {
            throw new InvalidOperationException(
                "OpenAlex's normalisation is by year, type and subfield already: reference sets by document type apply to CitationSource.Counts only. Drop ByDocumentType() or use CitationSource.Counts.");
        }

        var statistics = Analysis.ImpactStatistics(Settings.Source, Settings.ByDocumentType);
        if (statistics.Years.Length == 0)
        {
            // Every slice would be empty: say why instead of returning an empty table.
            _ = statistics.CellsOf(SliceKey.ForAllYears());
        }

        return statistics;
    }

    private TQuery With(ImpactSettings settings) => With(Slices, settings);
}

/// <summary>
/// The citation impact of units over a choice of slices: <see cref="Compute"/> gives each unit's figures ranked by
/// top share, <see cref="Concentration"/> how concentrated the top papers are, <see cref="Bootstrap"/> confidence
/// intervals, and <see cref="Focus(string)"/> the impact of one unit's co-publications with its partners. Immutable.
/// </summary>
/// <example>
/// <code>
/// ImpactTable table = corpus.Countries().Impact().ByYear().TopPercent(10).Compute().Top(10);
/// PairImpactTable withUs = corpus.Countries().Impact().Focus("CN").Partners("US").ByYear().Compute();
/// </code>
/// </example>
public sealed class ImpactQuery : ImpactQueryBase<ImpactQuery>
{
    private readonly Unit[]? _units;

    internal ImpactQuery(CollaborationAnalysis analysis, SliceSelection slices, ImpactSettings settings, Unit[]? units)
        : base(analysis, slices, settings)
    {
        _units = units;
    }

    /// <summary>Only the given units (codes, names or group names), listed in every slice even without publications.</summary>
    /// <param name="units">The units.</param>
    /// <exception cref="ArgumentException">A name is no unit, or a unit is named twice.</exception>
    public ImpactQuery Units(params string[] units)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (units.Length == 0)
        {
            throw new ArgumentException("Name at least one unit, or leave Units out for every unit.", nameof(units));
        }

        var resolved = Array.ConvertAll(units, u => Analysis.Resolve(u, nameof(units)));
        if (resolved.Distinct().Count() != resolved.Length)
        {
            throw new ArgumentException("A unit is named twice: name each unit once.", nameof(units));
        }

        return new ImpactQuery(Analysis, Slices, Settings, resolved);
    }

    /// <summary>The impact of <paramref name="focus"/>'s co-publications with its partners (a code, a country name, an institution key or name, or a group name).</summary>
    /// <param name="focus">The focus unit.</param>
    /// <exception cref="ArgumentException">No such unit.</exception>
    public PairImpactQuery Focus(string focus) => new(Analysis, Slices, Settings, Analysis.Resolve(focus, nameof(focus)), null);

    /// <summary>The impact of a group's co-publications with its partners; the group is added to the analysis when needed.</summary>
    /// <param name="focus">The group.</param>
    public PairImpactQuery Focus(UnitGroup focus)
    {
        ArgumentNullException.ThrowIfNull(focus);
        var analysis = Analysis.WithGroup(focus);
        return new(analysis, Slices, Settings, Unit.Group(focus.Name), null);
    }

    /// <summary>
    /// Computes the table: per slice, every unit with publications (or the units chosen with <see cref="Units"/>),
    /// ranked by top share.
    /// </summary>
    /// <exception cref="InvalidOperationException">The analysis has no publications (a cube), or none has citation data.</exception>
    /// <exception cref="ArgumentException">A technology or a year of the slices is not in the statistics.</exception>
    public ImpactTable Compute()
    {
        var statistics = Statistics();
        var keys = Slices.Resolve(statistics.Years);
        var rows = new List<ImpactRow>();
        foreach (var key in keys)
        {
            var slice = statistics.Slice(key, Settings.Top);
            var sliceRows = new List<ImpactRow>();
            if (_units is null)
            {
                foreach (var figures in slice.Units)
                {
                    sliceRows.Add(Row(key, figures));
                }
            }
            else
            {
                foreach (var unit in _units)
                {
                    sliceRows.Add(Row(key, slice[unit]));
                }
            }

            rows.AddRange(ImpactRanking.Rank(sliceRows));
        }

        return new ImpactTable([.. rows], keys, Settings.Context(Analysis, statistics, Slices.Technology, ImpactMeasure.TopShare));
    }

    /// <summary>
    /// The concentration of the top papers among the units, per slice of years: a row for all technologies together
    /// and one for each technology of the statistics, or only the technology chosen with <c>ForTechnology</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The analysis has no publications (a cube), or none has citation data.</exception>
    /// <exception cref="ArgumentException">A technology or a year of the slices is not in the statistics.</exception>
    public ImpactConcentrationTable Concentration()
    {
        var statistics = Statistics();
        string?[] technologies = Slices.Technology is { } one ? [one] : [null, .. statistics.Technologies];
        var rows = new List<ImpactConcentrationRow>();
        foreach (var years in Slices.Resolve(statistics.Years))
        {
            foreach (var technology in technologies)
            {
                var key = years with { Technology = technology };
                var c = statistics.Slice(key, Settings.Top).Concentration();
                rows.Add(new ImpactConcentrationRow { Slice = key, Hhi = c.Hhi, Leader = c.Leader, LeaderRatio = c.LeaderRatio, Top5 = c.Top5 });
            }
        }

        return new ImpactConcentrationTable([.. rows], Settings.Context(Analysis, statistics, Slices.Technology, null));
    }

    /// <summary>
    /// Bootstrap confidence intervals of PP_top, the top share and MNCS of each unit in each slice: the publications of
    /// the slice's reference sets are resampled (Poisson weights), and every threshold, mean and figure is computed
    /// again in each replicate (see docs/impact.md). The units are those chosen with <see cref="Units"/>, or every
    /// unit with publications in the slice. Needs an analysis of a corpus.
    /// </summary>
    /// <param name="options">Replicates, confidence level, seed and parallelism; default <see cref="BootstrapOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <exception cref="InvalidOperationException">The analysis has no corpus, or no publication has citation data.</exception>
    /// <exception cref="ArgumentException">A technology, a year or a unit is not in the statistics.</exception>
    public ImpactBootstrapTable Bootstrap(BootstrapOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= BootstrapOptions.Default;
        options.Validate();
        var statistics = Statistics();
        var corpus = Analysis.Corpus!;
        var keys = Slices.Resolve(statistics.Years);
        var classes = ImpactReferenceClasses.Of(corpus, Settings.ByDocumentType);
        var rows = new List<ImpactBootstrapRow>();
        foreach (var key in keys)
        {
            var slice = statistics.Slice(key, Settings.Top);
            var units = new List<Unit>();
            if (_units is not null)
            {
                units.AddRange(_units);
            }
            else
            {
                foreach (var row in ImpactRanking.Rank([.. slice.Units.Select(u => Row(key, u))]))
                {
                    units.Add(row.Unit);
                }
            }

            if (units.Count == 0)
            {
                continue;
            }

            var intervals = ImpactBootstrap.Run(corpus, Analysis.Options, key, units, Settings.Top, options, classes, Settings.Source, cancellationToken);
            foreach (var i in intervals)
            {
                rows.Add(new ImpactBootstrapRow
                {
                    Slice = key,
                    Unit = i.Unit,
                    Measure = i.Measure,
                    Estimate = i.Estimate,
                    Lower = i.Lower,
                    Upper = i.Upper,
                    StandardError = i.StandardError,
                    Replicates = i.Replicates,
                });
            }
        }

        return new ImpactBootstrapTable([.. rows], keys, Settings.Context(Analysis, statistics, Slices.Technology, null), options);
    }

    private protected override ImpactQuery With(SliceSelection slices, ImpactSettings settings) => new(Analysis, slices, settings, _units);

    internal static ImpactRow Row(SliceKey key, UnitImpact u) => new()
    {
        Slice = key,
        Unit = u.Unit,
        Publications = u.Publications,
        FractionalPublications = u.FractionalPublications,
        TopPublications = u.TopPublications,
        TopPublicationsFractional = u.TopPublicationsFractional,
        PpTop = u.PpTop,
        PpTopFractional = u.PpTopFractional,
        TopShare = u.TopShare,
        Mncs = u.Mncs,
        MncsFractional = u.MncsFractional,
        HIndex = u.HIndex,
        Domestic = u.Domestic,
        Bilateral = u.Bilateral,
        Multilateral = u.Multilateral,
    };
}

/// <summary>
/// The impact of a focus unit's co-publications with its partners over a choice of slices, against the focus's
/// domestic work. Immutable.
/// </summary>
/// <example>
/// <code>
/// PairImpactTable table = corpus.Countries().Impact().Focus("CN").Partners("US", "PK").ByYear().Compute();
/// </code>
/// </example>
public sealed class PairImpactQuery : ImpactQueryBase<PairImpactQuery>
{
    private readonly Unit[]? _partners;

    internal PairImpactQuery(CollaborationAnalysis analysis, SliceSelection slices, ImpactSettings settings, Unit focus, Unit[]? partners)
        : base(analysis, slices, settings)
    {
        Focus = focus;
        _partners = partners;
    }

    /// <summary>The focus unit.</summary>
    public Unit Focus { get; }

    /// <summary>Only the given partners (codes, names or group names), listed in every slice even without co-publications.</summary>
    /// <param name="partners">The partners.</param>
    /// <exception cref="ArgumentException">A name is no unit, is the focus itself, or is named twice.</exception>
    public PairImpactQuery Partners(params string[] partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        if (partners.Length == 0)
        {
            throw new ArgumentException("Name at least one partner, or leave Partners out for all.", nameof(partners));
        }

        var resolved = Array.ConvertAll(partners, p => Analysis.Resolve(p, nameof(partners)));
        foreach (var partner in resolved)
        {
            if (partner == Focus)
            {
                throw new ArgumentException($"'{partner.Code}' is the focus itself: a pair needs two units.", nameof(partners));
            }
        }

        if (resolved.Distinct().Count() != resolved.Length)
        {
            throw new ArgumentException("A partner is named twice: name each partner once.", nameof(partners));
        }

        return new PairImpactQuery(Analysis, Slices, Settings, Focus, resolved);
    }

    /// <summary>
    /// Computes the table: per slice, each partner (every unit of the analysis's level that co-publishes with the focus
    /// in a slice, or the partners named), in code order.
    /// </summary>
    /// <exception cref="InvalidOperationException">The analysis has no publications (a cube), or none has citation data.</exception>
    /// <exception cref="ArgumentException">A technology or a year of the slices is not in the statistics, or the focus cannot be answered for.</exception>
    public PairImpactTable Compute()
    {
        var statistics = Statistics();
        var keys = Slices.Resolve(statistics.Years);
        var slices = new ImpactSlice[keys.Count];
        for (int s = 0; s < slices.Length; s++)
        {
            slices[s] = statistics.Slice(keys[s], Settings.Top);
        }

        var partners = _partners ?? CollectPartners(slices);
        var rows = new List<PairImpactRow>(partners.Length * slices.Length);
        for (int s = 0; s < slices.Length; s++)
        {
            foreach (var partner in partners)
            {
                var p = slices[s].Pair(Focus, partner);
                rows.Add(new PairImpactRow
                {
                    Slice = keys[s],
                    Focus = Focus,
                    Partner = partner,
                    Copublications = p.Copublications,
                    Mncs = p.Mncs,
                    PpTop = p.PpTop,
                    Advantage = p.Advantage,
                });
            }
        }

        return new PairImpactTable([.. rows], keys, Settings.Context(Analysis, statistics, Slices.Technology, null), Focus);
    }

    private protected override PairImpactQuery With(SliceSelection slices, ImpactSettings settings) => new(Analysis, slices, settings, Focus, _partners);

    /// <summary>Units of the analysis's level with co-publications with the focus in any slice (not groups, the unknown unit, or a group focus's own members), sorted.</summary>
    private Unit[] CollectPartners(ImpactSlice[] slices)
    {
        var options = Analysis.Options;
        var kind = options.Level == UnitLevel.Country ? UnitKind.Country : UnitKind.Institution;
        var members = new HashSet<Unit>();
        foreach (var group in options.Groups)
        {
            if (Focus.Kind == UnitKind.Group && group.Name == Focus.Code)
            {
                foreach (var member in group.Members)
                {
                    members.Add(Unit.FromCountry(options.Territory.Apply(member)));
                }
            }
        }

        var partners = new SortedSet<Unit>();
        foreach (var slice in slices)
        {
            foreach (var pair in slice.PartnersOf(Focus))
            {
                if (pair.Partner.Kind == kind && pair.Copublications > 0 && !members.Contains(pair.Partner))
                {
                    partners.Add(pair.Partner);
                }
            }
        }

        return [.. partners];
    }
}

/// <summary>The ranking of unit rows by top share within a slice (the leader rule of docs/impact.md).</summary>
internal static class ImpactRanking
{
    /// <summary>
    /// The rows of one slice in rank order with <see cref="ImpactRow.Rank"/> set: units by top share (largest first;
    /// equal up to 1e-12 relative: more whole top papers, then code; undefined last), then groups by code, unranked.
    /// </summary>
    internal static List<ImpactRow> Rank(List<ImpactRow> rows)
    {
        var units = new List<ImpactRow>();
        var groups = new List<ImpactRow>();
        foreach (var row in rows)
        {
            (row.Unit.Kind == UnitKind.Group ? groups : units).Add(row);
        }

        units.Sort(static (a, b) =>
        {
            int c = Key(b.TopShare).CompareTo(Key(a.TopShare));
            return c != 0 ? c : string.CompareOrdinal(a.Unit.Code, b.Unit.Code);
        });

        // Runs of shares equal to the run's first up to rounding: more whole top papers first, then code.
        int start = 0;
        while (start < units.Count)
        {
            int end = start + 1;
            while (end < units.Count && Same(units[end].TopShare, units[start].TopShare))
            {
                end++;
            }

            if (end - start > 1)
            {
                units.Sort(start, end - start, Comparer<ImpactRow>.Create(static (a, b) =>
                    Same(a.TopPublications, b.TopPublications)
                        ? string.CompareOrdinal(a.Unit.Code, b.Unit.Code)
                        : b.TopPublications.CompareTo(a.TopPublications)));
            }

            start = end;
        }

        var ranked = new List<ImpactRow>(rows.Count);
        for (int i = 0; i < units.Count; i++)
        {
            ranked.Add(units[i] with { Rank = i + 1 });
        }

        groups.Sort(static (a, b) => string.CompareOrdinal(a.Unit.Code, b.Unit.Code));
        foreach (var group in groups)
        {
            ranked.Add(group with { Rank = null });
        }

        return ranked;
    }

    private static double Key(double share) => double.IsNaN(share) ? double.NegativeInfinity : share;

    private static bool Same(double a, double b) =>
        a == b || Math.Abs(a - b) <= 1e-12 * Math.Max(Math.Abs(a), Math.Abs(b));
}
