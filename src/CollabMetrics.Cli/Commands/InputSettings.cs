using System.CommandLine;
using CollabMetrics.Geography;
using CollabMetrics.IO;

namespace CollabMetrics.Cli.Commands;

/// <summary>The input options of a command, bound and checked: files, format, years, technologies, territory, mode.</summary>
internal sealed record InputSettings
{
    /// <summary>The input files, absolute, in command-line order.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>The format, or <see cref="PublicationFormat.Auto"/>.</summary>
    public PublicationFormat Format { get; init; }

    /// <summary>The years to keep, or null for all.</summary>
    public YearRange? Years { get; init; }

    /// <summary>The technologies to keep; empty for all.</summary>
    public IReadOnlyList<string> Technologies { get; init; } = [];

    /// <summary>The territory policy.</summary>
    public TerritoryPolicy Territory { get; init; }

    /// <summary>Strict or lenient.</summary>
    public ErrorMode ErrorMode { get; init; } = ErrorMode.Lenient;

    /// <summary>The options' values from <paramref name="parse"/>; the files must exist (exit code 3 otherwise).</summary>
    public static InputSettings Bind(ParseResult parse, CommonOptions options, CliHost host)
    {
        var paths = new List<string>();
        foreach (var given in parse.GetValue(options.Input) ?? [])
        {
            var path = host.ResolvePath(given);
            if (given.StartsWith('-') && given.Length > 1 && !File.Exists(path))
            {
                // An option the command does not know, which the parser handed to --input as one more file.
                throw new CliUsageException($"'{given}' is not an option of '{parse.CommandResult.Command.Name}' (it would have been read as an --input file); see --help for the options.");
            }

            if (Directory.Exists(path))
            {
                throw new CliUsageException($"--input: '{given}' is a directory; name the files (a shell pattern such as '{Path.Combine(given, "*.json")}' works).");
            }

            if (!File.Exists(path))
            {
                throw new CliInputException($"{given}: file not found.");
            }

            paths.Add(path);
        }

        return new InputSettings
        {
            Paths = paths,
            Format = ParseFormat(CommonOptions.ChoiceValue(parse, options.Format)),
            Years = parse.GetValue(options.Years),
            Technologies = parse.GetValue(options.Technology) ?? [],
            Territory = ParseTerritory(CommonOptions.ChoiceValue(parse, options.Territory)),
            ErrorMode = parse.GetValue(options.Strict) ? ErrorMode.Strict : ErrorMode.Lenient,
        };
    }

    /// <summary>Adds the input options to <paramref name="command"/>.</summary>
    public static void AddTo(Command command, CommonOptions options, bool withFilters = true)
    {
        command.Options.Add(options.Input);
        command.Options.Add(options.Format);
        command.Options.Add(options.Strict);
        if (withFilters)
        {
            command.Options.Add(options.Years);
            command.Options.Add(options.Technology);
            command.Options.Add(options.Territory);
        }
    }

    /// <summary>Maps a <c>--format</c> value (the library's name table).</summary>
    public static PublicationFormat ParseFormat(string value) => PublicationFormats.Parse(value);

    /// <summary>Maps a <c>--territory</c> value (the library's name table).</summary>
    public static TerritoryPolicy ParseTerritory(string value) => value.Length == 0 ? TerritoryPolicy.Iso3166 : TerritoryPolicies.Parse(value);

    /// <summary>The summed size of the input files in bytes, for the progress bar.</summary>
    public long TotalBytes() => Paths.Sum(p => new FileInfo(p).Length);
}
