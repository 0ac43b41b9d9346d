using System.Diagnostics.CodeAnalysis;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;

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
    private readonly Lazy<CollaborationCube> _cube;

    // Cubes of part of the counts, built for one query each (see CubeFor), newest last; shared by the analyses that
    // differ only in link weighting.
    private readonly List<CollaborationCube> _partial;

    private CollaborationAnalysis(Corpus? corpus, CollaborationCube? cube, AggregationOptions options, LinkWeighting weighting, List<CollaborationCube>? partial = null, PublicationFiles? files = null)
    {
        Corpus = corpus;
        Files = files;
        Options = options;
        LinkWeighting = weighting;
        _partial = partial ?? [];
        _cube = cube is not null
            ? new Lazy<CollaborationCube>(cube)
            : new Lazy<CollaborationCube>(
                () => files is not null ? files.BuildCube(options) : CollaborationCube.Build(corpus!, options),
                LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The corpus analysed, or null when the analysis started from files or from a cube.</summary>
    public Corpus? Corpus { get; }

    /// <summary>The files analysed (read again by each query), or null when the analysis started from a corpus or a cube.</summary>
    public PublicationFiles? Files { get; }

    /// <summary>Whether counts can still be computed from publications (a corpus or files), rather than only read from a cube.</summary>
    private bool HasPublications => Corpus is not null || Files is not null;

    /// <summary>The aggregation options (level, territory policy, technology assignment, unknown authors, groups).</summary>
    public AggregationOptions Options { get; }

    /// <summary>The link weighting of pair tables; default <see cref="LinkWeighting.Full"/>.</summary>
    public LinkWeighting LinkWeighting { get; }

    /// <summary>The aggregated counts, built on first access.</summary>
    public CollaborationCube Cube => _cube.Value;

    /// <summary>Starts an analysis of <paramref name="corpus"/>.</summary>
    /// <param name="corpus">The corpus or view.</param>
    /// <param name="options">The aggregation options; default <see cref="AggregationOptions.Default"/> (countries).</param>
    public static CollaborationAnalysis Of(Corpus corpus, AggregationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return new CollaborationAnalysis(corpus, null, options ?? AggregationOptions.Default, LinkWeighting.Full);
    }

    /// <summary>Starts an analysis of publication files that each query reads again (see <see cref="PublicationFiles"/>).</summary>
    /// <param name="files">The files.</param>
    /// <param name="options">The aggregation options.</param>
    internal static CollaborationAnalysis Of(PublicationFiles files, AggregationOptions options) =>
        new(null, null, options, LinkWeighting.Full, files: files);

    /// <summary>Starts an analysis of an existing cube. Options that change the counts cannot be set afterwards.</summary>
    /// <param name="cube">The cube.</param>
    public static CollaborationAnalysis Of(CollaborationCube cube)
    {
        ArgumentNullException.ThrowIfNull(cube);
        return new CollaborationAnalysis(null, cube, cube.Options, LinkWeighting.Full);
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

        return new CollaborationAnalysis(Corpus, _cube.IsValueCreated || !HasPublications ? Cube : null, Options, weighting, _partial, Files);
    }

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

        return WithGroup(new UnitGroup(name, Array.ConvertAll(members, Country.Parse)));
    }

    /// <summary>Replaces the aggregation options.</summary>
    /// <exception cref="InvalidOperationException">The analysis started from a cube and the options change the counts.</exception>
    public CollaborationAnalysis WithOptions(AggregationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!HasPublications)
        {
            if (!options.CountsLike(Options))
            {
                ThrowFixedCube();
            }

            return this;
        }

        return new CollaborationAnalysis(Corpus, null, options, LinkWeighting, files: Files);
    }

    /// <summary>Focuses on one unit: an alpha-2 code or country name, an institution key or name, or a group name.</summary>
    /// <param name="unit">The unit.</param>
    /// <exception cref="ArgumentException">No such unit.</exception>
    public FocusAnalysis Focus(string unit) => new(this, Resolve(unit));

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
        return new(this, SliceSelection.Default, Array.ConvertAll(units, Resolve));
    }

    /// <summary>Every pair of units with co-publications, slice by slice, with its link weight.</summary>
    public PairQuery Pairs() => new(this, SliceSelection.Default);

    /// <summary>"Countries of corpus ..." with the options.</summary>
    public override string ToString() => $"Collaboration analysis ({Options.Describe()}; links={ResultContext.LinkWeightingName(LinkWeighting)})";

    internal ResultContext Context(CollaborationIndex? rankedBy, string? technology) => Context(Cube, rankedBy, technology);

    internal ResultContext Context(CollaborationCube cube, CollaborationIndex? rankedBy, string? technology) =>
        new(Options, LinkWeighting, rankedBy, cube.Diagnostics) { Technology = technology };

    /// <summary>
    /// A cube that holds at least <paramref name="content"/>: the full cube when it is built already (or the analysis
    /// started from a cube), a cube built earlier for another query when it covers the request, else a new cube of
    /// just that content. Its values are those of the full cube, bit for bit.
    /// </summary>
    internal CollaborationCube CubeFor(CubeContent content)
    {
        if (!HasPublications || _cube.IsValueCreated)
        {
            var cube = Cube;
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
                ? Files.Aggregate(Options, content, null)
                : CubeEngine.BuildFromCorpus(Corpus!, Options, content, null, default);
            _partial.Add(built);
            return built;
        }
    }

    /// <summary>Finds a unit by code, name or group name.</summary>
    internal Unit Resolve(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        code = code.Trim();
        foreach (var group in Options.Groups)
        {
            if (string.Equals(group.Name, code, StringComparison.OrdinalIgnoreCase))
            {
                return Unit.Group(group.Name);
            }
        }

        if (Options.Level == UnitLevel.Country)
        {
            if (Country.TryParse(code, out var country))
            {
                return ResolveCountry(country);
            }

            if (code == Unit.Unknown.Code || string.Equals(code, Unit.Unknown.Label, StringComparison.OrdinalIgnoreCase))
            {
                return Unit.Unknown;
            }

            ThrowUnknownUnit(code, "an ISO 3166-1 code or English country name, or the name of a group added with WithGroup");
        }

        Unit? byLabel = null;
        int labels = 0;
        foreach (var unit in CubeFor(CubeContent.UnitsOnly).Units)
        {
            if (string.Equals(unit.Code, code, StringComparison.Ordinal))
            {
                return unit;
            }

            if (string.Equals(unit.Label, code, StringComparison.OrdinalIgnoreCase))
            {
                byLabel = unit;
                labels++;
            }
        }

        if (labels == 1)
        {
            return byLabel!.Value;
        }

        if (labels > 1)
        {
            throw new ArgumentException($"{labels} institutions are named '{code}': use the institution's key (id) instead.", nameof(code));
        }

        ThrowUnknownUnit(code, "an institution key (id) or an exact institution name present in the corpus");
        return default;
    }

    private Unit ResolveCountry(Country country) => Unit.FromCountry(Options.Territory.Apply(country));

    [DoesNotReturn]
    private static void ThrowFixedCube() =>
        throw new InvalidOperationException("This analysis started from a cube, whose counts are fixed: start from the corpus (corpus.Countries()) to change aggregation options.");

    [DoesNotReturn]
    private static void ThrowUnknownUnit(string code, string expected) =>
        throw new ArgumentException($"'{code}' is not a unit of this analysis: use {expected}.", nameof(code));
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
