using System.CommandLine;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics.Cli.Commands;

/// <summary>The input options of a command, bound and checked: files, format, years, technologies, territory, mode.</summary>
internal sealed record InputSettings
{
    /// <summary>The input files, absolute, in command-line order.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>The cube file (absolute) read instead of <see cref="Paths"/> (<c>--cube</c>), or null.</summary>
    public string? CubePath { get; init; }

    /// <summary>The format, or <see cref="PublicationFormat.Auto"/>.</summary>
    public PublicationFormat Format { get; init; }

    /// <summary>The years to keep, or null for all.</summary>
    public YearRange? Years { get; init; }

    /// <summary>The technologies to keep; empty for all.</summary>
    public IReadOnlyList<string> Technologies { get; init; } = [];

    /// <summary>The document types to keep (<c>--types</c>); empty for all.</summary>
    public IReadOnlyList<DocumentType> Types { get; init; } = [];

    /// <summary>The works left out when the inputs are read (<c>--include-retracted</c>, <c>--include-paratext</c>, <c>--max-authors</c>).</summary>
    public DocumentFilter Documents { get; init; } = DocumentFilter.Default;

    /// <summary>The technology mapping of <c>--technology-map</c>, or null for the labels the inputs carry.</summary>
    public TechnologyMapping? TechnologyMap { get; init; }

    /// <summary>The <c>--technology-map</c> file (absolute), or null.</summary>
    public string? TechnologyMapPath { get; init; }

    /// <summary>Whether tables have rows per technology (<c>--by-technology</c>).</summary>
    public bool EachTechnology { get; init; }

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
        Technologies = TechnologyMap,
    };

    /// <summary>What a corpus of the inputs keeps: <paramref name="keep"/> with the document filter of these settings.</summary>
    public CorpusOptions CorpusOptions(CorpusOptions keep) => keep with { Documents = Documents };

    /// <summary>
    /// The options' values from <paramref name="parse"/>; the files must exist (exit code 3 otherwise). With
    /// <c>--cube</c>, <see cref="CubePath"/> is set and <see cref="Paths"/> is empty; a command that cannot answer from
    /// a cube gives <paramref name="withoutCube"/>, the reason, and <c>--cube</c> is then a usage error.
    /// </summary>
    public static InputSettings Bind(ParseResult parse, CommonOptions options, CliHost host, string? withoutCube = null)
    {
        if (parse.GetValue(options.Cube) is { } cube)
        {
            return BindCube(parse, options, host, cube, withoutCube);
        }

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

            if (Directory.Exists(path) || (!File.Exists(path) && given.AsSpan().IndexOfAny('*', '?', '[') >= 0))
            {
                // A directory (read recursively) or a shell pattern the shell left unexpanded: the library lists its
                // files and the ones it skips; listing it here reports an empty one before any reading.
                try
                {
                    _ = PublicationFileList.Find([path]);
                }
                catch (FileNotFoundException ex)
                {
                    throw new CliInputException($"--input: {ex.Message}", ex);
                }

                paths.Add(path);
                continue;
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
            Types = CommonOptions.TypeValues(parse, options.Types),
            Documents = reading.Documents(parse),
            TechnologyMap = reading.TechnologyMap(parse, host),
            TechnologyMapPath = parse.GetValue(reading.TechnologyMapFile) is { } map ? host.ResolvePath(map) : null,
            EachTechnology = parse.CommandResult.Command.Options.Contains(options.ByTechnology) && parse.GetValue(options.ByTechnology),
            Territory = ParseTerritory(CommonOptions.ChoiceValue(parse, options.Territory)),
            ErrorMode = parse.GetValue(options.Strict) ? ErrorMode.Strict : ErrorMode.Lenient,
        };
    }

    /// <summary>Adds the input options (with <c>--cube</c>) to <paramref name="command"/>; exactly one of <c>--input</c> and <c>--cube</c> must be given.</summary>
    public static void AddTo(Command command, CommonOptions options, bool withFilters = true)
    {
        command.Options.Add(options.Input);
        command.Options.Add(options.Cube);
        command.Validators.Add(result =>
        {
            bool hasInput = result.GetResult(options.Input) is { Tokens.Count: > 0 };
            bool hasCube = result.GetResult(options.Cube) is not null;
            if (hasInput && hasCube)
            {
                result.AddError("Give either --input files or --cube FILE, not both.");
            }
            else if (!hasInput && !hasCube)
            {
                result.AddError("Give the input files with --input PATH (or a cube file with --cube FILE).");
            }
        });
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
            command.Options.Add(options.Types);
            command.Options.Add(options.Territory);
        }
    }

    private static InputSettings BindCube(ParseResult parse, CommonOptions options, CliHost host, string cube, string? withoutCube)
    {
        if (withoutCube is not null)
        {
            throw new CliUsageException($"--cube: {withoutCube}");
        }

        // Reading options shaped the cube when it was built; here they would silently do nothing.
        Option[] reading = [options.Format, options.Strict, .. options.Reading.All];
        foreach (var option in reading)
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new CliUsageException($"{option.Name} applies to reading --input files; a cube was read when it was built (cube build {option.Name} ...). Drop {option.Name} with --cube.");
            }
        }

        var path = host.ResolvePath(cube);
        if (!File.Exists(path))
        {
            throw new CliInputException(Directory.Exists(path) ? $"{cube}: a directory, not a cube file." : $"{cube}: file not found.");
        }

        var territory = parse.GetResult(options.Territory) is { Implicit: false }
            ? ParseTerritory(CommonOptions.ChoiceValue(parse, options.Territory))
            : (TerritoryPolicy?)null;
        return new InputSettings
        {
            CubePath = path,
            Paths = [],
            Years = parse.GetValue(options.Years),
            Technologies = parse.GetValue(options.Technology) ?? [],
            Types = CommonOptions.TypeValues(parse, options.Types),
            Territory = territory ?? TerritoryPolicy.Iso3166,
            TerritoryGiven = territory is not null,
        };
    }

    /// <summary>Whether <c>--territory</c> was given (with <c>--cube</c>, it must be the cube's).</summary>
    public bool TerritoryGiven { get; init; }

    /// <summary>Maps a <c>--format</c> value (the library's name table).</summary>
    public static PublicationFormat ParseFormat(string value) => PublicationFormats.Parse(value);

    /// <summary>Maps a <c>--territory</c> value (the library's name table).</summary>
    public static TerritoryPolicy ParseTerritory(string value) => value.Length == 0 ? TerritoryPolicy.Iso3166 : TerritoryPolicies.Parse(value);

    /// <summary>The summed size of the input files in bytes, for the progress bar; 0 (unknown) when an input is a pipe or standard input.</summary>
    public long TotalBytes()
    {
        long total = 0;
        IReadOnlyList<string> files;
        try
        {
            files = Paths.Contains(PublicationReader.StandardInputPath) ? Paths : PublicationFileList.Find(Paths).Files;
        }
        catch (IOException)
        {
            return 0;
        }

        foreach (var path in files)
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
