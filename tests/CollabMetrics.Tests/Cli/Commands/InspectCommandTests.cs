using System.Text.Json;
using CollabMetrics.Cli;
using CollabMetrics.IO;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

public class InspectCommandTests
{
    [Fact]
    public void Inspect_OpenAlexFixture_ReportsTheFiftyRecordsAsTheLibraryDoes()
    {
        var result = CliRunner.Run("inspect", "--input", Fixtures.OpenAlexWorks50, "--output", "json");

        result.ExitCode.Should().Be(ExitCodes.Success);
        var expected = Corpus.FromFile(Fixtures.OpenAlexWorks50, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }).Report;
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        root.GetProperty("files").EnumerateArray().Select(f => f.GetString()).Should().Equal(Fixtures.OpenAlexWorks50);
        root.GetProperty("records_read").GetInt64().Should().Be(50, "SOURCES.md: the file holds 50 works");
        root.GetProperty("accepted").GetInt64().Should().Be(expected.Accepted);
        root.GetProperty("skipped").GetInt64().Should().Be(expected.SkippedTotal);
        root.GetProperty("publications_without_country").GetInt64().Should().Be(expected.PublicationsWithoutCountry);
        root.GetProperty("unresolved_affiliations").EnumerateArray()
            .Select(u => (u.GetProperty("text").GetString(), u.GetProperty("count").GetInt64()))
            .Should().Equal(expected.UnresolvedAffiliations.Select(u => ((string?)u.Text, u.Count)));
    }

    [Fact]
    public void Inspect_EveryFixtureFormatMixed_CountsEveryRecord()
    {
        var result = CliRunner.Run(
            "inspect", "--input", Fixtures.OpenAlexWorks50, Fixtures.WosPlain500, "--input", Fixtures.WosTab71, "--input", Fixtures.Scopus58, "--output", "json");

        result.ExitCode.Should().Be(ExitCodes.Success);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("files").GetArrayLength().Should().Be(4);
        json.RootElement.GetProperty("records_read").GetInt64().Should().Be(50 + 500 + 71 + 58, "SOURCES.md gives each file's record count");
    }

    [Theory]
    [InlineData("wos", 500)]
    [InlineData("wos-tab", 71)]
    [InlineData("scopus", 58)]
    [InlineData("openalex", 50)]
    public void Inspect_ExplicitFormat_ReadsTheFixture(string format, int records)
    {
        var path = format switch
        {
            "wos" => Fixtures.WosPlain500,
            "wos-tab" => Fixtures.WosTab71,
            "scopus" => Fixtures.Scopus58,
            _ => Fixtures.OpenAlexWorks50,
        };

        var result = CliRunner.Run("inspect", "--input", path, "--format", format, "--output", "json", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("records_read").GetInt64().Should().Be(records);
    }

    [Fact]
    public void Inspect_WrongExplicitFormatStrict_InputError()
    {
        var result = CliRunner.Run("inspect", "--input", Fixtures.OpenAlexWorks50, "--format", "scopus", "--strict");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.ErrLines.Should().ContainSingle().Which.Should().Contain(Fixtures.OpenAlexWorks50);
    }

    [Fact]
    public void Inspect_Table_PrintsTheSummaryAndANoteOnStandardError()
    {
        var result = CliRunner.Run("inspect", "--input", Fixtures.OpenAlexWorks50);

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Out.Should().Contain("Records read: 50").And.Contain("Files: 1");
        result.ErrLines.Should().ContainSingle().Which.Should().StartWith("collabmetrics: read 50 records from 1 file: 49 publications, 1 left out (retracted 1)");
    }

    [Fact]
    public void Inspect_CsvOutput_UsageError()
    {
        var result = CliRunner.Run("inspect", "--input", Fixtures.OpenAlexWorks50, "--output", "csv");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines.Should().Equal("collabmetrics: --output: inspect prints the report as text (table) or JSON (json), not CSV.", "Try 'collabmetrics inspect --help'.");
    }

    [Fact]
    public void Inspect_Quiet_NothingOnStandardError()
    {
        var result = CliRunner.Run("inspect", "--input", Fixtures.OpenAlexWorks50, "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Err.Should().BeEmpty();
    }

    [Fact]
    public void Inspect_GzipAndPlainTogether_CountsBoth()
    {
        using var gz = TempFile.WithBytes(".json.gz", File.ReadAllBytes(Fixtures.OpenAlexWorks50));

        var result = CliRunner.Run("inspect", "--input", Fixtures.OpenAlexWorks50, gz.Path, "--output", "json");

        result.ExitCode.Should().Be(ExitCodes.Success);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("records_read").GetInt64().Should().Be(100);
        json.RootElement.GetProperty("duplicate_ids").GetInt64().Should().Be(50, "the second file repeats every work of the first");
    }

    [Fact]
    public void Inspect_BadRecordLenient_SkippedAndCountedWithItsPosition()
    {
        using var file = TempFile.WithText(".jsonl", "{\"id\":\"https://openalex.org/W1\",\"publication_year\":2020,\"authorships\":[]}\n{not json\n");

        var result = CliRunner.Run("inspect", "--input", file.Path, "--output", "json");

        result.ExitCode.Should().Be(ExitCodes.Success);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("records_read").GetInt64().Should().Be(2);
        json.RootElement.GetProperty("skipped").GetInt64().Should().Be(1);
        var issue = json.RootElement.GetProperty("issues")[0];
        issue.GetProperty("file").GetString().Should().Be(file.Path);
        issue.GetProperty("line").GetInt64().Should().Be(2);
    }

    [Fact]
    public void Inspect_BadRecordStrict_InputErrorNamingFileAndLine_ExitCode3()
    {
        using var file = TempFile.WithText(".jsonl", "{\"id\":\"https://openalex.org/W1\",\"publication_year\":2020,\"authorships\":[]}\n{not json\n");

        var result = CliRunner.Run("inspect", "--input", file.Path, "--strict");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.ErrLines.Should().ContainSingle().Which.Should().StartWith($"collabmetrics: error: {file.Path}, line 2");
        result.Err.Should().NotContain("   at ", "no stack trace without --verbose");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public void Inspect_BadRecordStrictVerbose_StackTraceToo()
    {
        using var file = TempFile.WithText(".jsonl", "{not json\n");

        var result = CliRunner.Run("inspect", "--input", file.Path, "--strict", "--verbose");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.Err.Should().Contain("IngestException").And.Contain("   at ");
    }

    [Fact]
    public void Inspect_UnrecognisedFormatStrict_ExitCode3()
    {
        using var file = TempFile.WithText(".txt", "just some words\nnothing like an export\n");

        var result = CliRunner.Run("inspect", "--input", file.Path, "--strict");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.ErrLines.Should().ContainSingle().Which.Should().Contain(file.Path);
    }

    [Fact]
    public void Inspect_WosAndADisagreeingScopusRecord_ReportsTheMergeConflictWithBothFiles()
    {
        var scopus = File.ReadAllText(Path.Combine(Fixtures.Root, "cross-source", "scopus-from-wos-record-1.csv"))
            .Replace("Beijing, China", "Berlin, Germany", StringComparison.Ordinal);
        using var changed = TempFile.WithText(".csv", scopus);

        var result = CliRunner.Run("inspect", "--input", Fixtures.WosPlain500, changed.Path, "--output", "json");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        result.Err.Should().Contain("1 duplicates merged (1 disagreeing)");
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("merged_by_doi").GetInt64().Should().Be(1);
        json.RootElement.GetProperty("merge_conflicts").GetInt64().Should().Be(1);
        var conflict = json.RootElement.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "merge_conflict");
        conflict.GetProperty("file").GetString().Should().Be(changed.Path);
        conflict.GetProperty("message").GetString().Should().Contain(Fixtures.WosPlain500);
    }
}
