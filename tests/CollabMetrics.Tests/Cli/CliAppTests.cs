using CollabMetrics.Cli;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli;

public class CliAppTests
{
    private static readonly string[] Commands = ["demo", "partners", "countries", "pairs", "graph", "inspect", "convert"];

    [Fact]
    public void Run_NoCommand_UsageErrorWithHint()
    {
        var result = CliRunner.Run();

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines.Should().HaveCount(2);
        result.ErrLines[1].Should().Be("Try 'collabmetrics --help'.");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public void Run_Help_ListsEveryCommand()
    {
        var result = CliRunner.Run("--help");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Out.Should().Contain("collabmetrics [command] [options]");
        foreach (var command in Commands)
        {
            result.Out.Should().Contain($"  {command} ");
        }
    }

    [Theory]
    [InlineData("demo", "--publications", "--seed", "--out-dir", "--focus", "--index")]
    [InlineData("partners", "--input", "--format", "--years", "--technology", "--territory", "--focus", "--index", "--top", "--by", "--window", "--output", "--out", "--strict", "--chart")]
    [InlineData("countries", "--input", "--counting", "--top", "--by", "--window", "--by-technology", "--technology-map", "--primary-topic-only", "--min-topic-score", "--output", "--out")]
    [InlineData("pairs", "--input", "--links", "--by", "--window", "--by-technology", "--output", "--out")]
    [InlineData("graph", "--input", "--links", "--out")]
    [InlineData("inspect", "--input", "--format", "--strict", "--output", "--out")]
    [InlineData("convert", "--input", "--format", "--years", "--technology", "--out")]
    public void Run_CommandHelp_ListsItsOptions(string command, params string[] options)
    {
        var result = CliRunner.Run(command, "--help");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Out.Should().Contain($"collabmetrics {command} [options]");
        foreach (var option in options.Append("--quiet").Append("--verbose"))
        {
            result.Out.Should().Contain(option);
        }
    }

    [Fact]
    public void Run_Version_PrintsTheAssemblyVersion()
    {
        var result = CliRunner.Run("--version");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Out.Trim().Should().StartWith(typeof(CliApp).Assembly.GetName().Version!.ToString(3));
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "frobnicate", "collabmetrics")]
    [InlineData(new[] { "partners", "--bogus" }, "--bogus", "collabmetrics partners")]
    [InlineData(new[] { "partners" }, "--input", "collabmetrics partners")]
    [InlineData(new[] { "partners", "--input", "x", "--years", "2024-2005" }, "--years", "collabmetrics partners")]
    [InlineData(new[] { "partners", "--input", "x", "--years", "recent" }, "--years", "collabmetrics partners")]
    [InlineData(new[] { "partners", "--input", "x", "--territory", "prc" }, "--territory", "collabmetrics partners")]
    [InlineData(new[] { "partners", "--input", "x", "--index", "closeness" }, "--index", "collabmetrics partners")]
    [InlineData(new[] { "partners", "--input", "x", "--focus", "XX" }, "--focus", "collabmetrics partners")]
    [InlineData(new[] { "partners", "--input", "x", "--top", "-1" }, "--top", "collabmetrics partners")]
    [InlineData(new[] { "partners", "--input", "x", "--top", "ten" }, "--top", "collabmetrics partners")]
    [InlineData(new[] { "partners", "--input", "x", "--window", "0" }, "--window", "collabmetrics partners")]
    [InlineData(new[] { "partners", "--input", "x", "--output", "xml" }, "--output", "collabmetrics partners")]
    [InlineData(new[] { "partners", "--input", "x", "--chart", "chart.pdf" }, "--chart", "collabmetrics partners")]
    [InlineData(new[] { "countries", "--input", "x", "--counting", "half" }, "--counting", "collabmetrics countries")]
    [InlineData(new[] { "pairs", "--input", "x", "--links", "any" }, "--links", "collabmetrics pairs")]
    [InlineData(new[] { "inspect", "--input", "x", "--format", "bibtex" }, "--format", "collabmetrics inspect")]
    public void Run_UsageError_OneLineNamingTheProblemThenHint_ExitCode2(string[] args, string named, string commandPath)
    {
        var result = CliRunner.Run(args);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines.Should().HaveCount(2);
        result.ErrLines[0].Should().StartWith("collabmetrics: ").And.Contain(named);
        result.ErrLines[1].Should().Be($"Try '{commandPath} --help'.");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public void Run_WindowWithByAll_UsageError()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--window", "5");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().Contain("--window").And.Contain("--by");
    }

    [Fact]
    public void Run_InputIsADirectory_ReadsItsPublicationFiles()
    {
        var folder = CliRunner.Run("countries", "--input", Path.GetDirectoryName(Fixtures.OpenAlexWorks50)!, "--output", "csv", "-q");
        var file = CliRunner.Run("countries", "--input", Fixtures.OpenAlexWorks50, "--output", "csv", "-q");

        folder.ExitCode.Should().Be(ExitCodes.Success, folder.Err);
        folder.Out.Should().Be(file.Out).And.Contain("US");
    }

    [Fact]
    public void Run_MissingInputFile_InputErrorNamingTheFile_ExitCode3()
    {
        var result = CliRunner.Run("inspect", "--input", "no-such-file.json");

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.ErrLines.Should().ContainSingle().Which.Should().Be("collabmetrics: error: no-such-file.json: file not found.");
    }

    [Fact]
    public void Run_RelativeInput_ResolvedAgainstTheWorkingDirectory()
    {
        var result = CliRunner.RunIn(Fixtures.Root, "inspect", "--input", Path.Combine("nowhere", "works.json"));

        result.ExitCode.Should().Be(ExitCodes.Input);
        result.ErrLines[0].Should().Contain(Path.Combine("nowhere", "works.json"));
    }

    [Fact]
    public void OneLine_MultiLineMessage_FoldedOntoOneLine()
    {
        CliApp.OneLine("first\n\tsecond\r\nthird").Should().Be("first second third");
    }

    [Fact]
    public void Run_UnknownOptionAfterInput_UsageErrorNotAMissingFile()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--bogus", "-q");

        result.ExitCode.Should().Be(ExitCodes.Usage, result.Err);
        result.ErrLines[0].Should().Contain("'--bogus' is not an option of 'partners'");
        result.ErrLines[1].Should().Be("Try 'collabmetrics partners --help'.");
    }

    [Theory]
    [InlineData("partners")]
    [InlineData("countries")]
    [InlineData("pairs")]
    [InlineData("convert")]
    [InlineData("inspect")]
    [InlineData("graph")]
    public void Run_OutIsAnInput_RefusedAndTheInputUntouched(string command)
    {
        using var input = TempFile.WithBytes(".json", File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        var before = File.ReadAllBytes(input.Path);

        var result = CliRunner.Run(command, "--input", input.Path, "--out", input.Path, "-q");

        result.ExitCode.Should().Be(ExitCodes.Usage, result.Err);
        result.ErrLines[0].Should().Contain("--out:").And.Contain("is also an --input file");
        File.ReadAllBytes(input.Path).Should().Equal(before);
    }

    [Theory]
    [InlineData("99999999999", "--top: 99999999999 is out of range; use a whole number from 0 to 2147483647.")]
    [InlineData("-1", "--top: -1 is out of range; use a whole number from 0 to 2147483647.")]
    [InlineData("ten", "--top: 'ten' is not a whole number; use one from 0 to 2147483647.")]
    public void Run_TopNotAWholeNumberInRange_OneLineUsageError(string value, string message)
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--top", value);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().Be("collabmetrics: " + message);
        result.Err.Should().NotContain("System.", "no parser or type names");
    }

    [Fact]
    public void Run_UnknownTechnology_UsageErrorWithTheClosestLabels()
    {
        var result = CliRunner.Run("countries", "--input", Fixtures.WosPlain500, "--technology", "Physics Multidisciplinary", "-q");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().StartWith("collabmetrics: --technology: no publication of the").And.Contain("is labelled 'Physics Multidisciplinary'")
            .And.Contain("closest: 'Physics, Multidisciplinary'");
        result.Out.Should().BeEmpty("no empty table that would read as no collaboration");
        CliRunner.Run("countries", "--input", Fixtures.WosPlain500, "--technology", "Physics, Multidisciplinary", "-q").ExitCode.Should().Be(ExitCodes.Success);

        // Through a corpus (the path of standard input and --rejects) the answer is the same.
        using var rejects = TempFile.Named(".csv");
        var throughCorpus = CliRunner.Run("countries", "--input", Fixtures.WosPlain500, "--technology", "Physics Multidisciplinary", "--rejects", rejects.Path, "-q");
        throughCorpus.ExitCode.Should().Be(ExitCodes.Usage);
        throughCorpus.ErrLines[0].Should().Contain("is labelled 'Physics Multidisciplinary'").And.Contain("closest: 'Physics, Multidisciplinary'");
    }

    [Theory]
    [InlineData("partners", "--focus", "US")]
    [InlineData("countries")]
    [InlineData("pairs")]
    public void Run_YearsOutsideTheInput_UsageErrorNamingTheInputsYears(string command, params string[] more)
    {
        var result = CliRunner.Run([command, "--input", Fixtures.WosPlain500, "--years", "1990", "-q", .. more]);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().Be("collabmetrics: --years: no publication of the files is of 1990 (the years with publications are 2010-2017).");
        result.Out.Should().BeEmpty("no empty table that would read as no collaboration");

        // Through a corpus (the path of --rejects) the answer is the same, and a year inside the span is a real zero.
        using var rejects = TempFile.Named(".csv");
        var throughCorpus = CliRunner.Run([command, "--input", Fixtures.WosPlain500, "--years", "1990-1995", "--rejects", rejects.Path, "-q", .. more]);
        throughCorpus.ExitCode.Should().Be(ExitCodes.Usage);
        throughCorpus.ErrLines[0].Should().Be("collabmetrics: --years: no publication of the corpus is of 1990-1995 (the years with publications are 2010-2017).");
        CliRunner.Run([command, "--input", Fixtures.WosPlain500, "--years", "2005-2012", "--by", "all", "-q", .. more]).ExitCode.Should().Be(ExitCodes.Success);
    }

    [Theory]
    [InlineData("UK", "GB")]
    [InlineData("South Korea", "KR")]
    [InlineData("United States", "US")]
    public void Run_FocusByCommonName_SameAsTheCode(string name, string code)
    {
        var byName = CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", name, "--by", "all", "--output", "csv", "-q");
        var byCode = CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", code, "--by", "all", "--output", "csv", "-q");

        byName.ExitCode.Should().Be(ExitCodes.Success, byName.Err);
        byName.Out.Should().Be(byCode.Out).And.Contain($"\nall,{code},");
    }

    [Fact]
    public void Run_AmbiguousFocus_UsageErrorListingTheChoices()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", "Korea");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().Contain("'Korea' is ambiguous: use KR (South Korea) or KP (North Korea)");
    }
}
