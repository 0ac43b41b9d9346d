using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.Tests.Aggregation;

/// <summary>
/// A straightforward LINQ and dictionary implementation of the cube, written from METRICS.md without any of the
/// engine's tricks (the Author weight is the literal double sum over ordered author pairs), and sharing none of
/// its code but the assembly of the output cube. It is the test oracle of the engine (the property tests compare
/// against it) and the baseline of the aggregation benchmark, which compiles this file in; it is slow and allocates
/// per publication.
/// </summary>
internal static class ReferenceAggregator
{
    internal static CollaborationCube Build(IEnumerable<Publication> publications, AggregationOptions? options = null)
    {
        options ??= AggregationOptions.Default;
        var assembler = new CubeAssembler();
        long count = 0, counted = 0, withoutUnit = 0, withoutYear = 0, authorsWithoutUnit = 0, unresolved = 0;
        var groups = options.Groups
            .Select(g => (Unit: Unit.Group(g.Name), Members: g.Members.Where(c => c.IsKnown).Select(c => Unit.FromCountry(options.Territory.Apply(c))).ToHashSet()))
            .ToList();

        foreach (var publication in publications)
        {
            count++;

            // Each author's resolved units (with repetitions), or [Unknown], or nothing.
            var authors = new List<(List<Unit> Units, bool Corresponding)>();
            foreach (var author in publication.Authors)
            {
                var resolved = author.Affiliations.Select(a => UnitOf(a, options)).Where(u => u is not null).Select(u => u!.Value).ToList();
                int affiliations = Math.Max(1, author.Affiliations.Count);
                unresolved += affiliations - resolved.Count;
                if (resolved.Count == 0)
                {
                    authorsWithoutUnit++;
                    if (options.UnknownAuthors == UnknownAuthorPolicy.AsUnknownUnit)
                    {
                        authors.Add(([Unit.Unknown], author.IsCorresponding));
                    }

                    continue;
                }

                authors.Add((resolved, author.IsCorresponding));
            }

            int? year = publication.Year is int y and > 0 and <= short.MaxValue ? y : null;
            if (authors.Count == 0)
            {
                withoutUnit++;
            }

            if (year is null)
            {
                withoutYear++;
            }

            if (authors.Count == 0 || year is null)
            {
                continue;
            }

            counted++;
            int n = authors.Count;

            // w(k,u,i) = (u's affiliations in i) / (u's resolved affiliations).
            var w = authors.Select(a => a.Units.GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count() / (double)a.Units.Count)).ToList();
            double W(int author, Unit unit) => w[author].TryGetValue(unit, out var value) ? value : 0.0;
            var s = w.SelectMany(d => d.Keys).Distinct().OrderBy(u => u).ToList();
            int m = s.Count;
            var f = s.ToDictionary(u => u, u => Enumerable.Range(0, n).Sum(a => W(a, u)) / n);
            var correspondingAuthor = authors.FindIndex(a => a.Corresponding);
            var corresponding = authors[correspondingAuthor >= 0 ? correspondingAuthor : 0].Units[0];

            double AuthorSum(Unit i, Unit j)
            {
                double sum = 0;
                for (int u = 0; u < n; u++)
                {
                    for (int v = 0; v < n; v++)
                    {
                        if (u != v)
                        {
                            sum += W(u, i) * W(v, j);
                        }
                    }
                }

                return sum;
            }

            double authorFactor = n >= 2 ? 1.0 / (n - 1) : 0.0;
            double refinedFactor = n >= 2 ? 2.0 / (n * (n - 1.0)) : 0.0;
            var unitRows = s.Select(u => (Unit: u, Values: new[]
            {
                1.0, f[u], 1.0 / m, m >= 2 ? 1 : 0, m - 1, u == corresponding && m == 1 ? 1 : 0, u == corresponding && m >= 2 ? 1 : 0,
            })).ToList();
            var pairRows = (from i in s
                            from j in s
                            where i < j
                            let sum = AuthorSum(i, j)
                            select (A: i, B: j, Values: new[] { 1.0, 1.0 / (m - 1), sum * authorFactor, sum * refinedFactor, f[i] + f[j] })).ToList();

            foreach (var (groupUnit, members) in groups)
            {
                var present = s.Where(members.Contains).ToList();
                if (present.Count == 0)
                {
                    continue;
                }

                int linked = 0;
                foreach (var x in s)
                {
                    var others = present.Where(yUnit => yUnit != x).ToList();
                    if (others.Count == 0)
                    {
                        continue;
                    }

                    linked++;
                    double sum = others.Sum(other => AuthorSum(x, other));
                    pairRows.Add((x, groupUnit, [1.0, others.Count / (double)(m - 1), sum * authorFactor, sum * refinedFactor, f[x] + others.Sum(o => f[o])]));
                }

                bool correspondingIn = members.Contains(corresponding);
                unitRows.Add((groupUnit,
                [
                    1.0, present.Sum(u => f[u]), present.Count / (double)m, m >= 2 ? 1 : 0, linked,
                    correspondingIn && m == 1 ? 1 : 0, correspondingIn && m >= 2 ? 1 : 0,
                ]));
            }

            var technologies = options.ByTechnology
                ? publication.Technologies.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList()
                : [];
            var slices = new List<(string? Technology, double Factor)> { (null, 1.0) };
            double technologyFactor = options.Technologies == TechnologyAssignment.Fractional && technologies.Count > 0 ? 1.0 / technologies.Count : 1.0;
            slices.AddRange(technologies.Select(t => ((string?)t, technologyFactor)));
            foreach (var (technology, factor) in slices)
            {
                assembler.AddTotals(year.Value, technology, factor, m >= 2 ? factor : 0, factor * m * (m - 1) / 2.0);
                foreach (var (unit, values) in unitRows)
                {
                    assembler.AddUnit(year.Value, technology, unit, values.Select(v => v * factor).ToArray());
                }

                foreach (var (a, b, values) in pairRows)
                {
                    assembler.AddPair(year.Value, technology, a, b, values.Select(v => v * factor).ToArray());
                }
            }
        }

        return assembler.Build(options, new CubeDiagnostics(count, counted, withoutUnit, withoutYear, authorsWithoutUnit, unresolved));
    }

    private static Unit? UnitOf(Affiliation affiliation, AggregationOptions options)
    {
        if (options.Level == UnitLevel.Country)
        {
            var country = options.Territory.Apply(affiliation.Country);
            return country.IsKnown ? Unit.FromCountry(country) : null;
        }

        var key = new[] { affiliation.InstitutionId, affiliation.InstitutionName }.FirstOrDefault(k => !string.IsNullOrWhiteSpace(k));
        return key is null ? null : Unit.Institution(key, affiliation.InstitutionName);
    }
}
