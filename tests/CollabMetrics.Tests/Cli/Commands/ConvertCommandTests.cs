using CollabMetrics.Cli;
using CollabMetrics.IO;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

public class ConvertCommandTests
{
    private static readonly ReadOptions Lenient = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };

    [Fact]
    public void Convert_OpenAlexToFile_SamePublicationsAndCountries()
    {
        using var output = TempFile.Named(".csv");

        var result = CliRunner.Run("convert", "--input", Fixtures.OpenAlexWorks50, "--out", output.Path);

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Out.Should().BeEmpty();
        var original = Corpus.FromFile(Fixtures.OpenAlexWorks50, Lenient);
        var converted = Corpus.FromFile(output.Path);
        converted.Count.Should().Be(49);
        converted.Report.ExcludedTotal.Should().Be(0, "the retracted work was left out before writing");
        converted.Publications.Select(p => (p.Id, string.Join(",", p.Countries)))
            .Should().BeEquivalentTo(original.Publications.Select(p => (p.Id, string.Join(",", p.Countries))));

        // The command reads only what the CSV carries, but that includes the author ids.
        converted.Publications.Select(p => string.Join(",", p.Authors.Select(a => a.Id)))
            .Should().Equal(original.Publications.Select(p => string.Join(",", p.Authors.Select(a => a.Id))));
    }

    [Fact]
    public void Convert_ToStandardOutput_CsvWithOneRowPerAuthorshipAffiliation()
    {
        var result = CliRunner.Run("convert", "--input", Fixtures.OpenAlexWorks50, "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        var lines = result.OutLines;
        lines[0].Should().StartWith("publication_id,");
        lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Should().HaveCount(49, "the retracted work is left out");
    }

    [Fact]
    public void Convert_YearsFilter_KeepsOnlyThoseYears()
    {
        using var output = TempFile.Named(".csv.gz");
        var original = Corpus.FromFile(Fixtures.OpenAlexWorks50, Lenient);
        int expected = original.Publications.Count(p => p.Year is >= 2018 and <= 2020);

        var result = CliRunner.Run("convert", "--input", Fixtures.OpenAlexWorks50, "--years", "2018-2020", "--out", output.Path);

        result.ExitCode.Should().Be(ExitCodes.Success);
        var converted = Corpus.FromFile(output.Path);
        converted.Count.Should().Be(expected).And.BePositive();
        converted.Publications.Should().OnlyContain(p => p.Year >= 2018 && p.Year <= 2020);
    }

    [Fact]
    public void Convert_OutIntoAFile_FailureWithOneLine()
    {
        using var blocker = TempFile.WithText(".txt", "a file, not a folder");

        var result = CliRunner.Run("convert", "--input", Fixtures.OpenAlexWorks50, "--quiet", "--out", Path.Combine(blocker.Path, "x.csv"));

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.ErrLines[0].Should().StartWith("collabmetrics: error: --out: cannot write");
    }
}
