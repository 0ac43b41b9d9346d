using System.Diagnostics.CodeAnalysis;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Impact;

namespace CollabMetrics.Metrics;

/// <summary>
/// The start of a collaboration analysis of a corpus (or of an existing cube) at the country or institution level.
/// Immutable: each <c>With*</c> method returns a new analysis. The counts are aggregated once, on first use, and
/// shared by every query made from the same analysis.
/// </summary>
/// <example>
/// <code>
/// PartnerTable table = corpus.Years(2005, 2024).Countries()
///     .WithTerritory(TerritoryPolicy.GreaterChina)
///     .Focus("CN").Partners().ByYear()
///     .Rank(CollaborationIndex.PartnerShare).Top(10);
/// </code>
/// </example>
public sealed class CollaborationAnalysis
{
    private readonly CubeSource _source;

    private CollaborationAnalysis(CubeSource source, LinkWeighting weighting, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        _source = source;
        LinkWeighting = weighting;
        Progress = progress;
        CancellationToken = cancellationToken;
    }

    /// <summary>The corpus analysed, or null when the analysis started from files or from a cube.</summary>
    public Corpus? Corpus => _source.Corpus;

    /// <summary>The files analysed (read again by each query), or null when the analysis started from a corpus or a cube.</summary>
    public PublicationFiles? Files => _source.Files;

    /// <summary>The aggregation options (level, territory policy, technology assignment, unknown authors, groups).</summary>
    public AggregationOptions Options => _source.Options;

    /// <summary>The link weighting of pair tables; default <see cref="LinkWeighting.Full"/>.</summary>
    public LinkWeighting LinkWeighting { get; }

    /// <summary>Receives the progress of the aggregation when a query needs counts not aggregated yet; default none.</summary>
    public IProgress<WorkProgress>? Progress { get; }

    /// <summary>Cancels the aggregation when a query needs counts not aggregated yet; default none.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Every aggregated count, built on first access (reporting to <see cref="Progress"/> and stopped by
    /// <see cref="CancellationToken"/>) and shared by every analysis that differs from this one only in link
    /// weighting, progress or cancellation. A cancelled build is not kept: the next access builds again. (Queries
    /// build only the part of the counts they read, unless this full cube is built already.)
    /// </summary>
    /// <exception cref="OperationCanceledException">The build was cancelled.</exception>
    public CollaborationCube Cube => _source.Get(Progress, CancellationToken);

    /// <summary>Whether every count is built already (<see cref="Cube"/>), so no query aggregates again.</summary>
    public bool IsCubeBuilt => _source.IsBuilt;

    /// <summary>Starts an analysis of <paramref name="corpus"/>.</summary>
    /// <param name="corpus">The corpus or view.</param>
    /// <param name="options">The aggregation options; default <see cref="AggregationOptions.Default"/> (countries).</param>
    public static CollaborationAnalysis Of(Corpus corpus, AggregationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return new CollaborationAnalysis(new CubeSource(corpus, null, null, options ?? AggregationOptions.Default), LinkWeighting.Full, null, default);
    }

    /// <summary>Starts an analysis of publication files that each query reads again (see <see cref="PublicationFiles"/>).</summary>
    /// <param name="files">The files.</param>
    /// <param name="options">The aggregation options.</param>
    internal static CollaborationAnalysis Of(PublicationFiles files, AggregationOptions options) =>
        new(new CubeSource(null, files, null, options), LinkWeighting.Full, null, default);

    /// <summary>Starts an analysis of an existing cube. Options that change the counts cannot be set afterwards.</summary>
    /// <param name="cube">The cube.</param>
    public static CollaborationAnalysis Of(CollaborationCube cube)
    {
        ArgumentNullException.ThrowIfNull(cube);
        return new CollaborationAnalysis(new CubeSource(null, null, cube, cube.Options), LinkWeighting.Full, null, default);
    }

    /// <summary>Counts territories under <paramref name="policy"/> (countries only).</summary>
    public CollaborationAnalysis WithTerritory(TerritoryPolicy policy) => WithOptions(Options with { Territory = policy });

    /// <summary>Assigns publications with several technology labels wholly to each, or fractionally.</summary>
    public CollaborationAnalysis WithTechnologyAssignment(TechnologyAssignment assignment) =>
        WithOptions(Options with { Technologies = assignment });

    /// <summary>Leaves authors without a resolved unit out (default) or counts them as an "unknown" unit.</summary>
    public CollaborationAnalysis WithUnknownAuthors(UnknownAuthorPolicy policy) => WithOptions(Options with { UnknownAuthors = policy });

    /// <summary>Aggregates on at most <paramref name="maxDegreeOfParallelism"/> threads (null = all cores). Results do not change.</summary>
    public CollaborationAnalysis WithParallelism(int? maxDegreeOfParallelism) =>
        WithOptions(Options with { MaxDegreeOfParallelism = maxDegreeOfParallelism });

    /// <summary>Weights the links of pair tables with <paramref name="weighting"/>.</summary>
    public CollaborationAnalysis WithLinkWeighting(LinkWeighting weighting)
    {
        if (!Enum.IsDefined(weighting))
        {
            throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "Unknown link weighting.");
        }

        return new CollaborationAnalysis(_source, weighting, Progress, CancellationToken);
    }

    /// <summary>
    /// Reports the progress of the aggregation (phase <c>aggregate</c>, in publications) to
    /// <paramref name="progress"/> when a query first needs the counts. The counts do not change.
    /// </summary>
    /// <param name="progress">The receiver, or null for none.</param>
    public CollaborationAnalysis WithProgress(IProgress<WorkProgress>? progress) => new(_source, LinkWeighting, progress, CancellationToken);

    /// <summary>
    /// Stops the aggregation with <paramref name="cancellationToken"/> when a query first needs the counts: the
    /// query then throws <see cref="OperationCanceledException"/>. The counts do not change.
    /// </summary>
    /// <param name="cancellationToken">The token.</param>
    public CollaborationAnalysis WithCancellation(CancellationToken cancellationToken) => new(_source, LinkWeighting, Progress, cancellationToken);

    /// <summary>
    /// Adds a group of countries as a virtual unit (usable as focus or partner; each publication counted once for the
    /// group). A group with the same name and members is added once.
    /// </summary>
    /// <param name="group">The group, such as <see cref="UnitGroups.FiveEyes"/>.</param>
    public CollaborationAnalysis WithGroup(UnitGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        foreach (var existing in Options.Groups)
        {
            if (existing.Equals(group))
            {
                return this;
            }

            if (string.Equals(existing.Name, group.Name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A different group named '{group.Name}' is already part of the analysis: give the new group another name.", nameof(group));
            }
        }

        return WithOptions(Options with { Groups = [.. Options.Groups, group] });
    }

    /// <summary>Adds a named group of countries (see <see cref="WithGroup(UnitGroup)"/>).</summary>
    /// <param name="name">The group's name, used as its unit code.</param>
    /// <param name="members">Country codes or names, such as "US", "JP", "Australia".</param>
    public CollaborationAnalysis WithGroup(string name, params string[] members)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Length == 0)
        {
            throw new ArgumentException("Name at least one member country.", nameof(members));
        }

        var countries = new Country[members.Length];
        for (int i = 0; i < members.Length; i++)
        {
            if (!Country.TryParse(members[i], out countries[i]))
            {
                throw new ArgumentException(Country.DescribeUnknown(members[i] ?? string.Empty), nameof(members));
            }
        }

        return WithGroup(new UnitGroup(name, countries));
    }

    /// <summary>Replaces the aggregation options.</summary>
    /// <exception cref="InvalidOperationException">The analysis started from a cube and the options change the counts.</exception>
    public CollaborationAnalysis WithOptions(AggregationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_source.HasPublications)
        {
            if (!options.CountsLike(Options))
            {
                ThrowFixedCube();
            }

            return this;
        }

        return new CollaborationAnalysis(new CubeSource(Corpus, Files, null, options), LinkWeighting, Progress, CancellationToken);
    }

    /// <summary>Focuses on one unit: an alpha-2 code or country name, an institution key or name, or a group name.</summary>
    /// <param name="unit">The unit.</param>
    /// <exception cref="ArgumentException">No such unit.</exception>
    public FocusAnalysis Focus(string unit) => new(this, Resolve(unit, nameof(unit)));

    /// <summary>Focuses on one country.</summary>
    public FocusAnalysis Focus(Country country)
    {
        if (!country.IsKnown)
        {
            throw new ArgumentException("Country.Unknown cannot be a focus: name a country.", nameof(country));
        }

        return new(this, ResolveCountry(country));
    }

    /// <summary>Focuses on a group of countries, adding it to the analysis when needed.</summary>
    public FocusAnalysis Focus(UnitGroup group)
    {
        var analysis = WithGroup(group);
        return new(analysis, Unit.Group(group.Name));
    }

    /// <summary>The output of every unit (countries, institutions, groups), slice by slice.</summary>
    public UnitQuery Units() => new(this, SliceSelection.Default, null);

    /// <summary>The output of the given units, slice by slice.</summary>
    /// <param name="units">Unit codes or names (see <see cref="Focus(string)"/>).</param>
    public UnitQuery Units(params string[] units)
    {
        ArgumentNullException.ThrowIfNull(units);
        return new(this, SliceSelection.Default, Array.ConvertAll(units, u => Resolve(u, nameof(units))));
    }

    /// <summary>Every pair of units with co-publications, slice by slice, with its link weight.</summary>
    public PairQuery Pairs() => new(this, SliceSelection.Default);

    /// <summary>
    /// The citation impact of the units (docs/impact.md): top x% papers with shared ties, normalised citation scores,
    /// h-index, impact by collaboration type, of a focus's co-publications, and the concentration of the top papers.
    /// The impact statistics are aggregated once per citation source and reference-set rule, on first use, and shared
    /// by every query; any x is computed from them. Needs an analysis of a corpus.
    /// </summary>
    /// <example>
    /// <code>
    /// ImpactTable table = corpus.Countries().Impact().ByYear().TopPercent(10).Compute();
    /// </code>
    /// </example>
    public ImpactQuery Impact() => new(this, SliceSelection.Default, ImpactSettings.Default, null);

    /// <summary>"Countries of corpus ..." with the options.</summary>
    public override string ToString() => $"Collaboration analysis ({Options.Describe()}; links={LinkWeighting.ToName()})";

    internal ResultContext Context(CollaborationIndex? rankedBy, string? technology) => Context(Cube, rankedBy, technology);

    internal ResultContext Context(CollaborationCube cube, CollaborationIndex? rankedBy, string? technology) =>
        new(Options, LinkWeighting, rankedBy, cube.Diagnostics) { Technology = technology };

    /// <summary>The context of a table over <paramref name="slices"/>: one technology, all, or each.</summary>
    internal ResultContext Context(CollaborationCube cube, CollaborationIndex? rankedBy, SliceSelection slices) =>
        new(Options, LinkWeighting, rankedBy, cube.Diagnostics) { Technology = slices.Technology, ByTechnology = slices.EachTechnology };

    /// <summary>
    /// A cube that holds at least <paramref name="content"/>: the full cube when it is built already (or the analysis
    /// started from a cube), a cube built earlier for another query when it covers the request, else a new cube of
    /// just that content (reporting to <see cref="Progress"/>, stopped by <see cref="CancellationToken"/>). Its
    /// values are those of the full cube, bit for bit.
    /// </summary>
    internal CollaborationCube CubeFor(CubeContent content) => _source.CubeFor(content, Progress, CancellationToken);

    /// <summary>
    /// The impact statistics of the analysis's corpus under <paramref name="source"/>, with reference sets by document
    /// type or not: built on first use (reporting to <see cref="Progress"/> as phase <c>impact</c>, stopped by
    /// <see cref="CancellationToken"/>) and shared by the analyses that differ only in link weighting, progress or
    /// cancellation.
    /// </summary>
    /// <exception cref="InvalidOperationException">The analysis started from files or a cube, without a corpus.</exception>
    internal ImpactStatistics ImpactStatistics(CitationSource source, bool byDocumentType) =>
        _source.Impact(source, byDocumentType, Progress, CancellationToken);

    /// <summary>Finds a unit by code, name or group name (see <see cref="UnitResolver"/>); errors name <paramref name="parameterName"/>.</summary>
    internal Unit Resolve(string name, string parameterName) =>
        new UnitResolver(Options, () => CubeFor(CubeContent.UnitsOnly).Units).Resolve(name, parameterName);

    private Unit ResolveCountry(Country country) => Unit.FromCountry(Options.Territory.Apply(country));

    /// <summary>
    /// The publications (a corpus or files) and options of an analysis, the full cube built from them once, and the
    /// partial cubes built for single queries; shared by the analyses that differ only in link weighting, progress
    /// or cancellation. A build that fails or is cancelled is not kept.
    /// </summary>
    private sealed class CubeSource(Corpus? corpus, PublicationFiles? files, CollaborationCube? cube, AggregationOptions options)
    {
        private readonly Lock _gate = new();
        private readonly List<CollaborationCube> _partial = [];
        private readonly Dictionary<(CitationSource, bool), ImpactStatistics> _impact = [];
        private CollaborationCube? _cube = cube;

        public Corpus? Corpus { get; } = corpus;

        public PublicationFiles? Files { get; } = files;

        public AggregationOptions Options { get; } = options;

        public bool HasPublications => Corpus is not null || Files is not null;

        public bool IsBuilt => Volatile.Read(ref _cube) is not null;

        public CollaborationCube Get(IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _cube) is { } built)
            {
                return built;
            }

            lock (_gate)
            {
                if (_cube is null)
                {
                    var cube = Files is not null
                        ? Files.BuildCube(Options, progress)
                        : CollaborationCube.Build(Corpus!, Options, progress, cancellationToken);
                    Volatile.Write(ref _cube, cube);
                }

                return _cube;
            }
        }

        public ImpactStatistics Impact(CitationSource source, bool byDocumentType, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
        {
            if (Corpus is null)
            {
                throw new InvalidOperationException(
                    Files is not null
                        ? "Citation impact is computed from a corpus: read the files with Corpus.FromFiles and start the analysis from the corpus (corpus.Countries().Impact())."
                        : "Citation impact needs the publications, not a cube: start the analysis from a corpus (corpus.Countries().Impact()).");
            }

            lock (_impact)
            {
                if (!_impact.TryGetValue((source, byDocumentType), out var statistics))
                {
                    Options.Validate();
                    statistics = ImpactEngine.Build(
                        Corpus, Options, ImpactReferenceClasses.Of(Corpus, byDocumentType), source,
                        PhaseProgress.For(progress, "impact", "publications", Corpus.Count), cancellationToken: cancellationToken);
                    _impact.Add((source, byDocumentType), statistics);
                }

                return statistics;
            }
        }

        public CollaborationCube CubeFor(CubeContent content, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
        {
            if (!HasPublications || IsBuilt)
            {
                var cube = Get(progress, cancellationToken);
                if (!cube.Content.Covers(content))
                {
                    throw new InvalidOperationException("This analysis's cube does not hold the counts the query needs; build the analysis from a corpus or from a full cube.");
                }

                return cube;
            }

            lock (_partial)
            {
                for (int i = _partial.Count - 1; i >= 0; i--)
                {
                    if (_partial[i].Content.Covers(content) && _partial[i].Options.CountsLike(Options))
                    {
                        return _partial[i];
                    }
                }

                Options.Validate();
                var built = Files is not null
                    ? Files.Aggregate(Options, content, progress)
                    : CubeEngine.BuildFromCorpus(Corpus!, Options, content, PhaseProgress.For(progress, "aggregate", "publications", Corpus!.Count), cancellationToken);
                _partial.Add(built);
                return built;
            }
        }
    }

    [DoesNotReturn]
    private static void ThrowFixedCube() =>
        throw new InvalidOperationException("This analysis started from a cube, whose counts are fixed: start from the corpus (corpus.Countries()) to change aggregation options.");

}

/// <summary>Starts collaboration analyses from a <see cref="CollabMetrics.Corpus"/> or a <see cref="CollaborationCube"/>.</summary>
/// <example>
/// <code>
/// var china = corpus.Countries().Focus("CN");
/// var mit = corpus.ByInstitution().Focus("Massachusetts Institute of Technology");
/// </code>
/// </example>
public static class CollaborationAnalysisExtensions
{
    /// <summary>A country-level analysis of the corpus (territory policy ISO 3166 unless changed).</summary>
    public static CollaborationAnalysis Countries(this Corpus corpus) => CollaborationAnalysis.Of(corpus);

    /// <summary>
    /// An institution-level analysis of the corpus (named <c>ByInstitution</c> because <see cref="Corpus.Institutions"/>
    /// lists the corpus's institutions).
    /// </summary>
    public static CollaborationAnalysis ByInstitution(this Corpus corpus) =>
        CollaborationAnalysis.Of(corpus, AggregationOptions.Default with { Level = UnitLevel.Institution });

    /// <summary>An analysis of an existing cube, at its level and with its options.</summary>
    public static CollaborationAnalysis Analyze(this CollaborationCube cube) => CollaborationAnalysis.Of(cube);
}
