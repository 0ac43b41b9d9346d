using System.Text.Json.Nodes;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public sealed class CubeSerializationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "collabmetrics-cube-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void ToJson_RandomCubes_RoundTripExactly()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options).Sample((publications, options) =>
        {
            var cube = CollaborationCube.Build(publications, options);
            using var stream = new MemoryStream();
            cube.ToJson(stream);
            stream.Position = 0;

            var again = CollaborationCube.FromJson(stream);

            CubeAssert.Identical(again, cube);
            again.ToJson().Should().Be(cube.ToJson(), "the stored sums are the exact fixed-point values");
            again.Options.CountsLike(cube.Options).Should().BeTrue();
            again.Units.Select(u => u.Label).Should().Equal(cube.Units.Select(u => u.Label));
        }, iter: 60);
    }

    [Fact]
    public void ToCsv_RandomCubes_RoundTripExactly()
    {
        int run = 0;
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options).Sample((publications, options) =>
        {
            var cube = CollaborationCube.Build(publications, options);
            var directory = Path.Combine(_directory, $"run{Interlocked.Increment(ref run)}");
            cube.ToCsvDirectory(directory);

            var again = CollaborationCube.FromCsvDirectory(directory);

            CubeAssert.Identical(again, cube);
            again.ToJson().Should().Be(cube.ToJson(), "the stored sums are the exact fixed-point values");
            again.Options.CountsLike(cube.Options).Should().BeTrue();
        }, iter: 40, threads: 1);
    }

    [Fact]
    public async Task ToJsonAsyncAndToCsvAsync_RoundTripAwkwardLabels()
    {
        // Labels and keys with commas, quotes and line breaks; a fractional cube with groups.
        var publications = new[]
        {
            Publication("W1", "Quantum, \"post-classical\"", ("I,1", "Université \"A\"\nParis", "FR"), ("I2", null, "US")),
            Publication("W2", "AI", ("I2", null, "US"), ("I3", "C", "CN")),
        };
        var institutionCube = CollaborationCube.Build(publications, new AggregationOptions { Level = UnitLevel.Institution, Technologies = TechnologyAssignment.Fractional });
        var countryCube = CollaborationCube.Build(publications, new AggregationOptions { Groups = [UnitGroups.FiveEyes, new UnitGroup("A=B, C", [Country.China])] });

        foreach (var cube in new[] { institutionCube, countryCube })
        {
            using var stream = new MemoryStream();
            await cube.ToJsonAsync(stream);
            stream.Position = 0;
            CubeAssert.Identical(await CollaborationCube.FromJsonAsync(stream), cube);

            var directory = Path.Combine(_directory, cube.Options.Level.ToString());
            await cube.ToCsvDirectoryAsync(directory);
            var again = await CollaborationCube.FromCsvDirectoryAsync(directory);
            CubeAssert.Identical(again, cube);
            again.Options.Groups.Should().Equal(cube.Options.Groups);
            again.Units.Select(u => u.Label).Should().Equal(cube.Units.Select(u => u.Label));
        }

        institutionCube.Technologies.Should().Contain("Quantum, \"post-classical\"");

        static Publication Publication(string id, string technology, params (string Id, string? Name, string Country)[] authors) => new()
        {
            Id = id,
            Year = 2024,
            Technologies = [technology, "Other"],
            Authors = [.. authors.Select(a => new Author { Affiliations = [new Affiliation { InstitutionId = a.Id, InstitutionName = a.Name, Country = Country.Parse(a.Country) }] })],
        };
    }

    [Fact]
    public void FromCsv_StoredPartsMergeIntoTheWhole()
    {
        var publications = RandomCorpora.Seeded(500, seed: 3);
        var whole = CollaborationCube.Build(publications);
        CollaborationCube.Build(publications[..200]).ToCsvDirectory(Path.Combine(_directory, "a"));
        CollaborationCube.Build(publications[200..]).ToCsvDirectory(Path.Combine(_directory, "b"));

        var merged = CollaborationCube.Merge(CollaborationCube.FromCsvDirectory(Path.Combine(_directory, "b")), CollaborationCube.FromCsvDirectory(Path.Combine(_directory, "a")));

        CubeAssert.Identical(merged, whole);
        merged.ToJson().Should().Be(whole.ToJson());
    }

    [Fact]
    public void ToJson_FractionalSums_StoredAsNearestDoubleAndRest()
    {
        var cube = CollaborationCube.Build(RandomCorpora.Seeded(2_000, seed: 9), new AggregationOptions { Technologies = TechnologyAssignment.Fractional });
        var json = JsonNode.Parse(cube.ToJson())!;

        json["version"]!.GetValue<int>().Should().Be(2);
        var values = json["cells"]!.AsArray().SelectMany(c => c!["pairs"]!.AsArray()).SelectMany(p => p!.AsArray().Skip(2)).ToList();
        values.Should().Contain(v => v is JsonArray, "sums of thousands of fractions are not doubles");
        values.Should().Contain(v => v is JsonValue, "whole counts are plain numbers");
        foreach (var exact in values.OfType<JsonArray>())
        {
            exact.Count.Should().Be(2);
            exact[1]!.GetValue<long>().Should().NotBe(0);
        }
    }

    [Fact]
    public void FromJson_Version1_ReadsEachDoubleAsItsExactValue()
    {
        // A version 1 file held plain doubles: the same cube, values as doubles, reads with each double converted.
        var cube = CollaborationCube.Build(TestCorpora.MetricsVector());
        var json = JsonNode.Parse(cube.ToJson())!;
        json["version"] = 1;
        foreach (var cell in json["cells"]!.AsArray())
        {
            foreach (var row in cell!["pairs"]!.AsArray().Concat(cell["units"]!.AsArray()))
            {
                var array = row!.AsArray();
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonArray exact)
                    {
                        array[i] = exact[0]!.GetValue<double>();
                    }
                }
            }
        }

        var again = CollaborationCube.FromJson(json.ToJsonString());

        CubeAssert.Identical(again, cube);
    }

    [Fact]
    public void FromJson_OtherFormatVersion_ThrowsAClearError()
    {
        using var stream = new MemoryStream("""{"format":"collabmetrics-cube","version":99}"""u8.ToArray());

        FluentActions.Invoking(() => CollaborationCube.FromJson(stream)).Should().Throw<FormatException>().WithMessage("*version 99*");
        FluentActions.Invoking(() => CollaborationCube.FromJson(new MemoryStream("{not json"u8.ToArray()))).Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData("cells[0].units[0][4]", 12.0, "cell 2020/all, unit CN: I (12) is greater than P (9)")]
    [InlineData("cells[0].units[0][1]", -1.0, "cell 2020/all, unit CN: P is -1; counts are finite and non-negative")]
    [InlineData("cells[0].units[0][1]", 9.5, "cell 2020/all, unit CN: P is 9.5; it counts whole publications, so it is an integer")]
    [InlineData("cells[0].units[0][1]", 50.0, "cell 2020/all, unit CN: P (50) is greater than the cell's n (11)")]
    [InlineData("cells[0].units[0][2]", 10.0, "cell 2020/all, unit CN: F (10) is greater than P (9)")]
    [InlineData("cells[0].pairs[0][2]", 20.0, "cell 2020/all, pair CN-JP: copublications (20) is greater than min(P)")]
    [InlineData("cells[0].pairs[0][3]", 3.0, "cell 2020/all, pair CN-JP: CountrySet (3) is greater than Full (2)")]
    [InlineData("cells[1].nInternational", 12.0, "cell 2020/T: n_international (12) is greater than n (11)")]
    public void FromJson_TamperedCount_FailsNamingTheCellTheUnitAndTheField(string path, double value, string message)
    {
        var json = JsonNode.Parse(CollaborationCube.Build(TestCorpora.MetricsVector()).ToJson())!;
        Set(json, path, value);

        FluentActions.Invoking(() => CollaborationCube.FromJson(json.ToJsonString()))
            .Should().Throw<FormatException>().WithMessage($"JSON: {message}*changed or damaged*");
    }

    [Theory]
    [InlineData("options", "territory", "options.territory")]
    [InlineData("cells[1]", "nInternational", "cells[1].nInternational")]
    [InlineData("", "diagnostics", "diagnostics")]
    [InlineData("units[2]", "code", "units[2].code")]
    public void FromJson_MissingKey_FailsNamingIt(string parent, string key, string named)
    {
        var json = JsonNode.Parse(CollaborationCube.Build(TestCorpora.MetricsVector()).ToJson())!;
        var node = parent.Length == 0 ? json : Find(json, parent);
        node.AsObject().Remove(key).Should().BeTrue();

        FluentActions.Invoking(() => CollaborationCube.FromJson(json.ToJsonString()))
            .Should().Throw<FormatException>().WithMessage($"*has no '{named}'*");
    }

    [Fact]
    public void FromJsonFile_TamperedFile_MessageNamesTheFile()
    {
        var cube = CollaborationCube.Build(TestCorpora.MetricsVector());
        Directory.CreateDirectory(_directory);
        string file = Path.Combine(_directory, "cube.json");
        cube.ToJsonFile(file);
        CollaborationCube.FromJsonFile(file).ToJson().Should().Be(cube.ToJson());
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        Set(json, "cells[0].units[3][4]", 99);
        File.WriteAllText(file, json.ToJsonString());

        FluentActions.Invoking(() => CollaborationCube.FromJsonFile(file))
            .Should().Throw<FormatException>().WithMessage($"{file}: JSON: cell 2020/all, unit US: I (99) is greater than P (6)*");
    }

    [Fact]
    public void FromCsv_TamperedCount_FailsNamingTheTableTheCellAndTheUnit()
    {
        var cube = CollaborationCube.Build(TestCorpora.MetricsVector());
        cube.ToCsvDirectory(_directory);
        var units = Path.Combine(_directory, "units.csv");
        var lines = File.ReadAllLines(units);
        // year,technology,kind,code,label,p,f,e,i,...: make CN's I 12 in the all-technologies cell.
        int cn = Array.FindIndex(lines, l => l.StartsWith("2020,,country,CN,", StringComparison.Ordinal));
        var fields = lines[cn].Split(',');
        fields[8] = "12";
        lines[cn] = string.Join(',', fields);
        File.WriteAllLines(units, lines);

        FluentActions.Invoking(() => CollaborationCube.FromCsvDirectory(_directory))
            .Should().Throw<FormatException>().WithMessage("units.csv: cell 2020/all, unit CN: I (12) is greater than P (9)*");
    }

    private static JsonNode Find(JsonNode root, string path)
    {
        JsonNode node = root;
        foreach (var part in path.Split('.'))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0 ? node[part]! : node[part[..bracket]]!;
            foreach (var index in part[(bracket < 0 ? part.Length : bracket)..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries))
            {
                node = node[int.Parse(index, System.Globalization.CultureInfo.InvariantCulture)]!;
            }
        }

        return node;
    }

    private static void Set(JsonNode root, string path, double value)
    {
        int last = path.LastIndexOfAny(['.', '[']);
        var parent = Find(root, path[..last]);
        if (path[last] == '.')
        {
            parent[path[(last + 1)..]] = value;
        }
        else
        {
            parent[int.Parse(path[(last + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
    }

    [Fact]
    public void FromCsv_BadField_NamesFileLineAndField()
    {
        var cube = CollaborationCube.Build(TestCorpora.MetricsVector());
        cube.ToCsvDirectory(_directory);
        var units = Path.Combine(_directory, "units.csv");
        var lines = File.ReadAllLines(units);
        lines[1] = lines[1].Replace(",China,", ",China,lots", StringComparison.Ordinal);
        File.WriteAllLines(units, lines);

        FluentActions.Invoking(() => CollaborationCube.FromCsvDirectory(_directory)).Should().Throw<FormatException>().WithMessage("units.csv, line 2, field p:*");

        File.Delete(units);
        FluentActions.Invoking(() => CollaborationCube.FromCsvDirectory(_directory)).Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void ToCsv_WritesReadableTables()
    {
        CollaborationCube.Build(TestCorpora.MetricsVector()).ToCsvDirectory(_directory);

        File.ReadAllLines(Path.Combine(_directory, "slices.csv")).Should().Equal(
            "year,technology,n,n_international,links",
            "2020,,11,8,14",
            "2020,T,11,8,14");
        File.ReadAllLines(Path.Combine(_directory, "cube.csv")).Should().Contain(["format,collabmetrics-cube", "version,2", "level,country", "territory,iso"]);
        File.ReadAllLines(Path.Combine(_directory, "pairs.csv"))[1].Should().StartWith("2020,,country,CN,country,JP,2,1.5,1.5,");
    }

    [Fact]
    public void Merge_DifferentOptions_Throws()
    {
        var a = CollaborationCube.Build(TestCorpora.MetricsVector());
        var b = CollaborationCube.Build(TestCorpora.MetricsVector(), AggregationOptions.Default with { Territory = TerritoryPolicy.GreaterChina });

        FluentActions.Invoking(() => CollaborationCube.Merge(a, b)).Should().Throw<ArgumentException>().WithMessage("*different options*");
        FluentActions.Invoking(() => CollaborationCube.Merge()).Should().Throw<ArgumentException>();
        CollaborationCube.Merge(a).Should().BeSameAs(a);
    }

    [Fact]
    public void Merge_DisjointInstitutionCubes_UnitesUnitsByKey()
    {
        var options = new AggregationOptions { Level = UnitLevel.Institution };
        var first = CollaborationCube.Build([Publication("W1", "X", "Y")], options);
        var second = CollaborationCube.Build([Publication("W2", "Y", "Z"), Publication("W3", "A", "X")], options);

        var merged = CollaborationCube.Merge(first, second);

        merged.Units.Select(u => u.Code).Should().Equal("A", "X", "Y", "Z");
        merged.All()[Unit.Institution("Y")].P.Should().Be(2);
        merged.All().Pair(Unit.Institution("X"), Unit.Institution("A")).Copublications.Should().Be(1);
        merged.Diagnostics.Publications.Should().Be(3);

        static Publication Publication(string id, params string[] institutions) => new()
        {
            Id = id,
            Year = 2020,
            Authors = [.. institutions.Select(i => new Author { Affiliations = [new Affiliation { InstitutionId = i }] })],
        };
    }
}
