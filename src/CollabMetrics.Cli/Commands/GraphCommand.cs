using System.CommandLine;
using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Export;
using CollabMetrics.Geography;
using CollabMetrics.Graph;

namespace CollabMetrics.Cli.Commands;

/// <summary><c>graph</c>: the country, institution or author co-authorship graph, exported for network tools by the library's writers.</summary>
internal static class GraphCommand
{
    /// <summary>The formats <c>--graph-format</c> accepts (the library's names: <see cref="GraphFormats"/>).</summary>
    public static readonly GraphFormat[] Formats =
    [
        GraphFormat.GraphML, GraphFormat.Gexf, GraphFormat.Gml, GraphFormat.Pajek, GraphFormat.VosviewerJson, GraphFormat.Json, GraphFormat.LinkTableCsv,
    ];

    private static readonly string[] s_formatNames = [.. Formats.Select(f => f.ToName())];

    /// <summary>The node levels <c>--level</c> accepts (the library's names: <see cref="GraphLevels"/>).</summary>
    public static readonly string[] Levels = [GraphLevel.Country.ToName(), GraphLevel.Institution.ToName(), GraphLevel.Author.ToName()];

    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var format = new Option<string?>("--graph-format")
        {
            Description = "The file format: graphml (Gephi, Cytoscape, igraph, networkx), gexf (Gephi), gml, pajek (.net), "
                + "vosviewer (VOSviewer JSON), json (node-link) or csv (links; with --out also FILE-nodes.csv). "
                + "Default: from the --out extension (.graphml, .gexf, .gml, .net, .json, .csv); graphml on standard output. "
                + "Another --out extension needs --graph-format.",
            HelpName = string.Join('|', s_formatNames),
            Validators = { ValidateFormat },
        };
        var level = CommonOptions.Choice(
            "--level",
            "What the nodes are: countries; institutions (by id, else name); or authors (by the id the source gives, "
                + "else the name key \"LAST, F\", so Web of Science and Scopus exports work too).",
            "country",
            Levels);
        var command = new Command(
            "graph",
            "The co-authorship graph of the selected publications (nodes: countries, institutions or authors with their "
            + "whole, fractional and international output; links weighted by --links), exported for network tools.");
        InputSettings.AddTo(command, options);
        command.Options.Add(level);
        command.Options.Add(options.Links);
        command.Options.Add(format);
        command.Options.Add(options.Out);
        command.SetAction(parse => Run(parse, options, level, format, host));
        return command;
    }

    /// <summary>The author graph of <paramref name="corpus"/> (library: <see cref="CoauthorshipGraph.FromAuthors"/>); a corpus without identifiable authors is an input error.</summary>
    internal static CoauthorshipGraph AuthorGraph(Corpus corpus, LinkWeighting links)
    {
        try
        {
            return CoauthorshipGraph.FromAuthors(corpus, links);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Input, $"--level author: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The format named by <c>--graph-format</c>, else the one the <c>--out</c> extension implies, else GraphML on
    /// standard output. An <c>--out</c> extension that names no format of the command is a usage error.
    /// </summary>
    internal static GraphFormat ResolveFormat(string? format, string? outPath)
    {
        if (format is not null)
        {
            return GraphFormats.Parse(format);
        }

        if (outPath is null)
        {
            return GraphFormat.GraphML;
        }

        if (GraphFormats.TryFromPath(outPath, out var byExtension) && Formats.Contains(byExtension))
        {
            return byExtension;
        }

        throw new CliUsageException(
            $"--out: cannot tell the graph format from '{outPath}' (known extensions: .graphml, .gexf, .gml, .net, .json, .csv); add --graph-format {string.Join('|', s_formatNames)}.");
    }

    private static int Run(ParseResult parse, CommonOptions options, Option<string> levelOption, Option<string?> formatOption, CliHost host)
    {
        var links = AnalysisSettings.ParseLinks(CommonOptions.ChoiceValue(parse, options.Links));
        var level = GraphLevels.Parse(CommonOptions.ChoiceValue(parse, levelOption));
        var outPath = parse.GetValue(options.Out);
        var format = ResolveFormat(parse.GetValue(formatOption), outPath);
        var input = InputSettings.Bind(parse, options, host);
        OutputSettings.CheckNotAnInput(outPath, input, host);

        CoauthorshipGraph graph;
        string description;
        if (level == GraphLevel.Author && input.CubePath is not null)
        {
            throw new CliUsageException("--cube: --level author needs each publication's authors, and a cube holds only country or institution counts. Use --input.");
        }

        if (level == GraphLevel.Author)
        {
            // Author keys for the nodes, and names for their labels.
            var corpus = CorpusLoader.Load(input, parse, options, host, corpusOptions: CorpusOptions.Default with { KeepDois = false });
            graph = AuthorGraph(corpus, links);
            description = $"Author co-authorship graph by CollabMetrics (authors by id, else name key): links {links.ToName()}.";
            if (!parse.GetValue(options.Quiet))
            {
                host.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"collabmetrics: links {links.ToName()}; {graph.NodeCount:N0} authors (by the id the source gives, else the name key \"LAST, F\") in {corpus.Count:N0} publications."));
            }
        }
        else
        {
            // The graph reads the whole cube (every unit and pair): the files are streamed into it, without a corpus.
            var cube = CorpusLoader.Stream(input, parse, options, host, source => (level == GraphLevel.Institution
                ? source.Institutions(links)
                : source.Countries(input, links)).Cube);
            graph = CoauthorshipGraph.FromSlice(cube.All(), links);
            var territory = input.CubePath is null ? input.Territory : cube.Options.Territory;
            description = level == GraphLevel.Institution
                ? $"Institution co-authorship graph by CollabMetrics: links {links.ToName()}."
                : $"Country co-authorship graph by CollabMetrics: territory {territory.ToName()}, links {links.ToName()}.";
            ContextNote.Write(parse, options, host, territory, cube.Diagnostics, links);
        }

        var exportOptions = GraphExportOptions.Default with { Description = description };
        Write(GraphWriter.Create(graph, format, exportOptions), outPath, host);
        if (format == GraphFormat.LinkTableCsv && outPath is not null)
        {
            var nodes = Path.Combine(Path.GetDirectoryName(outPath) ?? string.Empty, Path.GetFileNameWithoutExtension(outPath) + "-nodes.csv");
            Write(GraphWriter.NodeTableCsv(graph, exportOptions), nodes, host);
        }

        return ExitCodes.Success;
    }

    private static void Write(GraphWriter writer, string? outPath, CliHost host)
    {
        if (outPath is null)
        {
            host.Out.Write(writer.ToText());
            host.Out.Flush();
            return;
        }

        try
        {
            writer.ToFile(host.ResolvePath(outPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Failure, $"--out: cannot write '{outPath}': {ex.Message}", ex);
        }
    }

    private static void ValidateFormat(System.CommandLine.Parsing.OptionResult result)
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
        if (value is not null && !(GraphFormats.TryParse(value, out var format) && Formats.Contains(format)))
        {
            result.AddError($"--graph-format: '{value}' is not one of {string.Join(", ", s_formatNames)}.");
        }
    }
}
