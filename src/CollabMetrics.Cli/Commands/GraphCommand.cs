using System.CommandLine;
using CollabMetrics.Aggregation;
using CollabMetrics.Export;
using CollabMetrics.Geography;
using CollabMetrics.Graph;

namespace CollabMetrics.Cli.Commands;

/// <summary><c>graph</c>: the country co-authorship graph, exported for network tools by the library's writers.</summary>
internal static class GraphCommand
{
    /// <summary>The formats <c>--graph-format</c> accepts (the library's names: <see cref="GraphFormats"/>).</summary>
    public static readonly GraphFormat[] Formats =
    [
        GraphFormat.GraphML, GraphFormat.Gexf, GraphFormat.Gml, GraphFormat.Pajek, GraphFormat.VosviewerJson, GraphFormat.Json, GraphFormat.LinkTableCsv,
    ];

    private static readonly string[] s_formatNames = [.. Formats.Select(f => f.ToName())];

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
        var command = new Command(
            "graph",
            "The country co-authorship graph of the selected publications (nodes: countries with their whole, "
            + "fractional and international output; links weighted by --links), exported for network tools.");
        InputSettings.AddTo(command, options);
        command.Options.Add(options.Links);
        command.Options.Add(format);
        command.Options.Add(options.Out);
        command.SetAction(parse => Run(parse, options, format, host));
        return command;
    }

    /// <summary>The country graph of all the years of <paramref name="cube"/>, links weighted by <paramref name="links"/>.</summary>
    internal static CoauthorshipGraph CountryGraph(CollaborationCube cube, LinkWeighting links) =>
        CoauthorshipGraph.FromSlice(cube.All(), links);

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

    private static int Run(ParseResult parse, CommonOptions options, Option<string?> formatOption, CliHost host)
    {
        var links = AnalysisSettings.ParseLinks(CommonOptions.ChoiceValue(parse, options.Links));
        var outPath = parse.GetValue(options.Out);
        var format = ResolveFormat(parse.GetValue(formatOption), outPath);
        var input = InputSettings.Bind(parse, options, host);
        OutputSettings.CheckNotAnInput(outPath, input, host);

        var corpus = CorpusLoader.Load(input, parse, options, host);
        var analysis = AnalysisSettings.Countries(corpus, input, host, links);
        var graph = CountryGraph(analysis.Cube, links);
        var exportOptions = GraphExportOptions.Default with
        {
            Description = $"Country co-authorship graph by CollabMetrics: territory {input.Territory.ToName()}, links {links.ToName()}.",
        };
        Write(GraphWriter.Create(graph, format, exportOptions), outPath, host);
        if (format == GraphFormat.LinkTableCsv && outPath is not null)
        {
            var nodes = Path.Combine(Path.GetDirectoryName(outPath) ?? string.Empty, Path.GetFileNameWithoutExtension(outPath) + "-nodes.csv");
            Write(GraphWriter.NodeTableCsv(graph, exportOptions), nodes, host);
        }

        ContextNote.Write(parse, options, host, input.Territory, analysis.Cube.Diagnostics, links);
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
