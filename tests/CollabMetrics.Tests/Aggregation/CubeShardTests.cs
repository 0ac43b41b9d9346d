using System.Text;
using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;
using CollabMetrics.Model;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

/// <summary>
/// Shards that partition the works: the merged cube of the shards answers every table as the cube of the whole
/// corpus, byte for byte, whether the shards split the years or the works, in whatever order they are merged: every
/// sum of the cube is exact (fixed point), so the order of the contributions never changes a bit.
/// </summary>
public sealed class CubeShardTests
{
    [Fact]
    public void Merge_RandomShardsInRandomOrder_EveryTableCsvIsIdentical()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[2, 5], Gen.Int).Sample((publications, options, shards, seed) =>
        {
            var whole = CollaborationCube.Build(publications, options);
            var cubes = Split(publications, shards, seed).Select(shard => CollaborationCube.Build(shard, options)).ToArray();
            new Random(seed).Shuffle(cubes);
            var merged = CollaborationCube.Merge(cubes);
            Tables(merged).Should().Equal(Tables(whole));
            merged.ToJson().Should().Be(whole.ToJson());
        }, iter: 200);
    }

    [Fact]
    public void Merge_ShardsSavedAndLoaded_IdenticalToTheWhole()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[2, 5], Gen.Int).Sample((publications, options, shards, seed) =>
        {
            var whole = CollaborationCube.Build(publications, options);
            var cubes = Split(publications, shards, seed).Select(shard => CollaborationCube.FromJson(CollaborationCube.Build(shard, options).ToJson())).ToArray();
            new Random(seed).Shuffle(cubes);
            var merged = CollaborationCube.FromJson(CollaborationCube.Merge(cubes).ToJson());
            merged.ToJson().Should().Be(whole.ToJson());
            Tables(merged).Should().Equal(Tables(whole));
        }, iter: 100);
    }

    [Fact]
    public void Build_OneTwoAndFourThreads_BitIdentical()
    {
        var corpus = Corpus.Build(RandomCorpora.Seeded(20_000, seed: 3));
        var options = new AggregationOptions { Groups = [UnitGroups.FiveEyes], Technologies = TechnologyAssignment.Fractional };
        var one = CollaborationCube.Build(corpus, options with { MaxDegreeOfParallelism = 1 }).ToJson();
        var two = CollaborationCube.Build(corpus, options with { MaxDegreeOfParallelism = 2 }).ToJson();
        var four = CollaborationCube.Build(corpus, options with { MaxDegreeOfParallelism = 4 }).ToJson();

        two.Should().Be(one);
        four.Should().Be(one);
    }

    [Fact]
    public void Build_ShuffledPublications_IdenticalCube()
    {
        // The order of the publications within a year decides the order of the additions: it must not matter.
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int).Sample((publications, options, seed) =>
        {
            var shuffled = publications.ToArray();
            new Random(seed).Shuffle(shuffled);
            CollaborationCube.Build(shuffled, options).ToJson().Should().Be(CollaborationCube.Build(publications, options).ToJson());
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
    public void Merge_ManyPublicationsInFourShardsEitherOrder_EveryTableCsvIsIdentical()
    {
        // Thousands of fractional contributions per cell: sums that depend on the order of additions would show.
        var publications = RandomCorpora.Seeded(30_000, seed: 11);
        var options = new AggregationOptions { Groups = [UnitGroups.FiveEyes], Technologies = TechnologyAssignment.Fractional };
        var whole = CollaborationCube.Build(publications, options);
        var cubes = Split(publications, 4, seed: 5).Select(shard => CollaborationCube.Build(shard, options)).ToArray();
        var merged = CollaborationCube.Merge(cubes);
        var reversed = CollaborationCube.Merge(cubes.Reverse());
        var tables = Tables(whole);
        Tables(merged).Should().Equal(tables);
        Tables(reversed).Should().Equal(tables);
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
