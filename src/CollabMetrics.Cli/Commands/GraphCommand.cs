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
    /// <summary>The formats <c>--graph-format</c> accepts.</summary>
    public static readonly string[] Formats = ["graphml", "gexf", "gml", "pajek", "vosviewer", "json", "csv"];

    /// <summary>The node levels <c>--level</c> accepts.</summary>
    public static readonly string[] Levels = ["country", "institution", "author"];

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

    private static int Run(ParseResult parse, CommonOptions options, Option<string> levelOption, Option<string?> formatOption, CliHost host)
    {
        var linksName = CommonOptions.ChoiceValue(parse, options.Links);
        var links = AnalysisSettings.ParseLinks(linksName);
        var level = CommonOptions.ChoiceValue(parse, levelOption);
        var outPath = parse.GetValue(options.Out);
        var format = ResolveFormat(parse.GetValue(formatOption), outPath);
        var input = InputSettings.Bind(parse, options, host);

        CoauthorshipGraph graph;
        string description;
        if (level == "author")
        {
            // Author keys for the nodes, and names for their labels.
            var corpus = CorpusLoader.Load(input, parse, options, host, corpusOptions: CorpusOptions.Default with { KeepDois = false });
            graph = AuthorGraph(corpus, links);
            description = $"Author co-authorship graph by CollabMetrics (authors by id, else name key): links {linksName}.";
            if (!parse.GetValue(options.Quiet))
            {
                host.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"collabmetrics: links {linksName}; {graph.NodeCount:N0} authors (by the id the source gives, else the name key \"LAST, F\") in {corpus.Count:N0} publications."));
            }
        }
        else
        {
            var corpus = CorpusLoader.Load(input, parse, options, host);
            var analysis = level == "institution"
                ? AnalysisSettings.Institutions(corpus, links)
                : AnalysisSettings.Countries(corpus, input, links);
            graph = CoauthorshipGraph.FromSlice(analysis.Cube.All(), links);
            description = level == "institution"
                ? $"Institution co-authorship graph by CollabMetrics: links {linksName}."
                : $"Country co-authorship graph by CollabMetrics: territory {input.Territory.ToShortName()}, links {linksName}.";
            ContextNote.Write(parse, options, host, input.Territory, analysis.Cube.Diagnostics, linksName);
        }

        var exportOptions = GraphExportOptions.Default with { Description = description };
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
