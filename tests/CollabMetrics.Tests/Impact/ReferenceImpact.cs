using System.Globalization;
using System.Numerics;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.Tests.Impact;

/// <summary>
/// A slow implementation of the impact figures written straight from IMPACT.md and METRICS.md, sharing no code
/// with the library's engine: publications are read one by one, each unit's author credit is the literal
/// w(k,u,i) sum, reference sets are lists of publications, and the CWTS threshold is found with exact rational
/// arithmetic on F(c). It is the oracle of the engine's property tests.
/// </summary>
internal sealed class ReferenceImpact
{
    private ReferenceImpact()
    {
    }

    /// <summary>Figures of every unit with a publication in the slice.</summary>
    public Dictionary<Unit, Figures> Units { get; } = [];

    /// <summary>Pair figures for (focus, partner), both orders, for every pair with a co-publication.</summary>
    public Dictionary<(Unit Focus, Unit Partner), PairFigures> Pairs { get; } = [];

    /// <summary>The sum of the top flags (times the technology factor) over the slice.</summary>
    public double World { get; private set; }

    public double Hhi { get; private set; } = double.NaN;

    public Unit? Leader { get; private set; }

    public double LeaderRatio { get; private set; } = double.NaN;

    public double Top5 { get; private set; } = double.NaN;

    /// <summary>Computes the figures of one slice.</summary>
    /// <param name="publications">The corpus.</param>
    /// <param name="options">Level, territory, technology assignment, unknown authors, groups, by-technology.</param>
    /// <param name="key">The slice: years (or all) and a technology (or all).</param>
    /// <param name="percent">x, in percent.</param>
    /// <param name="classOf">The reference-set class of publication i, or null for one class.</param>
    public static ReferenceImpact Compute(IReadOnlyList<Publication> publications, AggregationOptions options, SliceKey key, double percent, Func<int, int>? classOf = null)
    {
        var records = new List<Record>();
        for (int i = 0; i < publications.Count; i++)
        {
            var p = publications[i];
            if (p.Year is not (> 0 and <= short.MaxValue) || p.Citations is not (>= 0))
            {
                continue;
            }

            var credit = Credit(p, options);
            if (credit.Count == 0)
            {
                continue;
            }

            var technologies = options.ByTechnology
                ? p.Technologies.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList()
                : [];
            records.Add(new Record(p.Year.Value, technologies, p.Citations.Value, classOf?.Invoke(i) ?? 0, credit));
        }

        var x = Percent(percent);
        bool InSlice(Record r) =>
            (key.FromYear is null || r.Year >= key.FromYear) && (key.ToYear is null || r.Year <= key.ToYear)
            && (key.Technology is null || r.Technologies.Contains(key.Technology));

        var result = new ReferenceImpact();
        var sums = new Dictionary<Unit, double[]>();
        var citations = new Dictionary<Unit, List<int>>();
        var pairSums = new Dictionary<(Unit, Unit), double[]>();
        var types = new Dictionary<Unit, double[]>();
        var referenceSets = new Dictionary<(int Year, int Class), List<int>>();
        var flags = new Dictionary<(int Year, int Class, int Citations), double>();
        var groups = options.Groups.Select(g => (Unit: Unit.Group(g.Name), Members: g.Members.Where(c => c.IsKnown).Select(c => Unit.FromCountry(options.Territory.Apply(c))).ToHashSet())).ToList();
        foreach (var r in records.Where(InSlice))
        {
            // The reference set of r: same year, the slice's technology (or all), same class.
            if (!referenceSets.TryGetValue((r.Year, r.Class), out var set))
            {
                set = records.Where(o => o.Year == r.Year && o.Class == r.Class && (key.Technology is null || o.Technologies.Contains(key.Technology))).Select(o => o.Citations).ToList();
                referenceSets.Add((r.Year, r.Class), set);
            }

            if (!flags.TryGetValue((r.Year, r.Class, r.Citations), out double top))
            {
                top = TopFlag(set, r.Citations, x);
                flags.Add((r.Year, r.Class, r.Citations), top);
            }

            double ncs = set.Sum(c => (long)c) == 0 ? 1.0 : (double)r.Citations * set.Count / set.Sum(c => (long)c);
            double phi = key.Technology is not null && options.Technologies == TechnologyAssignment.Fractional ? 1.0 / r.Technologies.Count : 1.0;
            result.World += phi * top;

            var real = r.Credit.Keys.ToList();
            int m = real.Count;
            int type = m == 1 ? 0 : m == 2 ? 1 : 2;
            var unitCredit = new Dictionary<Unit, double>(r.Credit);
            foreach (var (group, members) in groups)
            {
                var present = real.Where(members.Contains).ToList();
                if (present.Count > 0)
                {
                    unitCredit[group] = present.Sum(u => r.Credit[u]);
                }
            }

            foreach (var (unit, f) in unitCredit)
            {
                var s = sums.TryGetValue(unit, out var existing) ? existing : sums[unit] = new double[6];
                s[0] += phi;
                s[1] += phi * f;
                s[2] += phi * top;
                s[3] += phi * f * top;
                s[4] += phi * ncs;
                s[5] += phi * f * ncs;
                (citations.TryGetValue(unit, out var list) ? list : citations[unit] = []).Add(r.Citations);
                AddType(unit, type, phi, top, ncs);
            }

            // Pairs of real units, and of a real unit with a group that has another member on the paper.
            foreach (var a in real)
            {
                foreach (var b in real.Where(b => b != a))
                {
                    AddPair(a, b, phi, top, ncs);
                }

                foreach (var (group, members) in groups)
                {
                    if (real.Any(u => u != a && members.Contains(u)))
                    {
                        AddPair(a, group, phi, top, ncs);
                        AddPair(group, a, phi, top, ncs);
                    }
                }
            }
        }

        foreach (var (unit, s) in sums)
        {
            var t = types.GetValueOrDefault(unit) ?? new double[9];
            result.Units[unit] = new Figures(
                s[0], s[1], s[2], s[3], Div(s[2], s[0]), Div(s[3], s[1]), Div(s[3], result.World), Div(s[4], s[0]), Div(s[5], s[1]),
                HIndex(citations[unit]),
                (t[0], Div(t[2], t[0]), Div(t[1], t[0])), (t[3], Div(t[5], t[3]), Div(t[4], t[3])), (t[6], Div(t[8], t[6]), Div(t[7], t[6])));
        }

        foreach (var ((focus, partner), s) in pairSums)
        {
            double mncs = Div(s[2], s[0]);
            result.Pairs[(focus, partner)] = new PairFigures(s[0], mncs, Div(s[1], s[0]), Div(mncs, result.Units[focus].Domestic.Mncs));
        }

        var shares = result.Units.Where(u => u.Key.Kind != UnitKind.Group)
            .Select(u => (Unit: u.Key, u.Value.TopShare, u.Value.TopPublications))
            .OrderByDescending(u => u.TopShare).ThenByDescending(u => u.TopPublications).ThenBy(u => u.Unit.Code, StringComparer.Ordinal)
            .ToList();
        if (result.World > 0 && shares.Count > 0)
        {
            result.Hhi = shares.Sum(s => s.TopShare * s.TopShare);
            result.Top5 = shares.Take(5).Sum(s => s.TopShare);
            // Ties (equal but for rounding) go to more whole top papers, then to the smaller code.
            var tied = shares.Where(s => Math.Abs(s.TopShare - shares[0].TopShare) <= 1e-9 * shares[0].TopShare).ToList();
            double mostTop = tied.Max(s => s.TopPublications);
            result.Leader = tied.Where(s => Math.Abs(s.TopPublications - mostTop) <= 1e-9 * mostTop).MinBy(s => s.Unit.Code, StringComparer.Ordinal).Unit;
            result.LeaderRatio = shares.Count >= 2 ? Div(shares[0].TopShare, shares[1].TopShare) : double.NaN;
        }

        return result;

        void AddPair(Unit a, Unit b, double phi, double top, double ncs)
        {
            var s = pairSums.TryGetValue((a, b), out var existing) ? existing : pairSums[(a, b)] = new double[3];
            s[0] += phi;
            s[1] += phi * top;
            s[2] += phi * ncs;
        }

        void AddType(Unit unit, int type, double phi, double top, double ncs)
        {
            var t = types.TryGetValue(unit, out var existing) ? existing : types[unit] = new double[9];
            t[3 * type] += phi;
            t[(3 * type) + 1] += phi * top;
            t[(3 * type) + 2] += phi * ncs;
        }
    }

    /// <summary>f(k,i) for each unit of the publication: sum over its authors of w(k,u,i), divided by n_k.</summary>
    private static Dictionary<Unit, double> Credit(Publication publication, AggregationOptions options)
    {
        var authors = new List<List<Unit>>();
        foreach (var author in publication.Authors)
        {
            var resolved = author.Affiliations.Select(a => UnitOf(a, options)).Where(u => u is not null).Select(u => u!.Value).ToList();
            if (resolved.Count == 0)
            {
                if (options.UnknownAuthors == UnknownAuthorPolicy.AsUnknownUnit)
                {
                    authors.Add([Unit.Unknown]);
                }

                continue;
            }

            authors.Add(resolved);
        }

        var credit = new Dictionary<Unit, double>();
        foreach (var units in authors)
        {
            foreach (var unit in units.Distinct())
            {
                credit[unit] = credit.GetValueOrDefault(unit) + (units.Count(u => u == unit) / (double)units.Count / authors.Count);
            }
        }

        return credit;
    }

    private static Unit? UnitOf(Affiliation affiliation, AggregationOptions options)
    {
        if (options.Level == UnitLevel.Country)
        {
            var country = options.Territory.Apply(affiliation.Country);
            return country.IsKnown ? Unit.FromCountry(country) : null;
        }

        var key = !string.IsNullOrWhiteSpace(affiliation.InstitutionId) ? affiliation.InstitutionId
            : !string.IsNullOrWhiteSpace(affiliation.InstitutionName) ? affiliation.InstitutionName
            : null;
        return key is null ? null : Unit.Institution(key);
    }

    /// <summary>The CWTS flag of a count c in the reference set <paramref name="set"/>, with exact fractions.</summary>
    private static double TopFlag(List<int> set, int c, Fraction x)
    {
        var size = new BigInteger(set.Count);
        Fraction F(int value) => new(set.Count(v => v <= value), size);
        var threshold = Fraction.One - x;
        int tau = set.Where(v => F(v) >= threshold).Min();
        if (c > tau)
        {
            return 1;
        }

        if (c < tau)
        {
            return 0;
        }

        var p = new Fraction(set.Count(v => v == tau), size);
        return ((F(tau) - threshold) / p).ToDouble();
    }

    /// <summary>h: the largest h such that h of the counts are at least h.</summary>
    private static int HIndex(List<int> counts)
    {
        var sorted = counts.OrderByDescending(c => c).ToList();
        int h = 0;
        while (h < sorted.Count && sorted[h] >= h + 1)
        {
            h++;
        }

        return h;
    }

    /// <summary>x in percent as an exact fraction of one, from its shortest decimal form.</summary>
    private static Fraction Percent(double percent)
    {
        var text = percent.ToString("R", CultureInfo.InvariantCulture);
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        var digits = BigInteger.Parse(text.Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var scale = BigInteger.Pow(10, dot < 0 ? 0 : text.Length - dot - 1);
        return new Fraction(digits, scale * 100);
    }

    private static double Div(double a, double b) => b == 0 || double.IsNaN(b) ? double.NaN : a / b;

    public readonly record struct Figures(
        double Publications, double FractionalPublications, double TopPublications, double TopPublicationsFractional,
        double PpTop, double PpTopFractional, double TopShare, double Mncs, double MncsFractional, int HIndex,
        (double Publications, double Mncs, double PpTop) Domestic,
        (double Publications, double Mncs, double PpTop) Bilateral,
        (double Publications, double Mncs, double PpTop) Multilateral);

    public readonly record struct PairFigures(double Copublications, double Mncs, double PpTop, double Advantage);

    private sealed record Record(int Year, List<string> Technologies, int Citations, int Class, Dictionary<Unit, double> Credit);

    /// <summary>An exact rational number.</summary>
    private readonly record struct Fraction
    {
        public Fraction(BigInteger numerator, BigInteger denominator)
        {
            var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
            Numerator = numerator / g;
            Denominator = denominator / g;
        }

        public static Fraction One => new(1, 1);

        public BigInteger Numerator { get; }

        public BigInteger Denominator { get; }

        public static Fraction operator -(Fraction a, Fraction b) =>
            new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

        public static Fraction operator /(Fraction a, Fraction b) =>
            new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

        public static bool operator >=(Fraction a, Fraction b) => a.Numerator * b.Denominator >= b.Numerator * a.Denominator;

        public static bool operator <=(Fraction a, Fraction b) => a.Numerator * b.Denominator <= b.Numerator * a.Denominator;

        public double ToDouble() => (double)Numerator / (double)Denominator;
    }
}
