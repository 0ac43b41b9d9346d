using CollabMetrics.Geography;

namespace CollabMetrics.Synthetic;

/// <summary>
/// Citation counts of the synthetic corpus, drawn from a random stream of their own so that every other generated
/// value is the same with or without them.
/// </summary>
/// <remarks>
/// <para>
/// The expected count of publication k is
/// <c>MeanCitations x A(age) x T(technologies) x E(countries, year) x (InternationalCitationPremium if m_k &gt;= 2)</c>:
/// A(age) = 1 - exp(-age / 5) grows with the years since publication (counted at the end of
/// <see cref="SyntheticCorpusOptions.LastYear"/>); T is the mean of fixed technology factors between 0.67 and 1.49;
/// E is the mean over the paper's countries of a country effect that drifts over the years (CN rising from about half
/// the world level to above it, US slowly declining from above it, the others fixed profiles). The count is that
/// expectation times a heavy-tailed multiplier with mean 1 (log-normal with sigma 1.3, as citation counts are often
/// modelled), rounded up or down at random in proportion to the fraction: many recent papers are uncited, a few
/// collect hundreds of citations.
/// </para>
/// <para>
/// As for the rest of the model, the tables are computed with floating point once and every draw is integer
/// arithmetic (16-bit fixed point), so the counts are the same on every machine.
/// </para>
/// </remarks>
internal sealed class SyntheticCitations
{
    /// <summary>Mixed into the seed: the citation stream of publication k is independent of its main stream.</summary>
    internal const ulong StreamSalt = 0x43_49_54_41_54_49_4F_4EUL;

    private const int FixedBits = 16;
    private const double One = 1 << FixedBits;
    private const int QuantileBits = 14;
    private const double Spread = 1.3;
    private const double AgeScale = 5;

    /// <summary>Citation effects of the largest producers: log level at the middle of the period and yearly drift.</summary>
    private static readonly (string Code, double Level, double Drift)[] s_effects =
    [
        ("CN", -0.30, 0.045), ("US", 0.25, -0.012), ("IN", -0.40, 0.020), ("GB", 0.25, -0.005), ("DE", 0.15, 0.000),
        ("JP", -0.05, -0.015), ("KR", 0.00, 0.010), ("IT", 0.05, 0.005), ("FR", 0.10, -0.005), ("CA", 0.15, -0.005),
        ("AU", 0.15, 0.005), ("IR", -0.30, 0.020), ("RU", -0.45, 0.000), ("SA", -0.20, 0.040), ("PK", -0.35, 0.030),
        ("NL", 0.30, 0.000), ("CH", 0.35, 0.000), ("SG", 0.30, 0.010), ("HK", 0.20, 0.005), ("TW", -0.05, -0.005),
    ];

    private readonly ulong _seed;
    private readonly int _technologies;
    private readonly int _countries;
    private readonly ulong[] _base;
    private readonly ulong[] _effects;
    private readonly ulong _premium;
    private readonly ulong[] _multipliers;

    internal SyntheticCitations(SyntheticCorpusOptions options, Country[] countries, int technologies)
    {
        _seed = options.Seed ^ StreamSalt;
        _technologies = technologies;
        _countries = countries.Length;
        int years = options.LastYear - options.FirstYear + 1;
        double middle = (years - 1) / 2.0;

        // MeanCitations x A(age) x T(t), per (year, technology).
        _base = new ulong[years * technologies];
        for (int y = 0; y < years; y++)
        {
            double age = years - y;
            double growth = 1 - Math.Exp(-age / AgeScale);
            for (int t = 0; t < technologies; t++)
            {
                _base[(y * technologies) + t] = Fixed(options.MeanCitations * growth * TechnologyFactor(t));
            }
        }

        // Country effects per (year, country).
        _effects = new ulong[years * countries.Length];
        for (int c = 0; c < countries.Length; c++)
        {
            var (level, drift) = Effect(countries[c], c);
            for (int y = 0; y < years; y++)
            {
                _effects[(y * countries.Length) + c] = Fixed(Math.Exp(level + (drift * (y - middle))));
            }
        }

        _premium = Fixed(options.InternationalCitationPremium);
        _multipliers = Multipliers();
    }

    /// <summary>The citation count of publication <paramref name="index"/>, sampled as <paramref name="paper"/> (year <paramref name="year"/> counted from the first).</summary>
    internal int Draw(long index, SyntheticPaper paper, int year)
    {
        var rng = new Xoshiro256(_seed, (ulong)index);
        ulong technology = 0;
        for (int t = 0; t < paper.TechnologyCount; t++)
        {
            technology += _base[(year * _technologies) + paper.Technologies[t]];
        }

        technology /= (ulong)Math.Max(1, paper.TechnologyCount);
        int m = paper.CountryCount;
        ulong effect = 0;
        for (int j = 0; j < m; j++)
        {
            effect += _effects[(year * _countries) + paper.Countries[j]];
        }

        effect /= (ulong)m;
        ulong expected = (technology * effect) >> FixedBits;
        if (m >= 2)
        {
            expected = (expected * _premium) >> FixedBits;
        }

        ulong lambda = (expected * _multipliers[rng.NextInt(_multipliers.Length)]) >> FixedBits;
        ulong count = lambda >> FixedBits;
        if ((lambda & ((1UL << FixedBits) - 1)) > (rng.NextUInt32() >> (32 - FixedBits)))
        {
            count++;
        }

        return (int)Math.Min(count, int.MaxValue);
    }

    /// <summary>The fixed citation factor of technology t, between exp(-0.4) and exp(0.4), scrambled over the labels.</summary>
    internal static double TechnologyFactor(int t)
    {
        double u = (t * 0.6180339887498949) % 1;
        return Math.Exp(0.8 * (u - 0.5));
    }

    /// <summary>The log level and yearly drift of a country's citation effect: listed for the largest producers, else a fixed profile between -0.35 and 0.15.</summary>
    private static (double Level, double Drift) Effect(Country country, int rank)
    {
        foreach (var (code, level, drift) in s_effects)
        {
            if (string.Equals(code, country.Code, StringComparison.Ordinal))
            {
                return (level, drift);
            }
        }

        double u = (rank * 0.6180339887498949) % 1, v = (rank * 0.7548776662466927) % 1;
        return (-0.35 + (0.5 * u), -0.01 + (0.03 * v));
    }

    /// <summary>2^14 equally likely multipliers with mean 1: the quantiles of a log-normal distribution with sigma <see cref="Spread"/>.</summary>
    private static ulong[] Multipliers()
    {
        int n = 1 << QuantileBits;
        var quantiles = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            quantiles[i] = Math.Exp(Spread * InverseNormal((i + 0.5) / n));
            sum += quantiles[i];
        }

        var multipliers = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            multipliers[i] = Fixed(quantiles[i] * n / sum);
        }

        return multipliers;
    }

    /// <summary>The standard normal quantile function (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    internal static double InverseNormal(double p)
    {
        const double Low = 0.02425;
        if (p < Low || p > 1 - Low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p < Low ? p : 1 - p));
            double x = Horner(s_tailNumerator, q) / Horner(s_tailDenominator, q);
            return p < Low ? x : -x;
        }

        double r = p - 0.5;
        return r * Horner(s_centralNumerator, r * r) / Horner(s_centralDenominator, r * r);
    }

    private static readonly double[] s_centralNumerator =
        [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];

    private static readonly double[] s_centralDenominator =
        [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01, 1];

    private static readonly double[] s_tailNumerator =
        [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];

    private static readonly double[] s_tailDenominator =
        [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00, 1];

    /// <summary>The polynomial with <paramref name="coefficients"/> (highest power first) at <paramref name="x"/>.</summary>
    private static double Horner(double[] coefficients, double x)
    {
        double value = 0;
        foreach (double c in coefficients)
        {
            value = (value * x) + c;
        }

        return value;
    }

    private static ulong Fixed(double value) => (ulong)Math.Round(value * One);
}
