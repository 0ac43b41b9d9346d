using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CollabMetrics.Cli;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

public sealed class CubeCommandTests : IDisposable
{
    private static readonly string[][] s_questions =
    [
        ["pairs"],
        ["pairs", "--links", "author"],
        ["pairs", "--links", "country-set", "--by", "all"],
        ["countries"],
        ["countries", "--by", "all", "--top", "5", "--counting", "fractional"],
        ["countries", "--window", "3", "--output", "json"],
        ["partners", "--focus", "US"],
        ["partners", "--focus", "CN", "--window", "3", "--index", "salton"],
        ["pairs", "--years", "2015-2020"],
        ["partners", "--focus", "GB", "--years", "2018-2022", "--by", "all"],
        ["graph", "--graph-format", "csv"],
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("cm-cube-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] AllFiles => [Fixtures.WosPlain500, Fixtures.Scopus58, Fixtures.OpenAlexWorks50, Fixtures.WosTab71];

    [Fact]
    public void Merge_ShardsOfFixtureFiles_EveryTableEqualsTheInputs()
    {
        Build("a.cube", Fixtures.WosPlain500).ExitCode.Should().Be(ExitCodes.Success);
        Build("b.cube", Fixtures.Scopus58, Fixtures.OpenAlexWorks50).ExitCode.Should().Be(ExitCodes.Success);
        Build("c.cube", Fixtures.WosTab71).ExitCode.Should().Be(ExitCodes.Success);
        var merge = Run("cube", "merge", "a.cube", "b.cube", "c.cube", "--out", "all.cube");
        merge.ExitCode.Should().Be(ExitCodes.Success, merge.Err);
        merge.Err.Should().Contain("cube written to");

        foreach (var question in s_questions)
        {
            var fromInputs = Run([.. question, "--quiet", "--input", .. AllFiles]);
            var fromCube = Run([.. question, "--quiet", "--cube", "all.cube"]);
            fromInputs.ExitCode.Should().Be(ExitCodes.Success, fromInputs.Err);
            fromCube.ExitCode.Should().Be(ExitCodes.Success, fromCube.Err);
            fromCube.Out.Should().Be(fromInputs.Out, string.Join(' ', question));
            fromCube.OutLines.Length.Should().BeGreaterThan(2);
        }
    }

    [Fact]
    public void Merge_ShardsByYearOfTheSameFiles_EqualsOneBuild()
    {
        Run(["cube", "build", "--years", "1990-2017", "--out", "old.cube", "--input", .. AllFiles]).ExitCode.Should().Be(0);
        Run(["cube", "build", "--years", "2018-2030", "--out", "new.cube", "--input", .. AllFiles]).ExitCode.Should().Be(0);
        Run("cube", "merge", "old.cube", "new.cube", "-o", "years.cube").ExitCode.Should().Be(0);

        var fromInputs = Run(["partners", "--focus", "US", "--years", "2001-2025", "-q", "--input", .. AllFiles]);
        var fromCube = Run("partners", "--focus", "US", "--years", "2001-2025", "-q", "--cube", "years.cube");
        fromInputs.ExitCode.Should().Be(0, fromInputs.Err);
        fromCube.ExitCode.Should().Be(0, fromCube.Err);
        fromCube.Out.Should().Be(fromInputs.Out);
    }

    [Fact]
    public void Merge_DifferentOptions_Exit2ListingEachDifference()
    {
        Build("iso.cube", Fixtures.WosPlain500).ExitCode.Should().Be(0);
        Run("cube", "build", "--territory", "leiden", "--max-record-authors", "500", "-i", Fixtures.Scopus58, "-o", "leiden.cube").ExitCode.Should().Be(0);

        var result = Run("cube", "merge", "iso.cube", "leiden.cube", "-o", "x.cube");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("different options").And.Contain("--territory iso vs leiden").And.Contain("--max-record-authors 100000 vs 500");
        File.Exists(Path.Combine(_dir, "x.cube")).Should().BeFalse();
    }

    [Fact]
    public void Merge_DifferentLevels_Exit2()
    {
        Build("countries.cube", Fixtures.WosPlain500).ExitCode.Should().Be(0);
        Run("cube", "build", "--level", "institution", "-i", Fixtures.Scopus58, "-o", "institutions.cube").ExitCode.Should().Be(0);

        var result = Run("cube", "merge", "countries.cube", "institutions.cube", "-o", "x.cube");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("--level country vs institution");
    }

    [Fact]
    public void Merge_SameFileInTwoShards_Exit2CountedTwice()
    {
        Build("a.cube", Fixtures.WosPlain500, Fixtures.Scopus58).ExitCode.Should().Be(0);
        Build("b.cube", Fixtures.Scopus58).ExitCode.Should().Be(0);

        var result = Run("cube", "merge", "a.cube", "b.cube", "-o", "x.cube");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("scopus-58.csv").And.Contain("counted twice");
    }

    [Fact]
    public void Merge_SameFileWithOverlappingYears_Exit2()
    {
        Run("cube", "build", "--years", "2000-2014", "-i", Fixtures.WosPlain500, "-o", "a.cube").ExitCode.Should().Be(0);
        Run("cube", "build", "--years", "2014-2025", "-i", Fixtures.WosPlain500, "-o", "b.cube").ExitCode.Should().Be(0);

        var result = Run("cube", "merge", "a.cube", "b.cube", "-o", "x.cube");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("savedrecs-500.txt (years 2000-2014)").And.Contain("counted twice");
    }

    [Fact]
    public void Cube_YearsOutsideTheBuild_Exit2()
    {
        Run("cube", "build", "--years", "2012-2014", "-i", Fixtures.WosPlain500, "-o", "a.cube").ExitCode.Should().Be(0);

        var result = Run("pairs", "--years", "2011-2014", "--cube", "a.cube");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("--years 2011-2014").And.Contain("2012-2014 only");
    }

    [Fact]
    public void Cube_OtherTerritoryOrTechnology_Exit2()
    {
        Build("a.cube", Fixtures.WosPlain500).ExitCode.Should().Be(0);

        var territory = Run("pairs", "--territory", "leiden", "--cube", "a.cube");
        var technology = Run("pairs", "--technology", "AI", "--cube", "a.cube");

        territory.ExitCode.Should().Be(ExitCodes.Usage);
        territory.Err.Should().Contain("built with --territory iso");
        technology.ExitCode.Should().Be(ExitCodes.Usage);
        technology.Err.Should().Contain("built with --technology (none)");
    }

    [Theory]
    [InlineData("inspect", "a cube holds only counts")]
    [InlineData("convert", "not publications")]
    [InlineData("graph --level author", "--level author needs each publication's authors")]
    [InlineData("pairs --strict", "--strict applies to reading --input files")]
    [InlineData("cube build -o x.cube", "cube build reads --input files")]
    public void Cube_QuestionACubeCannotAnswer_Exit2WithTheReason(string command, string reason)
    {
        Build("a.cube", Fixtures.WosPlain500).ExitCode.Should().Be(0);

        var result = Run([.. command.Split(' '), "--cube", "a.cube"]);

        result.ExitCode.Should().Be(ExitCodes.Usage, result.Err);
        result.Err.Should().Contain(reason);
        result.Err.Should().NotContain("   at ");
    }

    [Fact]
    public void Cube_InstitutionCubeForACountryQuestion_Exit2()
    {
        Run("cube", "build", "--level", "institution", "-i", Fixtures.Scopus58, "-o", "i.cube").ExitCode.Should().Be(0);

        var result = Run("pairs", "--cube", "i.cube");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("counts institution units").And.Contain("--level country");
    }

    [Fact]
    public void Cube_InstitutionGraph_EqualsTheInputs()
    {
        Run("cube", "build", "--level", "institution", "-i", Fixtures.Scopus58, "-o", "i.cube").ExitCode.Should().Be(0);

        var fromCube = Run("graph", "--level", "institution", "--graph-format", "csv", "-q", "--cube", "i.cube");
        var fromInputs = Run("graph", "--level", "institution", "--graph-format", "csv", "-q", "-i", Fixtures.Scopus58);

        fromCube.ExitCode.Should().Be(0, fromCube.Err);
        fromCube.Out.Should().Be(fromInputs.Out);
    }

    [Fact]
    public void Cube_InputAndCubeBoth_Exit2()
    {
        Build("a.cube", Fixtures.WosPlain500).ExitCode.Should().Be(0);

        var both = Run("pairs", "--cube", "a.cube", "--input", Fixtures.Scopus58);
        var neither = Run("pairs");

        both.ExitCode.Should().Be(ExitCodes.Usage);
        both.Err.Should().Contain("either --input files or --cube FILE");
        neither.ExitCode.Should().Be(ExitCodes.Usage);
        neither.Err.Should().Contain("--input PATH");
    }

    [Fact]
    public void Cube_ForeignFile_Exit3NamingTheFile()
    {
        var result = Run("pairs", "--cube", Fixtures.Scopus58);

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.Err.Should().Contain("scopus-58.csv: not a CollabMetrics cube file");
    }

    [Fact]
    public void Cube_GzipOfAnotherFile_Exit3NamingTheFile()
    {
        using (var file = File.Create(Path.Combine(_dir, "other.cube")))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        }

        var result = Run("pairs", "--cube", "other.cube");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.Err.Should().Contain("other.cube: not a CollabMetrics cube file");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.97)]
    public void Cube_TruncatedFile_Exit3NamingTheFile(double keep)
    {
        Build("a.cube", Fixtures.WosPlain500).ExitCode.Should().Be(0);
        var path = Path.Combine(_dir, "a.cube");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);

        var result = Run("pairs", "--cube", "a.cube");

        result.ExitCode.Should().Be(ExitCodes.Input, result.Err);
        result.Err.Should().Contain("a.cube: damaged cube");
    }

    [Fact]
    public void Cube_ChangedCount_Exit3NamingTheFileAndField()
    {
        Build("a.cube", Fixtures.WosPlain500).ExitCode.Should().Be(0);
        var path = Path.Combine(_dir, "a.cube");
        string text;
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            text = reader.ReadToEnd();
        }

        // The first cell's N becomes negative.
        int at = text.IndexOf("\"n\":", StringComparison.Ordinal);
        int end = text.IndexOf(',', at);
        text = text[..(at + 4)] + "-3" + text[end..];
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write(text);
        }

        var result = Run("pairs", "--cube", "a.cube");

        result.ExitCode.Should().Be(ExitCodes.Input, result.Err);
        result.Err.Should().Contain("a.cube: damaged cube:");
    }

    [Fact]
    public void Cube_NewerFileVersion_Exit3()
    {
        using (var gzip = new GZipStream(File.Create(Path.Combine(_dir, "v9.cube")), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write("{\"format\":\"collabmetrics-cube-file\",\"version\":9}\n{}");
        }

        var result = Run("pairs", "--cube", "v9.cube");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.Err.Should().Contain("v9.cube: cube file version 9 cannot be read");
    }

    [Fact]
    public void Cube_MissingFile_Exit3()
    {
        var result = Run("countries", "--cube", "missing.cube");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.Err.Should().Contain("missing.cube: file not found");
    }

    [Fact]
    public void Process_ShardsBuiltAndMerged_AnswerAsTheInputs()
    {
        // The tool as a user runs it: one process per shard, one to merge, one per question.
        var shards = new[] { Fixtures.WosPlain500, Fixtures.Scopus58, Fixtures.OpenAlexWorks50 };
        for (int i = 0; i < shards.Length; i++)
        {
            CliRunner.RunProcess("cube", "build", "--input", shards[i], "--out", Path.Combine(_dir, $"shard-{i}.cube")).ExitCode.Should().Be(0);
        }

        CliRunner.RunProcess("cube", "merge", Path.Combine(_dir, "shard-0.cube"), Path.Combine(_dir, "shard-1.cube"), Path.Combine(_dir, "shard-2.cube"), "--out", Path.Combine(_dir, "all.cube"))
            .ExitCode.Should().Be(0);
        var fromCube = CliRunner.RunProcess("countries", "-q", "--cube", Path.Combine(_dir, "all.cube"));
        var fromInputs = CliRunner.RunProcess(["countries", "-q", "--input", .. shards]);

        fromCube.ExitCode.Should().Be(0, fromCube.Err);
        fromCube.Out.Should().Be(fromInputs.Out).And.Contain("US");
    }

    [Fact]
    public void Build_DocumentFilterAndTechnologyMap_RecordedInTheHeader()
    {
        var map = WriteMap("map.csv", "technology,source\nComputing,fields/17\nBiology,fields/13\n");

        var result = Run("cube", "build", "--input", Fixtures.OpenAlexWorks50, "--types", "review,article", "--max-authors", "20", "--include-paratext",
            "--technology-map", "map.csv", "--min-topic-score", "0.5", "--out", "a.cube");

        result.ExitCode.Should().Be(0, result.Err);
        using var header = JsonDocument.Parse(HeaderLine("a.cube"));
        var build = header.RootElement.GetProperty("build");
        header.RootElement.GetProperty("version").GetInt32().Should().Be(2);
        var documents = build.GetProperty("documents");
        documents.GetProperty("types").EnumerateArray().Select(t => t.GetString()).Should().Equal("article", "review");
        documents.GetProperty("includeRetracted").GetBoolean().Should().BeFalse();
        documents.GetProperty("includeParatext").GetBoolean().Should().BeTrue();
        documents.GetProperty("maxAuthors").GetInt32().Should().Be(20);
        var technologyMap = build.GetProperty("technologyMap");
        technologyMap.GetProperty("name").GetString().Should().Be("map.csv");
        technologyMap.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(map))));
        technologyMap.GetProperty("primaryTopicOnly").GetBoolean().Should().BeFalse();
        technologyMap.GetProperty("minTopicScore").GetDouble().Should().Be(0.5);
        result.Err.Should().Contain("document filter: --types article,review; retracted works left out, at most 20 authors; technology map: map.csv (sha256 ");

        var plain = Build("plain.cube", Fixtures.OpenAlexWorks50);
        plain.ExitCode.Should().Be(0);
        using var plainHeader = JsonDocument.Parse(HeaderLine("plain.cube"));
        plainHeader.RootElement.GetProperty("build").GetProperty("technologyMap").ValueKind.Should().Be(JsonValueKind.Null);
        plainHeader.RootElement.GetProperty("build").GetProperty("documents").GetProperty("types").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void Merge_DifferentDocumentFilterOrTechnologyMap_Exit2ListingEachDifference()
    {
        WriteMap("map.csv", "technology,source\nComputing,fields/17\n");
        WriteMap("other.csv", "technology,source\nComputing,fields/13\n");
        WriteMap("copy.csv", "technology,source\nComputing,fields/17\n");
        Run("cube", "build", "-i", Fixtures.OpenAlexWorks50, "--technology-map", "map.csv", "-o", "a.cube").ExitCode.Should().Be(0);
        Run("cube", "build", "-i", Fixtures.WosPlain500, "--technology-map", "other.csv", "--types", "article", "--include-retracted", "--max-authors", "50", "-o", "b.cube").ExitCode.Should().Be(0);
        Run("cube", "build", "-i", Fixtures.Scopus58, "--technology-map", "copy.csv", "--primary-topic-only", "-o", "c.cube").ExitCode.Should().Be(0);
        Run("cube", "build", "-i", Fixtures.WosTab71, "--technology-map", "copy.csv", "-o", "d.cube").ExitCode.Should().Be(0);

        var result = Run("cube", "merge", "a.cube", "b.cube", "-o", "x.cube");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("different options")
            .And.Contain("every type vs --types article")
            .And.Contain("retracted works left out vs kept")
            .And.Contain("--max-authors (no limit) vs 50")
            .And.Contain("--technology-map map.csv (sha256 ").And.Contain(" vs other.csv (sha256 ");
        Run("cube", "merge", "a.cube", "c.cube", "-o", "x.cube").Err.Should().Contain("--primary-topic-only no vs yes");
        File.Exists(Path.Combine(_dir, "x.cube")).Should().BeFalse();

        var sameContent = Run("cube", "merge", "a.cube", "d.cube", "-o", "x.cube");
        sameContent.ExitCode.Should().Be(0, "a map of the same content under another name is the same map: " + sameContent.Err);
    }

    [Fact]
    public void Merge_ShardsWithTypes_EqualTheFilteredInputsAndPrintTheFilter()
    {
        Run("cube", "build", "-i", Fixtures.OpenAlexWorks50, "--types", "article,review", "--max-authors", "30", "-o", "a.cube").ExitCode.Should().Be(0);
        Run("cube", "build", "-i", Fixtures.WosPlain500, Fixtures.Scopus58, "--types", "review,article", "--max-authors", "30", "-o", "b.cube").ExitCode.Should().Be(0);
        Run("cube", "merge", "a.cube", "b.cube", "-o", "all.cube").ExitCode.Should().Be(0);
        string[] inputs = ["--input", Fixtures.OpenAlexWorks50, Fixtures.WosPlain500, Fixtures.Scopus58, "--types", "article,review", "--max-authors", "30"];

        foreach (var question in new[] { new[] { "countries", "--by", "all" }, ["pairs", "--by", "all"], ["partners", "--focus", "US"] })
        {
            var fromInputs = Run([.. question, "-q", .. inputs]);
            var fromCube = Run([.. question, "--cube", "all.cube"]);
            fromCube.ExitCode.Should().Be(0, fromCube.Err);
            fromCube.Out.Should().Be(fromInputs.Out, string.Join(' ', question));
            fromCube.Err.Should().Contain("all.cube was built with document filter: --types article,review; retracted works left out, paratext left out, at most 30 authors; technology map: none");
        }

        Run("countries", "--cube", "all.cube", "--types", "review,article", "-q").ExitCode.Should().Be(0, "the cube's own types may be named");
        var other = Run("countries", "--cube", "all.cube", "--types", "article");
        other.ExitCode.Should().Be(ExitCodes.Usage);
        other.Err.Should().Contain("--types article: all.cube was built with --types article,review, which is in its counts");
    }

    [Fact]
    public void Cube_Version1FileWithoutTheDocumentFilter_Exit3AskingForANewBuild()
    {
        Build("new.cube", Fixtures.Scopus58).ExitCode.Should().Be(0);
        var path = Path.Combine(_dir, "new.cube");
        string[] lines;
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            lines = reader.ReadToEnd().Split('\n', 2);
        }

        var header = System.Text.Json.Nodes.JsonNode.Parse(lines[0])!.AsObject();
        header["version"] = 1;
        header["build"]!.AsObject().Remove("documents");
        header["build"]!.AsObject().Remove("technologyMap");
        using (var gzip = new GZipStream(File.Create(Path.Combine(_dir, "v1.cube")), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write(header.ToJsonString() + "\n" + lines[1]);
        }

        var result = Run("countries", "--cube", "v1.cube");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.Err.Should().Contain("v1.cube: cube file version 1 cannot be read by this tool (it reads version 2); build the cube again");
    }

    [Fact]
    public void Process_WorkSplitShardsMergedInAnyOrder_EveryAnswerIdenticalToTheWholeFile()
    {
        // One file's works dealt at random to shards (not whole files, not years): fractional sums of every cell are
        // formed from other subsets in another order, and must still give the same bytes.
        var publications = Aggregation.RandomCorpora.Seeded(4_000, seed: 17);
        var whole = Path.Combine(_dir, "whole.csv");
        Corpus.Build(publications).ToCsvFile(whole);
        var shards = Aggregation.CubeShardTests.Split(publications, 3, seed: 4);
        for (int i = 0; i < shards.Count; i++)
        {
            var file = Path.Combine(_dir, $"works-{i}.csv");
            Corpus.Build(shards[i]).ToCsvFile(file);
            CliRunner.RunProcess("cube", "build", "--input", file, "--out", Path.Combine(_dir, $"works-{i}.cube")).ExitCode.Should().Be(0);
        }

        var merge = CliRunner.RunProcess("cube", "merge", Path.Combine(_dir, "works-2.cube"), Path.Combine(_dir, "works-0.cube"), Path.Combine(_dir, "works-1.cube"), "--out", Path.Combine(_dir, "works.cube"));
        merge.ExitCode.Should().Be(0, merge.Err);
        string[][] questions =
        [
            ["countries", "--counting", "fractional", "--by", "all", "--output", "csv"],
            ["pairs", "--links", "author-refined", "--window", "3", "--output", "csv"],
            ["partners", "--focus", "US", "--index", "salton", "--output", "csv"],
            ["pairs", "--links", "country-set", "--by", "all", "--output", "csv"],
        ];
        foreach (var question in questions)
        {
            var fromCube = CliRunner.RunProcess([.. question, "-q", "--cube", Path.Combine(_dir, "works.cube")]);
            var fromInput = CliRunner.RunProcess([.. question, "-q", "--input", whole]);
            fromInput.ExitCode.Should().Be(0, fromInput.Err);
            fromCube.ExitCode.Should().Be(0, fromCube.Err);
            fromCube.Out.Should().Be(fromInput.Out, string.Join(' ', question));
            fromCube.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.Should().BeGreaterThan(2);
        }
    }

    private string WriteMap(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string HeaderLine(string cube)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(_dir, cube)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadLine()!;
    }

    private CliResult Build(string cube, params string[] inputs) => Run(["cube", "build", "--out", cube, "--input", .. inputs]);

    private CliResult Run(params string[] args) => CliRunner.RunIn(_dir, args);
}
