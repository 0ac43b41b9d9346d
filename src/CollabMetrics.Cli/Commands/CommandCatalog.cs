using System.CommandLine;

namespace CollabMetrics.Cli.Commands;

/// <summary>Every command of the tool, in the order help lists them.</summary>
internal static class CommandCatalog
{
    /// <summary>Creates the commands; they share <paramref name="options"/> and write through <paramref name="host"/>.</summary>
    public static IEnumerable<Command> Create(CommonOptions options, CliHost host)
    {
        yield return DemoCommand.Create(options, host);
        yield return PartnersCommand.Create(options, host);
        yield return CountriesCommand.Create(options, host);
        yield return PairsCommand.Create(options, host);
        yield return ImpactCommand.Create(options, host);
        yield return GraphCommand.Create(options, host);
        yield return CubeCommand.Create(options, host);
        yield return InspectCommand.Create(options, host);
        yield return ConvertCommand.Create(options, host);
    }
}
