using System.CommandLine;
using CollabMetrics.Aggregation;
using CollabMetrics.Export;
using CollabMetrics.Geography;
using CollabMetrics.Graph;

namespace CollabMetrics.Cli.Commands;

/// <summary><c>graph</c>: the country co-authorship graph, exported for network tools by the library's writers.</summary>
internal static class GraphCommand
{
    /// <summary>The formats <c>--graph-format</c> accepts.</summary>
    public static readonly string[] Formats = ["graphml", "gexf", "gml", "pajek", "vosviewer", "json", "csv"];

    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var format = new Option<string?>("--graph-format")
        {
            Description = "The file format: graphml (Gephi, Cytoscape, igraph, networkx), gexf (Gephi), gml, pajek (.net), "
                + "vosviewer (VOSviewer JSON), json (node-link) or csv (links; with --out also FILE-nodes.csv). "
                + "Default: from the --out extension (.graphml, .gexf, .gml, .net, .json, .csv), else graphml.",
            HelpName = string.Join('|', Formats),
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

    /// <summary>The format named by <c>--graph-format</c>, or the one the <c>--out</c> extension implies.</summary>
    internal static string ResolveFormat(string? format, string? outPath)
    {
        if (format is not null)
        {
            return format.ToLowerInvariant();
        }

        return Path.GetExtension(outPath ?? string.Empty).ToLowerInvariant() switch
        {
            ".gexf" => "gexf",
            ".gml" => "gml",
            ".net" => "pajek",
            ".json" => "json",
            ".csv" => "csv",
            _ => "graphml",
        };
    }

    private static int Run(ParseResult parse, CommonOptions options, Option<string?> formatOption, CliHost host)
    {
        var linksName = CommonOptions.ChoiceValue(parse, options.Links);
        var links = AnalysisSettings.ParseLinks(linksName);
        var outPath = parse.GetValue(options.Out);
        var format = ResolveFormat(parse.GetValue(formatOption), outPath);
        var input = InputSettings.Bind(parse, options, host);

        // The graph reads the whole cube (every unit and pair): the files are streamed into it, without a corpus.
        var cube = CorpusLoader.Stream(input, parse, options, host, files => AnalysisSettings.Countries(files, input, links).Cube);
        var graph = CountryGraph(cube, links);
        var exportOptions = GraphExportOptions.Default with
        {
            Description = $"Country co-authorship graph by CollabMetrics: territory {input.Territory.ToShortName()}, links {linksName}.",
        };
        GraphWriter writer = format switch
        {
            "gexf" => GraphExport.Gexf(graph, exportOptions),
            "gml" => GraphExport.Gml(graph, exportOptions),
            "pajek" => GraphExport.PajekNetwork(graph),
            "vosviewer" => GraphExport.VosviewerJson(graph, exportOptions),
            "json" => GraphExport.Json(graph, exportOptions),
            "csv" => GraphExport.LinkTableCsv(graph),
            _ => GraphExport.GraphML(graph, exportOptions),
        };
        Write(writer, outPath, host);
        if (format == "csv" && outPath is not null)
        {
            var nodes = Path.Combine(Path.GetDirectoryName(outPath) ?? string.Empty, Path.GetFileNameWithoutExtension(outPath) + "-nodes.csv");
            Write(GraphExport.NodeTableCsv(graph, exportOptions), nodes, host);
        }

        ContextNote.Write(parse, options, host, input.Territory, cube.Diagnostics, linksName);
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
        if (value is not null && !Formats.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            result.AddError($"--graph-format: '{value}' is not one of {string.Join(", ", Formats)}.");
        }
    }
}
