using System.CommandLine;

namespace CollabMetrics.Cli.Commands;

/// <summary>Every command of the tool, in the order help lists them.</summary>
internal static class CommandCatalog
{
    /// <summary>Each command's name and how to create it, in the order help lists them.</summary>
    private static readonly (string Name, Func<CommonOptions, CliHost, Command> Create)[] Commands =
    [
        ("demo", DemoCommand.Create),
        ("partners", PartnersCommand.Create),
        ("countries", CountriesCommand.Create),
        ("pairs", PairsCommand.Create),
        ("impact", ImpactCommand.Create),
        ("graph", GraphCommand.Create),
        ("cube", CubeCommand.Create),
        ("inspect", InspectCommand.Create),
        ("convert", ConvertCommand.Create),
    ];

    /// <summary>The names of the commands, in the order help lists them.</summary>
    public static IEnumerable<string> Names
    {
        get
        {
            foreach (var (name, _) in Commands)
            {
                yield return name;
            }
        }
    }

    /// <summary>Creates the commands; they share <paramref name="options"/> and write through <paramref name="host"/>.</summary>
    public static IEnumerable<Command> Create(CommonOptions options, CliHost host)
    {
        foreach (var (_, create) in Commands)
        {
            yield return create(options, host);
        }
    }

    /// <summary>Creates the command named <paramref name="name"/> alone, or null when no command has that name.</summary>
    public static Command? CreateOne(string name, CommonOptions options, CliHost host)
    {
        foreach (var (commandName, create) in Commands)
        {
            if (string.Equals(commandName, name, StringComparison.Ordinal))
            {
                return create(options, host);
            }
        }

        return null;
    }
}
