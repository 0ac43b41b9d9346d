using System.Globalization;
using System.Text;
using System.Text.Json;
using CollabMetrics.Cli;
using CsvHelper;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

/// <summary>
/// The document filters of the reading commands (<c>--types</c>, <c>--include-retracted</c>, <c>--include-paratext</c>,
/// <c>--max-authors</c>) on the fixtures that carry document types, checked against counts taken from the fixture
/// text here, without the library's readers.
/// </summary>
public sealed class InputOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-documents-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> TypeSelections => new()
    {
        { "openalex", "article" },
        { "openalex", "review,book-chapter" },
        { "wos", "article" },
        { "wos", "Review" },
        { "scopus", "article,review" },
        { "scopus", "conference-paper" },
        { "scopus", "other,book" },
    };

    [Theory]
    [MemberData(nameof(TypeSelections))]
    public void Convert_Types_KeepsThePublicationsOfTheTypesCountedFromTheText(string fixture, string types)
    {
        var works = Works(fixture);
        var wanted = types.Split(',').Select(t => t.ToLowerInvariant()).ToHashSet();

        var result = CliRunner.Run("convert", "--input", Path(fixture), "--types", types, "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        var csv = CsvText.Parse(result.Out);
        var ids = csv.Rows.Select(r => csv.Get(r, "publication_id")).Distinct().ToList();
        ids.Should().HaveCount(works.Count(w => wanted.Contains(w.Type) && !w.Retracted));
        csv.Rows.Select(r => csv.Get(r, "document_type")).Distinct().Should().BeSubsetOf(wanted);
    }

    [Fact]
    public void Types_StreamedTablesAndConvertedCorpus_SameCounts()
    {
        // The table commands stream the files (PublicationFiles); convert builds a corpus. The CSV it writes keeps
        // the types, so the tables of the converted publications are the tables of the filtered inputs.
        var converted = System.IO.Path.Combine(_dir, "reviews.csv");
        CliRunner.Run("convert", "--input", Fixtures.OpenAlexWorks50, Fixtures.Scopus58, "--types", "review", "--out", converted, "--quiet").ExitCode.Should().Be(0);

        var streamed = CliRunner.Run("pairs", "--input", Fixtures.OpenAlexWorks50, Fixtures.Scopus58, "--types", "review", "--by", "all", "--output", "csv", "--quiet");
        var fromCsv = CliRunner.Run("pairs", "--input", converted, "--by", "all", "--output", "csv", "--quiet");

        streamed.ExitCode.Should().Be(0, streamed.Err);
        streamed.OutLines.Length.Should().BeGreaterThan(2);
        streamed.Out.Should().Be(fromCsv.Out);
    }

    [Fact]
    public void Impact_Types_CountsThePublicationsOfTheTypes()
    {
        int articles = Works("openalex").Count(w => w.Type == "article" && !w.Retracted);

        var result = CliRunner.Run("impact", "--input", Fixtures.OpenAlexWorks50, "--types", "article", "--by", "all");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        result.Err.Should().Contain($"{articles} of {articles} publications in the figures").And.Contain("--types article only");
    }

    [Fact]
    public void AuthorGraph_Types_BuiltFromThePublicationsOfTheTypes()
    {
        int reviews = Works("wos").Count(w => w.Type == "review");

        var result = CliRunner.Run("graph", "--level", "author", "--input", Fixtures.WosPlain500, "--types", "review", "--graph-format", "csv");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        result.Err.Should().Contain($" in {reviews} publications.");
    }

    [Fact]
    public void Process_TypesAndMaxAuthors_SummaryCountsWhatWasLeftOut()
    {
        var works = Works("openalex");
        int retracted = works.Count(w => w.Retracted);
        int tooMany = works.Count(w => !w.Retracted && !w.Paratext && w.Authors > 10);
        retracted.Should().BePositive("the fixture holds a retracted work");
        tooMany.Should().BePositive();

        var (code, output, error) = CliRunner.RunProcess("countries", "--input", Fixtures.OpenAlexWorks50, "--types", "article,review", "--max-authors", "10", "--by", "all", "--output", "csv");

        code.Should().Be(ExitCodes.Success, error);
        error.Should().Contain($"{works.Count - retracted - tooMany} publications, {retracted + tooMany} left out (retracted {retracted}, over --max-authors {tooMany}); --types article,review only");
        output.Should().StartWith("year,country,publications");
    }

    [Fact]
    public void Process_UnknownType_Exit2WithTheClosestName()
    {
        var (code, output, error) = CliRunner.RunProcess("countries", "--input", Fixtures.OpenAlexWorks50, "--types", "article,reveiw");

        code.Should().Be(ExitCodes.Usage);
        output.Should().BeEmpty();
        error.Should().Contain("--types: 'reveiw' is not a document type").And.Contain("Closest: review.").And.NotContain("   at ");
    }

    [Theory]
    [InlineData("countries")]
    [InlineData("convert")]
    [InlineData("graph")]
    [InlineData("impact")]
    public void Types_NoPublicationOfTheTypes_Exit2NamingTheTypesPresent(string command)
    {
        var works = Works("wos");
        var present = works.Where(w => !w.Retracted).GroupBy(w => w.Type).OrderBy(g => g.Key == "article" ? 0 : 1).Select(g => $"{g.Key} ({g.Count()})");

        var result = CliRunner.RunIn(_dir, command, "--input", Fixtures.WosPlain500, "--types", "letter", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Usage, result.Err);
        result.Out.Should().BeEmpty();
        result.Err.Should().Contain("--types: no publication of the").And.Contain("is of type letter; the types present are " + string.Join(", ", present) + ".");
    }

    [Fact]
    public void Types_InputWithoutTypes_Exit2SayingTheInputGivesNone()
    {
        var path = System.IO.Path.Combine(_dir, "plain.csv");
        File.WriteAllText(path, "publication_id,year,author_position,country\nW1,2020,1,US\nW1,2020,2,CN\n");

        var result = CliRunner.Run("pairs", "--input", path, "--types", "article");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("--types: no publication of the files has a document type");
    }

    [Fact]
    public void Inspect_DocumentFilters_CountsByReasonAsTheText()
    {
        var works = Works("wos");
        foreach (int max in new[] { 3, 10 })
        {
            var result = CliRunner.Run("inspect", "--input", Fixtures.WosPlain500, "--max-authors", max.ToString(CultureInfo.InvariantCulture), "--output", "json", "--quiet");

            result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
            using var json = JsonDocument.Parse(result.Out);
            var root = json.RootElement;
            int expected = works.Count(w => w.Authors > max);
            root.GetProperty("excluded").GetInt64().Should().Be(expected);
            root.GetProperty("excluded_by_reason").GetProperty("too_many_authors").GetInt64().Should().Be(expected);
            root.GetProperty("accepted").GetInt64().Should().Be(works.Count - expected);
        }
    }

    [Fact]
    public void Inspect_RetractedParatextAndTruncated_LeftOutByDefaultKeptOnRequestAndFlagged()
    {
        var path = System.IO.Path.Combine(_dir, "works.jsonl");
        File.WriteAllText(path, string.Join('\n',
            Work("W1", "article", retracted: true),
            Work("W2", "paratext"),
            Work("W3", "article", paratext: true),
            Work("W4", "article", truncated: true),
            Work("W5", "review", truncated: true, retracted: true),
            Work("W6", "review")) + "\n");

        var byDefault = Report("inspect", "--input", path, "--output", "json", "--quiet");
        byDefault.GetProperty("accepted").GetInt64().Should().Be(2);
        byDefault.GetProperty("excluded_by_reason").GetProperty("retracted").GetInt64().Should().Be(2);
        byDefault.GetProperty("excluded_by_reason").GetProperty("paratext").GetInt64().Should().Be(2);
        byDefault.GetProperty("authors_truncated").GetInt64().Should().Be(1, "W5 is left out, W4 is kept and flagged");

        var all = Report("inspect", "--input", path, "--include-retracted", "--include-paratext", "--output", "json", "--quiet");
        all.GetProperty("accepted").GetInt64().Should().Be(6);
        all.GetProperty("excluded").GetInt64().Should().Be(0);
        all.GetProperty("authors_truncated").GetInt64().Should().Be(2);

        var text = CliRunner.Run("inspect", "--input", path, "--include-paratext");
        text.ExitCode.Should().Be(0);
        text.Out.Should().Contain("Left out: 2").And.Contain("Retracted: 2").And.Contain("Author lists cut short by the source: 1");
        text.Err.Should().Contain("4 publications, 2 left out (retracted 2), 1 with an author list cut short by the source");
    }

    [Theory]
    [InlineData("--include-retracted")]
    [InlineData("--include-paratext")]
    [InlineData("--max-authors", "5")]
    public void Cube_DocumentFilterOption_Exit2BecauseTheCubeWasBuiltWithIt(params string[] option)
    {
        CliRunner.RunIn(_dir, "cube", "build", "--input", Fixtures.OpenAlexWorks50, "--out", "a.cube", "--quiet").ExitCode.Should().Be(0);

        var result = CliRunner.RunIn(_dir, ["countries", "--cube", "a.cube", .. option]);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain($"{option[0]} applies to reading --input files");
    }

    [Fact]
    public void MaxRecordAuthors_RecordOverTheLimit_SkippedAsTooLargeNotLeftOut()
    {
        var works = Works("wos");

        var report = Report("inspect", "--input", Fixtures.WosPlain500, "--max-record-authors", "10", "--output", "json", "--quiet");

        report.GetProperty("skipped_by_reason").GetProperty("too_large").GetInt64().Should().Be(works.Count(w => w.Authors > 10));
        report.GetProperty("excluded").GetInt64().Should().Be(0);
    }

    private static JsonElement Report(params string[] args)
    {
        var result = CliRunner.Run(args);
        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        using var json = JsonDocument.Parse(result.Out);
        return json.RootElement.Clone();
    }

    private static string Work(string id, string type, bool retracted = false, bool paratext = false, bool truncated = false) =>
        $$"""{"id":"https://openalex.org/{{id}}","publication_year":2020,"type":"{{type}}","is_retracted":{{(retracted ? "true" : "false")}},"is_paratext":{{(paratext ? "true" : "false")}},"is_authors_truncated":{{(truncated ? "true" : "false")}},"authorships":[{"author":{"id":"https://openalex.org/A1","display_name":"A One"},"countries":["US"],"institutions":[]},{"author":{"id":"https://openalex.org/A2","display_name":"B Two"},"countries":["CN"],"institutions":[]}]}""";

    private static string Path(string fixture) => fixture switch
    {
        "openalex" => Fixtures.OpenAlexWorks50,
        "wos" => Fixtures.WosPlain500,
        _ => Fixtures.Scopus58,
    };

    /// <summary>Each record of a fixture: its document type (docs/formats.md names), flags and author count, read from the text.</summary>
    private static List<FixtureWork> Works(string fixture) => fixture switch
    {
        "openalex" => OpenAlexWorks(),
        "wos" => WosWorks(),
        _ => ScopusWorks(),
    };

    private static List<FixtureWork> OpenAlexWorks()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        var results = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement : json.RootElement.GetProperty("results");
        return [.. results.EnumerateArray().Select(w => new FixtureWork(
            w.GetProperty("type").GetString()!,
            w.TryGetProperty("is_retracted", out var r) && r.ValueKind == JsonValueKind.True,
            (w.TryGetProperty("is_paratext", out var p) && p.ValueKind == JsonValueKind.True) || w.GetProperty("type").GetString() == "paratext",
            w.GetProperty("authorships").GetArrayLength()))];
    }

    private static List<FixtureWork> WosWorks()
    {
        var works = new List<FixtureWork>();
        string? tag = null;
        string type = string.Empty;
        int authors = 0;
        foreach (var line in File.ReadLines(Fixtures.WosPlain500))
        {
            var text = line.TrimStart('\uFEFF');
            if (text.StartsWith("PT ", StringComparison.Ordinal))
            {
                (type, authors) = (string.Empty, 0);
            }
            else if (text.StartsWith("ER", StringComparison.Ordinal))
            {
                works.Add(new FixtureWork(type, false, false, authors));
            }

            if (text.Length >= 2 && text[0] != ' ')
            {
                tag = text[..2];
            }

            if (tag == "AU" && text.Trim().Length > 2)
            {
                authors++;
            }
            else if (tag == "DT" && text.StartsWith("DT ", StringComparison.Ordinal))
            {
                // The first part names the type: "Article; Proceedings Paper" is an article.
                type = text[3..].Split(';')[0].Trim() switch
                {
                    "Article" => "article",
                    "Review" => "review",
                    var other => throw new InvalidOperationException($"The fixture has a DT this test does not map: {other}."),
                };
            }
        }

        return works;
    }

    private static List<FixtureWork> ScopusWorks()
    {
        // The Document Type column is the fifth from the end of every row (some rows carry one field more than the
        // header, in the middle); Scopus types map as docs/formats.md says.
        var works = new List<FixtureWork>();
        using var reader = CsvReader.FromText(File.ReadAllText(Fixtures.Scopus58, Encoding.UTF8), new CsvReaderOptions { Separator = ',', HasHeader = true });
        while (reader.Read())
        {
            var type = reader.GetString(reader.FieldCount - 5) switch
            {
                "Article" => "article",
                "Review" or "Short Survey" => "review",
                "Conference Paper" => "conference-paper",
                "Book Chapter" => "book-chapter",
                "Book" => "book",
                "Conference Review" => "other",
                var other => throw new InvalidOperationException($"The fixture has a Document Type this test does not map: {other}."),
            };
            works.Add(new FixtureWork(type, false, false, 0));
        }

        return works;
    }

    /// <summary>One record of a fixture as its text gives it.</summary>
    private sealed record FixtureWork(string Type, bool Retracted, bool Paratext, int Authors);
}
