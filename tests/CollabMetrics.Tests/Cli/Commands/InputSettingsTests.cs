using System.IO.Compression;
using System.Text.Json;
using CollabMetrics.Cli;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

/// <summary>The reading options of the command line, tried as a user would: the tool in-process and as a process.</summary>
public class InputSettingsTests
{
    private static string WosWithBadYears(int bad)
    {
        var text = File.ReadAllText(Fixtures.WosPlain500);
        int at = 0;
        for (int i = 0; i < bad; i++)
        {
            at = text.IndexOf("\nPY ", at + 1, StringComparison.Ordinal);
            text = text[..(at + 4)] + "soon" + text[(at + 8)..];
        }

        return text;
    }

    [Fact]
    public void Inspect_Rejects_WritesEveryRejectedRecordWithPositionReasonAndRawText()
    {
        using var input = TempFile.WithText(".txt", WosWithBadYears(3));
        using var rejects = TempFile.Named(".csv");

        var result = CliRunner.Run("inspect", "--input", input.Path, "--rejects", rejects.Path, "--output", "json");

        result.ExitCode.Should().Be(ExitCodes.Success);
        var csv = CsvText.Parse(File.ReadAllText(rejects.Path));
        csv.Header.Should().Equal("file", "line", "record", "kind", "reason", "field", "message", "raw");
        csv.Rows.Should().HaveCount(3);
        csv.Rows.Should().OnlyContain(r => r[0] == input.Path && r[3] == "skipped" && r[4] == "invalid_year" && r[5] == "PY" && r[7].StartsWith("PT ", StringComparison.Ordinal));
        csv.Rows.Select(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).Should().Equal(1, 2, 3);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("skipped").GetInt64().Should().Be(3);
        result.Err.Should().Contain("3 rejected records and warnings written to");
    }

    [Fact]
    public void Inspect_MaxErrorsExceeded_ExitCode3OneLineNamingTheLimit()
    {
        using var input = TempFile.WithText(".txt", WosWithBadYears(5));

        var result = CliRunner.Run("inspect", "--input", input.Path, "--max-errors", "2", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.ErrLines.Should().ContainSingle().Which.Should().Contain(input.Path).And.Contain("more than the error limit of 2").And.Contain("--max-errors");
    }

    [Fact]
    public void Inspect_MaxErrorsShareNotExceeded_Success()
    {
        using var input = TempFile.WithText(".txt", WosWithBadYears(5));

        var result = CliRunner.Run("inspect", "--input", input.Path, "--max-errors", "2%", "--output", "json", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success, "5 of 500 is 1%");
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("skipped").GetInt64().Should().Be(5);
    }

    [Fact]
    public void Inspect_RecordOverTheLimitStrict_ExitCode3OneLineNamingFileRecordLimitAndOption()
    {
        var result = CliRunner.Run("inspect", "--input", Fixtures.OpenAlexWorks50, "--strict", "--max-record-size", "1K");

        result.ExitCode.Should().Be(ExitCodes.Input);
        var line = result.ErrLines.Should().ContainSingle().Subject;
        line.Should().StartWith($"collabmetrics: error: {Fixtures.OpenAlexWorks50}, record 1").And.Contain("ReadLimits.MaxRecordBytes = 1,024 bytes").And.Contain("--max-record-size");
        line.Should().NotContain("Exception");
    }

    [Fact]
    public void Inspect_RecordsOverTheLimitLenient_SkippedAsTooLarge()
    {
        var result = CliRunner.Run("inspect", "--input", Fixtures.WosPlain500, "--max-record-authors", "3", "--output", "json", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("skipped_by_reason").GetProperty("too_large").GetInt64().Should().BePositive();
    }

    [Theory]
    [InlineData("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")]
    [InlineData("")]
    public void Inspect_NothingRecognisedLenient_ExitCode3NotAnEmptyReport(string content)
    {
        using var input = TempFile.WithText(".txt", content);

        var result = CliRunner.Run("inspect", "--input", input.Path, "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.ErrLines.Should().ContainSingle().Which.Should().Contain(input.Path).And.Contain("no publication could be read");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public void Inspect_CorruptGzipBesideAGoodFileLenient_CountedAndTheOtherRead()
    {
        var gz = Gzip(File.ReadAllBytes(Fixtures.Scopus58));
        gz[gz.Length / 2] ^= 0xFF;
        using var damaged = TempFile.WithBytes(".data", gz);

        var lenient = CliRunner.Run("inspect", "--input", damaged.Path, Fixtures.WosTab71, "--output", "json", "--quiet");
        var strict = CliRunner.Run("inspect", "--input", damaged.Path, Fixtures.WosTab71, "--strict");

        lenient.ExitCode.Should().Be(ExitCodes.Success);
        using var json = JsonDocument.Parse(lenient.Out);
        json.RootElement.GetProperty("accepted").GetInt64().Should().BeGreaterThanOrEqualTo(71);
        json.RootElement.GetProperty("skipped").GetInt64().Should().BePositive();
        strict.ExitCode.Should().Be(ExitCodes.Input);
        strict.ErrLines.Should().ContainSingle().Which.Should().Contain(damaged.Path).And.NotContain("Exception");
    }

    [Fact]
    public void Inspect_GzipCutCleanlyStrict_ExitCode3CutOff()
    {
        var gz = Gzip(File.ReadAllBytes(Fixtures.WosPlain500));
        using var cut = TempFile.WithBytes(".data", gz[..^8]);

        var result = CliRunner.Run("inspect", "--input", cut.Path, "--strict");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.ErrLines.Should().ContainSingle().Which.Should().Contain(cut.Path).And.Contain("cut off");
    }

    [Theory]
    [InlineData("--max-record-size", "lots")]
    [InlineData("--max-record-size", "0")]
    [InlineData("--max-errors", "ten")]
    [InlineData("--max-record-authors", "0")]
    public void Inspect_BadLimitValue_UsageError(string option, string value)
    {
        var result = CliRunner.Run("inspect", "--input", Fixtures.WosTab71, option, value);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().Contain(option);
    }

    [Theory]
    [InlineData("-", false)]
    [InlineData("/dev/stdin", false)]
    [InlineData("-", true)]
    public void Process_InputFromAPipe_DetectedAndRead(string input, bool gzip)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var bytes = File.ReadAllBytes(Fixtures.WosPlain500);
        var (code, output, error) = CliRunner.RunProcessWithInput(gzip ? Gzip(bytes) : bytes, "inspect", "--input", input, "--output", "json", "--quiet");

        code.Should().Be(ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("records_read").GetInt64().Should().Be(500);
        json.RootElement.GetProperty("accepted").GetInt64().Should().Be(500);
    }

    [Fact]
    public void Process_ConcatenatedExportsThroughAPipe_RepeatedHeaderNotAnError()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var bytes = File.ReadAllBytes(Fixtures.Scopus58);
        var (code, output, error) = CliRunner.RunProcessWithInput([.. bytes, .. bytes], "inspect", "--input", "-", "--output", "json", "--quiet");

        code.Should().Be(ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("records_read").GetInt64().Should().Be(116);
        json.RootElement.GetProperty("skipped").GetInt64().Should().Be(0);
        json.RootElement.GetProperty("duplicate_ids").GetInt64().Should().Be(58);
    }

    [Fact]
    public void Process_SnapshotFolderAndPattern_SameTableAsTheFixtureAndManifestNamed()
    {
        using var snapshot = FakeSnapshot.Create(parts: 4);

        var (code, folder, error) = CliRunner.RunProcessWithInput([], "countries", "--input", snapshot.Works, "--by", "all", "--output", "csv");
        var pattern = CliRunner.Run("countries", "--input", Path.Combine(snapshot.Works, "**", "*.gz"), "--by", "all", "--output", "csv", "-q");
        var whole = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--output", "csv", "-q");

        code.Should().Be(ExitCodes.Success, error);
        error.Should().Contain("from 4 files").And.Contain("manifest");
        folder.Should().Be(whole.Out).And.Contain("CN");
        pattern.ExitCode.Should().Be(ExitCodes.Success, pattern.Err);
        pattern.Out.Should().Be(whole.Out);
    }

    [Fact]
    public void Run_FolderWithoutPublicationFiles_InputErrorListingWhatItHolds()
    {
        var folder = Directory.CreateTempSubdirectory("cm-empty-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "manifest"), "{}");

            var result = CliRunner.Run("countries", "--input", folder.FullName, "-q");

            result.ExitCode.Should().Be(ExitCodes.Input);
            result.Err.Should().Contain("--input").And.Contain("holds no publication file").And.Contain("manifest");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Run_TechnologyMapByTechnology_RowsPerMappedLabelEqualToEachLabelAlone()
    {
        using var map = TempFile.WithText(".csv", "technology,source\nBiotech,fields/13\nMedicine,https://openalex.org/fields/27\n");

        var each = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--technology-map", map.Path, "--by-technology", "--by", "all", "--top", "0", "--output", "csv", "-q");
        var medicine = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--technology-map", map.Path, "--technology", "Medicine", "--by", "all", "--top", "0", "--output", "csv", "-q");

        each.ExitCode.Should().Be(ExitCodes.Success, each.Err);
        each.OutLines[0].Should().StartWith("year,technology,country,publications");
        var medicineRows = each.OutLines.Where(l => l.StartsWith("all,Medicine,", StringComparison.Ordinal)).Select(l => l.Remove(4, "Medicine,".Length)).ToArray();
        // Countries without a Medicine publication have a zero row in the table of every label (the cube's units), and no
        // row when Medicine alone is read; the rows with publications are the same.
        static bool WithPublications(string line) => line.Split(',')[2] != "0";
        medicineRows.Where(WithPublications).Should().BeEquivalentTo(medicine.OutLines.Skip(1).Where(WithPublications)).And.NotBeEmpty();
        each.OutLines.Should().Contain(l => l.StartsWith("all,Biotech,", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_TechnologyMapUnknownLabel_UsageErrorWithTheClosestMappedLabel()
    {
        using var map = TempFile.WithText(".csv", "technology,source\nBiotech,fields/13\n");

        var result = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--technology-map", map.Path, "--technology", "Biotek", "-q");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("'Biotek'").And.Contain("closest: 'Biotech'");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public void Run_TechnologyMapMalformed_InputErrorNamingTheLine()
    {
        using var map = TempFile.WithText(".csv", "technology,source\nBiotech,https://openalex.org/nothing/13\n");

        var result = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--technology-map", map.Path, "-q");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.Err.Should().Contain("--technology-map").And.Contain("line 2");
    }

    [Fact]
    public void Run_TopicOptionsWithoutMap_UsageError()
    {
        var result = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--min-topic-score", "0.5", "-q");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("--technology-map");
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
