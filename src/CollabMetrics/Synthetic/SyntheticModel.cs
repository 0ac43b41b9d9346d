using CollabMetrics.Geography;

namespace CollabMetrics.Synthetic;

/// <summary>
/// The sampling tables derived once from <see cref="SyntheticCorpusOptions"/>, and the sampler of one publication.
/// Thread-safe: <see cref="Sample"/> writes only into the caller's <see cref="SyntheticPaper"/>.
/// </summary>
/// <remarks>
/// Tables hold cumulative weights scaled to 2^32 so that every draw is integer arithmetic: the tables are computed
/// with floating point once, draws never are.
/// </remarks>
internal sealed class SyntheticModel
{
    /// <summary>Authors from which a publication is a large collaboration.</summary>
    internal const int LargeCollaborationAuthors = 50;

    private const int MaxTechnologiesPerPublication = 6;
    private const int LargeCollaborationMinCountries = 3;
    private const int LargeCollaborationCountrySpread = 25;
    private const double Two32 = 4294967296.0;

    private readonly ulong _seed;
    private readonly int _years;
    private readonly int _countries;
    private readonly int _technologies;
    private readonly int _authorsPerInstitution;
    private readonly ulong[] _yearCdf;
    private readonly ulong[][] _leadCdf;
    private readonly ulong[][] _partnerCdf;
    private readonly ulong[][] _technologyCdf;
    private readonly ulong[] _authorCdf;
    private readonly uint _international;
    private readonly uint _extraCountry;
    private readonly uint _dual;
    private readonly uint _multiLabel;
    private readonly int[] _institutionStart;
    private readonly SyntheticCitations? _citations;

    internal SyntheticModel(SyntheticCorpusOptions options)
    {
        options.Validate();
        Options = options;
        _seed = options.Seed;
        _years = options.LastYear - options.FirstYear + 1;
        _countries = options.Countries;
        _technologies = options.Technologies;
        _authorsPerInstitution = options.AuthorsPerInstitution;

        var profile = SyntheticCountries.Profile(_countries);
        Countries = new Country[_countries];
        for (int c = 0; c < _countries; c++)
        {
            Countries[c] = profile[c].Country;
        }

        _yearCdf = BuildYears(options, _years);
        (_leadCdf, _partnerCdf) = BuildCountries(options, profile, _years);
        _technologyCdf = BuildTechnologies(options, _years);
        _authorCdf = BuildAuthors(options);

        double large = options.LargeCollaborationShare;
        double international = (options.InternationalShare - large) / (1 - large);
        double largeCountries = LargeCollaborationMinCountries + ((LargeCollaborationCountrySpread - 1) / 2.0);
        double extra = 0;
        if (international > 0)
        {
            // Mean countries = (1 - L) (1 + p (1 + q / (1 - q))) + L * largeCountries; solve for q.
            double ratio = ((((options.MeanCountriesPerPublication - (large * largeCountries)) / (1 - large)) - 1) / international) - 1;
            extra = Math.Clamp(ratio / (1 + ratio), 0, 0.9);
        }

        _international = Threshold(international);
        _extraCountry = Threshold(extra);
        _dual = Threshold(options.DualAffiliationShare);
        _multiLabel = Threshold(options.MultiLabelShare);

        (_institutionStart, InstitutionCountries, InstitutionIds, InstitutionNames) = BuildInstitutions(options, profile);
        TechnologyNames = SyntheticTechnologies.Names[.._technologies];
        _citations = options.Citations ? new SyntheticCitations(options, Countries, _technologies) : null;
    }

    internal SyntheticCorpusOptions Options { get; }

    /// <summary>The countries, largest first.</summary>
    internal Country[] Countries { get; }

    /// <summary>The technology labels in use.</summary>
    internal string[] TechnologyNames { get; }

    /// <summary>Country of each institution.</summary>
    internal Country[] InstitutionCountries { get; }

    internal string[] InstitutionIds { get; }

    internal string[] InstitutionNames { get; }

    /// <summary>The size of the author id pool.</summary>
    internal int AuthorPool => InstitutionCountries.Length * _authorsPerInstitution;

    internal static string PublicationId(long index) => $"SYN-{index + 1:D9}";

    internal static string PublicationDoi(long index) => $"10.5555/syn-{index + 1:D9}";

    internal static string AuthorId(int author) => $"SYN-A{author + 1:D7}";

    /// <summary>Draws publication <paramref name="index"/> into <paramref name="paper"/>.</summary>
    internal void Sample(long index, SyntheticPaper paper)
    {
        var rng = new Xoshiro256(_seed, (ulong)index);
        int year = rng.Pick(_yearCdf);
        paper.Year = Options.FirstYear + year;

        int n = rng.Pick(_authorCdf) + 1;
        int lead = rng.Pick(_leadCdf[year]);
        int m;
        if (n >= LargeCollaborationAuthors)
        {
            m = Math.Min(LargeCollaborationMinCountries + rng.NextInt(LargeCollaborationCountrySpread), _countries);
        }
        else if (rng.Chance(_international))
        {
            m = 2;
            while (m < _countries && rng.Chance(_extraCountry))
            {
                m++;
            }
        }
        else
        {
            m = 1;
        }

        n = Math.Max(n, m);
        paper.Reset(n, m);

        // Countries: the lead, then distinct partners drawn from the lead's partner distribution of the year.
        var countries = paper.Countries;
        countries[0] = lead;
        var partners = _partnerCdf[(year * _countries) + lead];
        for (int j = 1; j < m; j++)
        {
            int partner = -1;
            for (int attempt = 0; attempt < 64 && partner < 0; attempt++)
            {
                int candidate = rng.Pick(partners);
                if (Array.IndexOf(countries, candidate, 0, j) < 0)
                {
                    partner = candidate;
                }
            }

            if (partner < 0)
            {
                // A very wide collaboration exhausted the likely partners: take the next unused country.
                partner = rng.NextInt(_countries);
                while (Array.IndexOf(countries, partner, 0, j) >= 0)
                {
                    partner = (partner + 1) % _countries;
                }
            }

            countries[j] = partner;
        }

        // Each country's main institution on this paper.
        var main = paper.MainInstitutions;
        for (int j = 0; j < m; j++)
        {
            main[j] = PickInstitution(ref rng, countries[j]);
        }

        // Authors: the first in the lead country, one in each partner country, the rest mostly in the lead country.
        var authorCountry = paper.AuthorCountry;
        for (int u = 0; u < n; u++)
        {
            authorCountry[u] = u < m ? u : rng.Chance(0x8000_0000u) ? 0 : rng.NextInt(m);
        }

        for (int u = n - 1; u > 1; u--)
        {
            int v = 1 + rng.NextInt(u);
            (authorCountry[u], authorCountry[v]) = (authorCountry[v], authorCountry[u]);
        }

        paper.Corresponding = rng.Chance(0xCCCC_CCCDu) ? 0 : n - 1;
        int affiliations = 0;
        for (int u = 0; u < n; u++)
        {
            int j = authorCountry[u];
            int institution = rng.Chance(0xC000_0000u) ? main[j] : PickInstitution(ref rng, countries[j]);
            paper.AuthorKeys[u] = (institution * _authorsPerInstitution) + rng.NextInt(_authorsPerInstitution);
            paper.AffiliationStart[u] = affiliations;
            paper.Add(ref affiliations, institution);
            if (rng.Chance(_dual))
            {
                if (m >= 2 && rng.Chance(0x5555_5555u))
                {
                    paper.Add(ref affiliations, main[(j + 1 + rng.NextInt(m - 1)) % m]);
                }
                else
                {
                    int c = countries[j];
                    int start = _institutionStart[c], count = _institutionStart[c + 1] - start;
                    if (count > 1)
                    {
                        paper.Add(ref affiliations, start + ((institution - start + 1 + rng.NextInt(count - 1)) % count));
                    }
                }
            }
        }

        paper.AffiliationStart[n] = affiliations;

        // Technologies: distinct labels from the year's distribution, ascending.
        int labels = 1;
        if (rng.Chance(_multiLabel))
        {
            labels = 2;
            while (labels < MaxTechnologiesPerPublication && rng.Chance(0x5999_999Au))
            {
                labels++;
            }
        }

        labels = Math.Min(labels, _technologies);
        var techs = paper.Technologies;
        var table = _technologyCdf[year];
        for (int t = 0; t < labels; t++)
        {
            int label;
            do
            {
                label = rng.Pick(table);
            }
            while (Array.IndexOf(techs, label, 0, t) >= 0);

            int at = t;
            while (at > 0 && techs[at - 1] > label)
            {
                techs[at] = techs[at - 1];
                at--;
            }

            techs[at] = label;
        }

        paper.TechnologyCount = labels;
        paper.Citations = _citations?.Draw(index, paper, year) ?? -1;
    }

    private int PickInstitution(ref Xoshiro256 rng, int country)
    {
        int start = _institutionStart[country], count = _institutionStart[country + 1] - start;
        int a = rng.NextInt(count), b = rng.NextInt(count);
        return start + Math.Min(a, b);
    }

    private static uint Threshold(double probability) =>
        probability >= 1 ? uint.MaxValue : (uint)Math.Round(Math.Clamp(probability, 0, 1) * Two32);

    /// <summary>A cumulative table scaled to 2^32 (see <see cref="Xoshiro256.Pick"/>).</summary>
    internal static ulong[] Cumulative(ReadOnlySpan<double> weights)
    {
        double total = 0;
        int last = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            if (weights[i] > 0)
            {
                last = i;
            }
        }

        var cdf = new ulong[weights.Length];
        double running = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            running += weights[i];
            cdf[i] = i >= last ? 1UL << 32 : (ulong)Math.Round(running / total * Two32);
        }

        return cdf;
    }

    private static ulong[] BuildYears(SyntheticCorpusOptions options, int years)
    {
        var weights = new double[years];
        for (int y = 0; y < years; y++)
        {
            weights[y] = Math.Pow(1 + options.AnnualGrowth, y);
        }

        return Cumulative(weights);
    }

    private static (ulong[][] Lead, ulong[][] Partner) BuildCountries(
        SyntheticCorpusOptions options, (Country Country, double Weight, double Growth)[] profile, int years)
    {
        int n = profile.Length;
        double middle = (years - 1) / 2.0;
        var lead = new ulong[years][];
        var partner = new ulong[years * n][];
        var output = new double[n];
        var attraction = new double[n];
        var weights = new double[n];
        var index = new Dictionary<Country, int>();
        for (int c = 0; c < n; c++)
        {
            index[profile[c].Country] = c;
        }

        for (int y = 0; y < years; y++)
        {
            for (int c = 0; c < n; c++)
            {
                output[c] = profile[c].Weight * Math.Exp(profile[c].Growth * (y - middle));
                attraction[c] = Math.Pow(output[c], options.PartnerSizeExponent);
            }

            lead[y] = Cumulative(output);
            for (int c = 0; c < n; c++)
            {
                attraction.CopyTo(weights, 0);
                weights[c] = 0;
                foreach (var trend in options.Trends)
                {
                    int other = trend.A == profile[c].Country && index.TryGetValue(trend.B, out int b) ? b
                        : trend.B == profile[c].Country && index.TryGetValue(trend.A, out int a) ? a
                        : -1;
                    if (other >= 0)
                    {
                        weights[other] *= trend.MultiplierAt(options.FirstYear + y, options.FirstYear, options.LastYear);
                    }
                }

                partner[(y * n) + c] = Cumulative(weights);
            }
        }

        return (lead, partner);
    }

    private static ulong[][] BuildTechnologies(SyntheticCorpusOptions options, int years)
    {
        double middle = (years - 1) / 2.0;
        var tables = new ulong[years][];
        var weights = new double[options.Technologies];
        for (int y = 0; y < years; y++)
        {
            for (int t = 0; t < weights.Length; t++)
            {
                weights[t] = SyntheticTechnologies.BaseWeight(t) * Math.Exp(SyntheticTechnologies.Growth(t) * (y - middle));
            }

            tables[y] = Cumulative(weights);
        }

        return tables;
    }

    /// <summary>
    /// Authors per publication: a discretized log-normal body (median <see cref="SyntheticCorpusOptions.MedianAuthors"/>,
    /// below 50) mixed with a Pareto tail from 50 to <see cref="SyntheticCorpusOptions.MaxAuthors"/>; the body's spread
    /// is solved so that the mean is <see cref="SyntheticCorpusOptions.MeanAuthors"/>.
    /// </summary>
    private static ulong[] BuildAuthors(SyntheticCorpusOptions options)
    {
        int max = options.MaxAuthors;
        double large = options.LargeCollaborationShare;
        var tail = new double[max + 1];
        double tailTotal = 0, tailMean = 0;
        for (int k = LargeCollaborationAuthors; k <= max; k++)
        {
            tail[k] = Math.Pow(k, -2.3);
            tailTotal += tail[k];
        }

        for (int k = LargeCollaborationAuthors; k <= max; k++)
        {
            tail[k] /= tailTotal;
            tailMean += k * tail[k];
        }

        double mu = Math.Log(options.MedianAuthors);
        var body = new double[LargeCollaborationAuthors];
        double Mean(double sigma)
        {
            BodyProbabilities(mu, sigma, body);
            double mean = 0;
            for (int k = 1; k < body.Length; k++)
            {
                mean += k * body[k];
            }

            return ((1 - large) * mean) + (large * tailMean);
        }

        double lo = 0.01, hi = 3;
        if (options.MeanAuthors < Mean(lo) || options.MeanAuthors > Mean(hi))
        {
            throw new ArgumentException(
                $"SyntheticCorpusOptions.MeanAuthors must be between {Mean(lo):F2} and {Mean(hi):F2} for a median of {options.MedianAuthors} and these large collaborations.",
                nameof(options));
        }

        for (int i = 0; i < 60; i++)
        {
            double mid = (lo + hi) / 2;
            if (Mean(mid) < options.MeanAuthors)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        BodyProbabilities(mu, (lo + hi) / 2, body);
        var weights = new double[max];
        for (int k = 1; k <= max; k++)
        {
            weights[k - 1] = k < LargeCollaborationAuthors ? (1 - large) * body[k] : large * tail[k];
        }

        return Cumulative(weights);
    }

    private static void BodyProbabilities(double mu, double sigma, double[] body)
    {
        double total = 0;
        double previous = 0;
        for (int k = 1; k < body.Length; k++)
        {
            double cdf = NormalCdf((Math.Log(k + 0.5) - mu) / sigma);
            body[k] = cdf - previous;
            previous = cdf;
            total += body[k];
        }

        for (int k = 1; k < body.Length; k++)
        {
            body[k] /= total;
        }
    }

    /// <summary>The standard normal distribution function (Abramowitz and Stegun 26.2.17, error below 7.5e-8).</summary>
    private static double NormalCdf(double z)
    {
        double t = 1 / (1 + (0.2316419 * Math.Abs(z)));
        double poly = t * (0.319381530 + (t * (-0.356563782 + (t * (1.781477937 + (t * (-1.821255978 + (t * 1.330274429))))))));
        double tailProbability = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI) * poly;
        return z >= 0 ? 1 - tailProbability : tailProbability;
    }

    private static (int[] Start, Country[] Countries, string[] Ids, string[] Names) BuildInstitutions(
        SyntheticCorpusOptions options, (Country Country, double Weight, double Growth)[] profile)
    {
        int n = profile.Length;
        double total = 0;
        foreach (var p in profile)
        {
            total += Math.Pow(p.Weight, 0.8);
        }

        var start = new int[n + 1];
        for (int c = 0; c < n; c++)
        {
            int count = Math.Max(1, (int)Math.Round(options.Institutions * Math.Pow(profile[c].Weight, 0.8) / total));
            start[c + 1] = start[c] + count;
        }

        int institutions = start[n];
        var countries = new Country[institutions];
        var ids = new string[institutions];
        var names = new string[institutions];
        for (int c = 0; c < n; c++)
        {
            for (int i = start[c]; i < start[c + 1]; i++)
            {
                countries[i] = profile[c].Country;
                ids[i] = $"SYN-I{i + 1:D5}";
                names[i] = $"Synthetic Institute {i - start[c] + 1} ({profile[c].Country.Code})";
            }
        }

        return (start, countries, ids, names);
    }
}

/// <summary>A reusable buffer holding one sampled publication as indices into a <see cref="SyntheticModel"/>'s tables.</summary>
internal sealed class SyntheticPaper
{
    internal int Year { get; set; }

    internal int AuthorCount { get; private set; }

    internal int CountryCount { get; private set; }

    /// <summary>Country indices (into <see cref="SyntheticModel.Countries"/>), the lead first.</summary>
    internal int[] Countries { get; private set; } = new int[8];

    internal int[] MainInstitutions { get; private set; } = new int[8];

    /// <summary>Per author, the index into <see cref="Countries"/> of the author's first affiliation.</summary>
    internal int[] AuthorCountry { get; private set; } = new int[16];

    /// <summary>Per author, the author's key in the id pool.</summary>
    internal int[] AuthorKeys { get; private set; } = new int[16];

    /// <summary>Affiliations of author u are <c>Institutions[AffiliationStart[u] .. AffiliationStart[u + 1] - 1]</c>.</summary>
    internal int[] AffiliationStart { get; private set; } = new int[17];

    internal int[] Institutions { get; private set; } = new int[32];

    /// <summary>The corresponding author.</summary>
    internal int Corresponding { get; set; }

    /// <summary>Technology indices, ascending.</summary>
    internal int[] Technologies { get; } = new int[8];

    internal int TechnologyCount { get; set; }

    /// <summary>The citation count, or -1 when the corpus has none.</summary>
    internal int Citations { get; set; }

    internal void Reset(int authors, int countries)
    {
        AuthorCount = authors;
        CountryCount = countries;
        if (Countries.Length < countries)
        {
            Countries = new int[countries * 2];
            MainInstitutions = new int[countries * 2];
        }

        if (AuthorCountry.Length < authors)
        {
            AuthorCountry = new int[authors * 2];
            AuthorKeys = new int[authors * 2];
            AffiliationStart = new int[(authors * 2) + 1];
            Institutions = new int[authors * 4];
        }
    }

    internal void Add(ref int count, int institution) => Institutions[count++] = institution;
}
