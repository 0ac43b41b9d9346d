using System.Diagnostics.CodeAnalysis;

namespace CollabMetrics.Synthetic;

/// <summary>
/// The parameters of a synthetic corpus (see <see cref="SyntheticCorpus"/>). Immutable; change with <c>with</c>.
/// The same options give the same corpus on every machine.
/// </summary>
/// <example>
/// <code>
/// var options = SyntheticCorpusOptions.Default with { Publications = 1_000_000, Seed = 7 };
/// Corpus corpus = SyntheticCorpus.BuildCorpus(options);
/// </code>
/// </example>
public sealed record SyntheticCorpusOptions
{
    /// <summary>
    /// The designed drifts of <see cref="Trends"/>: CN-US rises to a peak in 2019 and then falls fast; CN-PK rises
    /// steeply and overtakes CN-JP, which weakens; CN-RU, CN-SA and US-IN strengthen; GB-DE weakens after 2016.
    /// </summary>
    public static IReadOnlyList<BilateralTrend> DefaultTrends { get; } =
    [
        new("CN", "US", Start: 2.0, PeakYear: 2019, Peak: 3.0, End: 0.9),
        new("CN", "PK", Start: 0.5, PeakYear: 2024, Peak: 9.0, End: 9.0),
        new("CN", "JP", Start: 2.0, PeakYear: 2005, Peak: 2.0, End: 0.9),
        new("CN", "RU", Start: 0.6, PeakYear: 2024, Peak: 2.5, End: 2.5),
        new("CN", "SA", Start: 0.5, PeakYear: 2024, Peak: 3.0, End: 3.0),
        new("US", "IN", Start: 0.8, PeakYear: 2024, Peak: 1.8, End: 1.8),
        new("GB", "DE", Start: 1.6, PeakYear: 2016, Peak: 1.6, End: 1.1),
    ];

    // Declared after DefaultTrends: static initializers run in order.
    /// <summary>All defaults: 100,000 publications, 2005-2024, seed 42.</summary>
    public static SyntheticCorpusOptions Default { get; } = new();

    /// <summary>The seed of the random streams. Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>
    /// How many publications. Default 100,000. Publication k is drawn from its own random stream, so a smaller
    /// corpus is a prefix of a larger one with the same other options.
    /// </summary>
    public long Publications { get; init; } = 100_000;

    /// <summary>The first publication year. Default 2005.</summary>
    public int FirstYear { get; init; } = 2005;

    /// <summary>The last publication year. Default 2024.</summary>
    public int LastYear { get; init; } = 2024;

    /// <summary>Yearly growth of the total output: year y has (1 + growth)^(y - first) times the first year's output. Default 0.07.</summary>
    public double AnnualGrowth { get; init; } = 0.07;

    /// <summary>
    /// How many countries publish (real ISO 3166 codes; CN and US largest, a heavy tail of small producers; at most
    /// about 200). Default 200.
    /// </summary>
    public int Countries { get; init; } = 200;

    /// <summary>
    /// How many technology labels (the first of the 74 names in <see cref="SyntheticCorpus.TechnologyNames"/>), 1-74.
    /// Default 74.
    /// </summary>
    public int Technologies { get; init; } = 74;

    /// <summary>Share of publications with more than one label; further labels are added with probability 0.35 each, up to 6. Default 0.35.</summary>
    public double MultiLabelShare { get; init; } = 0.35;

    /// <summary>Share of international publications (two countries or more). Default 0.25.</summary>
    public double InternationalShare { get; init; } = 0.25;

    /// <summary>Mean number of distinct countries per publication; must exceed 1 + <see cref="InternationalShare"/>. Default 1.3.</summary>
    public double MeanCountriesPerPublication { get; init; } = 1.3;

    /// <summary>Median number of authors per publication. Default 5.</summary>
    public double MedianAuthors { get; init; } = 5;

    /// <summary>Mean number of authors per publication (log-normal body plus the large collaborations); above the median. Default 6.</summary>
    public double MeanAuthors { get; init; } = 6;

    /// <summary>
    /// Share of large collaborations: 50 to <see cref="MaxAuthors"/> authors (Pareto tail), 3 to 27 countries.
    /// Default 0.002.
    /// </summary>
    public double LargeCollaborationShare { get; init; } = 0.002;

    /// <summary>The largest number of authors of a publication. Default 1,000.</summary>
    public int MaxAuthors { get; init; } = 1000;

    /// <summary>Share of authors with a second affiliation (a third of them in another country of the paper). Default 0.08.</summary>
    public double DualAffiliationShare { get; init; } = 0.08;

    /// <summary>About how many institutions, each in one country, spread over countries by output (at least one each). Default 4,000.</summary>
    public int Institutions { get; init; } = 4000;

    /// <summary>The pool of author ids of each institution. Default 400.</summary>
    public int AuthorsPerInstitution { get; init; } = 400;

    /// <summary>Give authors ids (<c>SYN-A0000001</c>). Default true.</summary>
    public bool AuthorIds { get; init; } = true;

    /// <summary>Give publications DOIs (<c>10.5555/syn-000000001</c>, a prefix reserved for examples). Default true.</summary>
    public bool Dois { get; init; } = true;

    /// <summary>
    /// How strongly partner choice follows partner size: a country picks partner Y with weight
    /// output(Y)^exponent times any <see cref="Trends"/> multiplier. Default 0.7.
    /// </summary>
    public double PartnerSizeExponent { get; init; } = 0.7;

    /// <summary>Designed drifts of bilateral preferences. Default <see cref="DefaultTrends"/>.</summary>
    public IReadOnlyList<BilateralTrend> Trends { get; init; } = DefaultTrends;

    /// <summary>
    /// Give publications citation counts: heavy-tailed, growing with the years since publication (counted at the end
    /// of <see cref="LastYear"/>), technology-dependent, with <see cref="InternationalCitationPremium"/> for
    /// international papers and a country effect that drifts over time. They come from a random stream of their own:
    /// every other value of the corpus is the same with or without them. Default true.
    /// </summary>
    public bool Citations { get; init; } = true;

    /// <summary>
    /// The expected citation count of a domestic publication published long before the count, with average
    /// technology and country effects; from 0 to 1,000. Default 12.
    /// </summary>
    public double MeanCitations { get; init; } = 12;

    /// <summary>How many times more citations an international publication expects than a domestic one; from 0.25 to 4. Default 1.3.</summary>
    public double InternationalCitationPremium { get; init; } = 1.3;

    /// <summary>Throws when an option is out of range, saying which and why.</summary>
    internal void Validate()
    {
        Check(Publications >= 0, nameof(Publications), "must be zero or more");
        Check(FirstYear is >= 1900 and <= 2100 && LastYear >= FirstYear && LastYear <= 2100, nameof(LastYear), "years must satisfy 1900 <= FirstYear <= LastYear <= 2100");
        Check(AnnualGrowth is > -0.5 and < 1, nameof(AnnualGrowth), "must be between -0.5 and 1");
        Check(Countries >= 2 && Countries <= SyntheticCountries.Available, nameof(Countries), $"must be between 2 and {SyntheticCountries.Available}");
        Check(Technologies is >= 1 and <= 74, nameof(Technologies), "must be between 1 and 74");
        Check(MultiLabelShare is >= 0 and <= 1, nameof(MultiLabelShare), "must be between 0 and 1");
        Check(InternationalShare is >= 0 and < 1, nameof(InternationalShare), "must be between 0 and 1");
        Check(LargeCollaborationShare >= 0 && LargeCollaborationShare <= InternationalShare, nameof(LargeCollaborationShare), "must be between 0 and InternationalShare (large collaborations are international)");
        Check(MeanCountriesPerPublication >= 1 + InternationalShare, nameof(MeanCountriesPerPublication), "must be at least 1 + InternationalShare (an international paper has two countries or more)");
        Check(MedianAuthors is >= 1 and < 50, nameof(MedianAuthors), "must be between 1 and 50");
        Check(MaxAuthors is >= 50 and <= 100_000, nameof(MaxAuthors), "must be between 50 and 100,000");
        Check(MeanAuthors >= MedianAuthors, nameof(MeanAuthors), "must be at least MedianAuthors");
        Check(DualAffiliationShare is >= 0 and <= 1, nameof(DualAffiliationShare), "must be between 0 and 1");
        Check(Institutions >= Countries, nameof(Institutions), "must be at least Countries (each country has an institution)");
        Check(AuthorsPerInstitution is >= 1 and <= 100_000, nameof(AuthorsPerInstitution), "must be between 1 and 100,000");
        Check((long)Institutions * AuthorsPerInstitution <= 100_000_000, nameof(AuthorsPerInstitution), "Institutions x AuthorsPerInstitution must not exceed 100 million");
        Check(PartnerSizeExponent is >= 0 and <= 3, nameof(PartnerSizeExponent), "must be between 0 and 3");
        Check(MeanCitations is >= 0 and <= 1000, nameof(MeanCitations), "must be between 0 and 1,000");
        Check(InternationalCitationPremium is >= 0.25 and <= 4, nameof(InternationalCitationPremium), "must be between 0.25 and 4");
        Check(Trends is not null, nameof(Trends), "must not be null (use [] for none)");
        foreach (var trend in Trends!)
        {
            Check(trend is not null && trend.A.IsKnown && trend.B.IsKnown && trend.A != trend.B, nameof(Trends), "each trend needs two different known countries");
            Check(trend!.Start > 0 && trend.Peak > 0 && trend.End > 0, nameof(Trends), $"multipliers of {trend.A}-{trend.B} must be positive");
        }
    }

    private static void Check([DoesNotReturnIf(false)] bool condition, string option, string message)
    {
        if (!condition)
        {
            ThrowInvalid(option, message);
        }
    }

    [DoesNotReturn]
    private static void ThrowInvalid(string option, string message) =>
        throw new ArgumentException($"SyntheticCorpusOptions.{option} {message}.", option);
}
