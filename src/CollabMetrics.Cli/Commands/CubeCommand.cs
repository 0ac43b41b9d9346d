using System.CommandLine;
using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// <c>cube build</c> (the counts of the inputs, saved as a <c>.cube</c> file) and <c>cube merge</c> (the sum of
/// cubes of disjoint inputs, such as shards of a snapshot): every table command then answers from the file with
/// <c>--cube</c> exactly as it would from the inputs.
/// </summary>
internal static class CubeCommand
{
    /// <summary>Creates the command and its two subcommands.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var command = new Command(
            "cube",
            "Build a cube file (every count a table reads) from input files, or merge the cubes of disjoint inputs "
            + "(shards); the table commands answer from it with --cube FILE.");
        command.Subcommands.Add(CreateBuild(options, host));
        command.Subcommands.Add(CreateMerge(options, host));
        return command;
    }

    private static Command CreateBuild(CommonOptions options, CliHost host)
    {
        var level = CommonOptions.Choice("--level", "What the units are: countries, or institutions (by id, else name).", "country", "country", "institution");
        var command = new Command(
            "build",
            "Reads the inputs once and saves their counts (per year: publications, each unit's counts, each pair's "
            + "co-publications under every link weighting) to a .cube file. --years, --technology, --types, --territory, "
            + "the document filter (--include-retracted, --include-paratext, --max-authors) and --technology-map are built in "
            + "and recorded in its header; the reading options (--format, --strict, limits) apply as for any command.");
        InputSettings.AddTo(command, options);
        command.Options.Add(level);
        var output = RequiredOut();
        command.Options.Add(output);
        command.SetAction(parse => RunBuild(parse, options, level, output, host));
        return command;
    }

    private static Command CreateMerge(CommonOptions options, CliHost host)
    {
        var cubes = new Argument<string[]>("CUBE")
        {
            Description = "The cube files to merge (at least two), built with the same options from disjoint inputs.",
            Arity = new ArgumentArity(2, 100_000),
        };
        var command = new Command(
            "merge",
            "Adds cube files built with the same options from inputs that share no work (shards that partition the "
            + "works, such as a snapshot's files split over machines) into one cube file: the tables of the merged cube "
            + "are those of one build over all the inputs. Different options, or a file read by two cubes for "
            + "overlapping years, are refused.");
        command.Arguments.Add(cubes);
        var output = RequiredOut();
        command.Options.Add(output);
        command.SetAction(parse => RunMerge(parse, options, cubes, output, host));
        return command;
    }

    private static Option<string> RequiredOut() => new("--out", "-o")
    {
        Description = "The cube file to write (replaced if it exists), such as shard-001.cube.",
        HelpName = "FILE",
        Required = true,
    };

    private static int RunBuild(ParseResult parse, CommonOptions options, Option<string> levelOption, Option<string> outOption, CliHost host)
    {
        bool institutions = CommonOptions.ChoiceValue(parse, levelOption) == "institution";
        var input = InputSettings.Bind(parse, options, host, withoutCube: "cube build reads --input files; to combine cube files, use 'cube merge'.");
        var outPath = host.ResolvePath(parse.GetValue(outOption)!);
        OutputSettings.CheckNotAnInput(outPath, input, host);
        var build = CubeBuild.From(input);
        var cube = CorpusLoader.Stream(input, parse, options, host, source => (institutions ? source.Institutions() : source.Countries(input)).Cube);
        Save(new CubeFile(cube, build), outPath, parse, options, host);
        return ExitCodes.Success;
    }

    private static int RunMerge(ParseResult parse, CommonOptions options, Argument<string[]> cubesArgument, Option<string> outOption, CliHost host)
    {
        var given = parse.GetValue(cubesArgument)!;
        var outPath = host.ResolvePath(parse.GetValue(outOption)!);
        var files = new List<(string Shown, CubeFile File)>(given.Length);
        foreach (var name in given)
        {
            var path = host.ResolvePath(name);
            if (string.Equals(Path.GetFullPath(path), Path.GetFullPath(outPath), StringComparison.Ordinal))
            {
                throw new CliUsageException($"--out: '{name}' is also a cube to merge; writing it would overwrite an input. Choose another file.");
            }

            if (!File.Exists(path))
            {
                throw new CliInputException($"{name}: file not found.");
            }

            files.Add((name, CubeFile.Load(path, name)));
        }

        var (firstName, first) = files[0];
        var build = first.Build;
        for (int i = 1; i < files.Count; i++)
        {
            var (name, file) = files[i];
            var differences = Differences(first, file);
            if (differences.Count > 0)
            {
                throw new CliUsageException(
                    $"cannot merge {name} into {firstName}: they were built with different options: {string.Join("; ", differences)}. "
                    + "Build every shard with the same options.");
            }

            for (int j = 0; j < i; j++)
            {
                if (files[j].File.Build.Overlap(file.Build) is { } overlap)
                {
                    throw new CliUsageException(
                        $"cannot merge {name} and {files[j].Shown}: both read {overlap.Mine.Describe()} and {overlap.Theirs.Describe()} (same size and content), "
                        + "so its works would be counted twice. Shards must partition the works: give each input file to one shard (or split one file's years without overlap).");
                }
            }

            build = build.Merge(file.Build);
        }

        var cube = CollaborationCube.Merge(files.Select(f => f.File.Cube));
        Save(new CubeFile(cube, build), outPath, parse, options, host);
        return ExitCodes.Success;
    }

    /// <summary>Every option that differs between two cube files ("territory iso vs leiden").</summary>
    internal static List<string> Differences(CubeFile x, CubeFile y)
    {
        var differences = new List<string>();
        AggregationOptions a = x.Cube.Options, b = y.Cube.Options;
        void Add(string name, string first, string second)
        {
            if (!string.Equals(first, second, StringComparison.Ordinal))
            {
                differences.Add($"{name} {first} vs {second}");
            }
        }

        Add("--level", a.Level.ToName(), b.Level.ToName());
        Add("--territory", a.Territory.ToName(), b.Territory.ToName());
        Add("technology assignment", a.Technologies.ToName(), b.Technologies.ToName());
        Add("technology slices", a.ByTechnology ? "yes" : "no", b.ByTechnology ? "yes" : "no");
        Add("unknown authors", a.UnknownAuthors.ToName(), b.UnknownAuthors.ToName());
        Add("groups", string.Join(",", a.Groups.Select(g => g.Name)), string.Join(",", b.Groups.Select(g => g.Name)));
        if (differences.Count == 0 && !a.CountsLike(b))
        {
            differences.Add($"aggregation options '{a.Describe()}' vs '{b.Describe()}'");
        }

        differences.AddRange(x.Build.Differences(y.Build));
        return differences;
    }

    private static void Save(CubeFile file, string outPath, ParseResult parse, CommonOptions options, CliHost host)
    {
        try
        {
            file.Save(outPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Failure, $"--out: cannot write '{outPath}': {ex.Message}", ex);
        }

        if (!parse.GetValue(options.Quiet))
        {
            var cube = file.Cube;
            var d = cube.Diagnostics;
            host.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"collabmetrics: cube written to {outPath}: {cube.Years.Count:N0} years, {cube.Units.Count:N0} units, {d.PublicationsCounted:N0} of {d.Publications:N0} publications counted ({cube.Options.Describe()}; {file.Build.DescribeSelection()}); {new FileInfo(outPath).Length:N0} bytes."));
        }
    }
}
