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

    /// <summary>The rejects file (absolute), or null.</summary>
    public string? RejectsPath { get; init; }

    /// <summary>The lenient error limit as a count, or null.</summary>
    public long? MaxErrors { get; init; }

    /// <summary>The lenient error limit as a share of the records read, or null.</summary>
    public double? MaxErrorShare { get; init; }

    /// <summary>The limits of one record.</summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;

    /// <summary>Whether OpenAlex raw affiliation strings are resolved for authorships without a country.</summary>
    public bool ResolveRawAffiliations { get; init; } = true;

    /// <summary>The read options these settings give (without progress).</summary>
    public ReadOptions ReadOptions(IRejectedRecordSink? rejects) => IO.ReadOptions.Default with
    {
        ErrorMode = ErrorMode,
        Format = Format,
        Limits = Limits,
        MaxErrors = MaxErrors,
        MaxErrorShare = MaxErrorShare,
        ResolveRawAffiliations = ResolveRawAffiliations,
        Rejects = rejects,
    };

    /// <summary>The options' values from <paramref name="parse"/>; the files must exist (exit code 3 otherwise).</summary>
    public static InputSettings Bind(ParseResult parse, CommonOptions options, CliHost host)
    {
        var paths = new List<string>();
        foreach (var given in parse.GetValue(options.Input) ?? [])
        {
            if (given == PublicationReader.StandardInputPath)
            {
                if (paths.Contains(given))
                {
                    throw new CliUsageException("--input: standard input (-) can be read once only.");
                }

                paths.Add(given);
                continue;
            }

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

        var reading = options.Reading;
        var (maxErrors, maxErrorShare) = reading.ErrorLimit(parse);
        var rejects = parse.GetValue(reading.Rejects) is { } rejectsPath ? host.ResolvePath(rejectsPath) : null;
        if (rejects is not null && paths.Contains(rejects))
        {
            throw new CliUsageException($"--rejects: '{rejects}' is also an input; name another file.");
        }

        return new InputSettings
        {
            RejectsPath = rejects,
            MaxErrors = maxErrors,
            MaxErrorShare = maxErrorShare,
            Limits = reading.Limits(parse),
            ResolveRawAffiliations = !parse.GetValue(reading.NoRawAffiliations),
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
        foreach (var option in options.Reading.All)
        {
            command.Options.Add(option);
        }

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

    /// <summary>The summed size of the input files in bytes, for the progress bar; 0 (unknown) when an input is a pipe or standard input.</summary>
    public long TotalBytes()
    {
        long total = 0;
        foreach (var path in Paths)
        {
            if (path == PublicationReader.StandardInputPath)
            {
                return 0;
            }

            try
            {
                var info = new FileInfo(path);
                if ((info.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0 || info.Length == 0)
                {
                    return 0;
                }

                total += info.Length;
            }
            catch (IOException)
            {
                return 0;
            }
        }

        return total;
    }
}
