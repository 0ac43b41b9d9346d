using System.Text;
using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;
using CollabMetrics.Model;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

/// <summary>
/// Shards that partition the works: the merged cube of the shards answers every table as the cube of the whole
/// corpus. Shards by years give the same CSV byte for byte; shards by works give the same CSV except in the last bits
/// of fractional values (sums of fractions formed in another order), and every whole count byte for byte.
/// </summary>
public sealed class CubeShardTests
{
    [Fact]
    public void Merge_RandomShards_EveryTableCsvEqualsTheWhole()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[2, 5], Gen.Int).Sample((publications, options, shards, seed) =>
        {
            var whole = CollaborationCube.Build(publications, options);
            var merged = CollaborationCube.Merge(Split(publications, shards, seed).Select(shard => CollaborationCube.Build(shard, options)));
            ShouldMatch(Tables(merged), Tables(whole));
        }, iter: 200);
    }

    [Fact]
    public void Merge_ShardsByYear_EveryTableCsvIsIdentical()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[2017, 2021]).Sample((publications, options, cut) =>
        {
            var whole = CollaborationCube.Build(publications, options);
            var merged = CollaborationCube.Merge(
                CollaborationCube.Build(publications.Where(p => p.Year is null || p.Year < cut), options),
                CollaborationCube.Build(publications.Where(p => p.Year >= cut), options));
            Tables(merged).Should().Equal(Tables(whole));
        }, iter: 200);
    }

    [Fact]
    public void Merge_ManyPublicationsInFourShards_EveryTableCsvEqualsTheWhole()
    {
        // Thousands of fractional contributions per cell: sums that depend on the order of additions would show.
        var publications = RandomCorpora.Seeded(30_000, seed: 11);
        var options = new AggregationOptions { Groups = [UnitGroups.FiveEyes], Technologies = TechnologyAssignment.Fractional };
        var whole = CollaborationCube.Build(publications, options);
        var merged = CollaborationCube.Merge(Split(publications, 4, seed: 5).Select(shard => CollaborationCube.Build(shard, options)));
        ShouldMatch(Tables(merged), Tables(whole));
    }

    [Fact]
    public void WithinYears_Range_EqualsTheCubeOfThoseYears()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[2016, 2021], Gen.Int[0, 3]).Sample((publications, options, from, length) =>
        {
            int to = from + length;
            var within = CollaborationCube.Build(publications, options).WithinYears(from, to);
            var built = CollaborationCube.Build(publications.Where(p => p.Year >= from && p.Year <= to), options);
            within.Years.Should().Equal(built.Years);
            within.Units.Should().Equal(built.Units);
            within.Technologies.Should().Equal(built.Technologies);
            Tables(within).Should().Equal(Tables(built));
        }, iter: 200);
    }

    [Fact]
    public void WithinYears_EndBeforeStart_Throws()
    {
        var cube = CollaborationCube.Build(RandomCorpora.Seeded(100, seed: 1));
        var act = () => cube.WithinYears(2020, 2019);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*ends (2019) before it starts (2020)*");
    }

    /// <summary>
    /// The same tables, row for row and field for field: every field byte for byte, except fractional values, which
    /// may differ in the last bits (1e-12 relative). Rows are compared in order of their text: two partners whose
    /// index is equal up to the last bits may be ranked in either order.
    /// </summary>
    internal static void ShouldMatch(IReadOnlyList<string> actual, IReadOnlyList<string> expected)
    {
        actual.Should().HaveSameCount(expected);
        for (int t = 0; t < expected.Count; t++)
        {
            var actualRows = Rows(actual[t]);
            var expectedRows = Rows(expected[t]);
            actualRows.Keys.Should().BeEquivalentTo(expectedRows.Keys, "table {0} has the same rows", t);
            foreach (var (key, e) in expectedRows)
            {
                var a = actualRows[key];
                a.Should().HaveSameCount(e);
                for (int f = 0; f < e.Length; f++)
                {
                    if (a[f] == e[f])
                    {
                        continue;
                    }

                    double.TryParse(a[f], System.Globalization.CultureInfo.InvariantCulture, out double x).Should().BeTrue("row {0} field {1} of table {2}: '{3}' vs '{4}'", key, f, t, a[f], e[f]);
                    double.TryParse(e[f], System.Globalization.CultureInfo.InvariantCulture, out double y).Should().BeTrue();
                    (Math.Floor(y) == y && Math.Floor(x) == x).Should().BeFalse("whole counts are exact: row {0} field {1} of table {2}: '{3}' vs '{4}'", key, f, t, a[f], e[f]);
                    x.Should().BeApproximately(y, 1e-12 * Math.Max(1, Math.Abs(y)), "row {0} field {1} of table {2}", key, f, t);
                }
            }
        }
    }

    /// <summary>A table's rows by their key (the year and the text fields after it, such as focus and partner), without the rank (ties in the last bits may swap it).</summary>
    private static Dictionary<string, string[]> Rows(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string[] header = [];
        foreach (var line in lines)
        {
            var fields = line.Split(',');
            if (fields.Length > 0 && fields[0] == "year")
            {
                header = fields;
                rows[line] = fields;
                continue;
            }

            int rank = Array.IndexOf(header, "rank");
            int keyEnd = 1;
            while (keyEnd < fields.Length && !double.TryParse(fields[keyEnd], System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                keyEnd++;
            }

            var key = string.Join(",", fields[..keyEnd]);
            rows.Add(key, rank >= 0 ? [.. fields[..rank], .. fields[(rank + 1)..]] : fields);
        }

        return rows;
    }

    /// <summary>Assigns each publication to one of <paramref name="count"/> shards at random, keeping their order.</summary>
    internal static List<Publication[]> Split(Publication[] publications, int count, int seed)
    {
        var random = new Random(seed);
        var shards = new List<Publication>[count];
        for (int i = 0; i < count; i++)
        {
            shards[i] = [];
        }

        foreach (var publication in publications)
        {
            shards[random.Next(count)].Add(publication);
        }

        return [.. shards.Select(s => s.ToArray())];
    }

    /// <summary>The CSV of every table the cube answers: units, pairs under each link weighting, and each unit's partners, per year, per window and for all years, for all technologies and each.</summary>
    internal static List<string> Tables(CollaborationCube cube)
    {
        var analysis = CollaborationAnalysis.Of(cube);
        var tables = new List<string>();
        var technologies = new List<string?> { null };
        technologies.AddRange(cube.Technologies);
        foreach (var technology in technologies)
        {
            tables.Add(Slices(analysis.Units().ForTechnology(technology), q => q.Compute().ToCsv()));
            foreach (var weighting in Enum.GetValues<LinkWeighting>())
            {
                tables.Add(Slices(analysis.WithLinkWeighting(weighting).Pairs().ForTechnology(technology), q => q.Compute().ToCsv()));
            }

            foreach (var unit in cube.Units)
            {
                tables.Add(Slices(analysis.Focus(unit.Code).Partners().ForTechnology(technology), q => q.Compute().ToCsv()));
            }
        }

        return tables;
    }

    private static string Slices<TQuery>(TQuery query, Func<TQuery, string> csv)
        where TQuery : SlicedQuery<TQuery>
    {
        var text = new StringBuilder();
        text.Append(csv(query.AllYears()));
        text.Append(csv(query.ByYear()));
        text.Append(csv(query.RollingWindows(2)));
        return text.ToString();
    }
}
