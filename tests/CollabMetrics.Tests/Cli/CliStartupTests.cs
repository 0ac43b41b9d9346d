using System.CommandLine;
using CollabMetrics.Cli;
using CollabMetrics.Cli.Commands;

namespace CollabMetrics.Tests.Cli;

/// <summary>
/// At start-up the tool builds only the part of its command tree that the arguments reach
/// (<see cref="CliApp.BuildRootCommand(CliHost, string[])"/>); whatever the arguments, that part must parse them,
/// and print help and errors, exactly as the whole tree does.
/// </summary>
public class CliStartupTests
{
    public static TheoryData<string[]> Arguments()
    {
        var data = new TheoryData<string[]>();
        data.Add(["--version"]);
        data.Add(["--help"]);
        data.Add([]);
        data.Add(["pair"]);
        data.Add(["--quiet", "pairs", "--help"]);
        data.Add(["cube", "build", "--help"]);
        data.Add(["cube", "merge", "--help"]);
        data.Add(["cube", "nothing"]);
        foreach (var name in CommandCatalog.Names)
        {
            data.Add([name]);
            data.Add([name, "--help"]);
            data.Add([name, "-h"]);
            data.Add([name, "--no-such-option"]);
            data.Add([name, "stray-token"]);
            data.Add([name, "--version"]);
            data.Add([name, "--input", "a.csv", "--input"]);
            data.Add([name, "--input", "a.csv", "--top", "x", "--by", "decade", "--quiet"]);
            data.Add([name, "pairs", "--input", "a.csv"]);
            data.Add([name, "partners", "--help"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Arguments))]
    public void BuildRootCommand_ForTheArguments_ParsesAsTheWholeTree(string[] args)
    {
        var whole = Parse(CliApp.BuildRootCommand(new CliHost(TextWriter.Null, TextWriter.Null)), args);
        var part = Parse(CliApp.BuildRootCommand(new CliHost(TextWriter.Null, TextWriter.Null), args), args);

        part.Errors.Should().Equal(whole.Errors);
        part.CommandPath.Should().Be(whole.CommandPath);
        part.Action.Should().Be(whole.Action);
        part.Help.Should().Be(whole.Help);
    }

    [Fact]
    public void BuildRootCommand_ForACommand_HoldsThatCommandAlone()
    {
        foreach (var name in CommandCatalog.Names)
        {
            var root = CliApp.BuildRootCommand(new CliHost(TextWriter.Null, TextWriter.Null), [name, "--help"]);

            root.Subcommands.Select(c => c.Name).Should().Equal([name], "the catalog's name must be the command's own");
        }
    }

    [Fact]
    public void BuildRootCommand_WholeTree_HoldsEveryCommandOfTheCatalogInItsOrder()
    {
        var root = CliApp.BuildRootCommand(new CliHost(TextWriter.Null, TextWriter.Null));

        root.Subcommands.Select(c => c.Name).Should().Equal(CommandCatalog.Names);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("pairs", "--help")]
    [InlineData("cube", "build", "--help")]
    [InlineData("pairs", "--no-such-option")]
    [InlineData("inspect")]
    public void Run_ForTheArguments_WritesWhatTheWholeTreeWrites(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var whole = CliApp.BuildRootCommand(new CliHost(output, error)).Parse(args);
        int code = whole.Errors.Count > 0 && whole.Action is not System.CommandLine.Help.HelpAction
            ? ExitCodes.Usage
            : whole.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });

        var result = CliRunner.Run(args);

        result.ExitCode.Should().Be(code);
        result.Out.Should().Be(output.ToString());
    }

    private static Parsed Parse(Command root, string[] args)
    {
        var parse = root.Parse(args);
        var path = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path.Add(result.Command.Name);
        }

        path.Reverse();
        string help = "";
        if (parse.Action is System.CommandLine.Help.HelpAction)
        {
            var output = new StringWriter();
            parse.Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null });
            help = output.ToString();
        }

        return new Parsed(
            [.. parse.Errors.Select(e => e.Message)],
            string.Join(' ', path),
            parse.Action?.GetType().Name ?? "",
            help);
    }

    private sealed record Parsed(string[] Errors, string CommandPath, string Action, string Help);
}
