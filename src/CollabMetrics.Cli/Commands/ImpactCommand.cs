using System.CommandLine;
using System.Globalization;
using CollabMetrics.Geography;
using CollabMetrics.Impact;
using CollabMetrics.Metrics;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// <c>impact</c>: each country's citation impact per year or for all years (top x% papers, PP_top, top share, MNCS,
/// h-index, by collaboration type) ranked by top share; with <c>--focus</c> the impact of a country's
/// co-publications with each partner; with <c>--concentration</c> how concentrated the top papers are.
/// </summary>
internal static class ImpactCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var topPercent = new Option<double>("--top-percent")
        {
            Description = "x of the top x% most cited papers of each reference set (year x technology): 1 to 50.",
            HelpName = "P",
            DefaultValueFactory = _ => 10,
            CustomParser = TopPercentValue,
        };
        var focus = new Option<string?>("--focus", "-f")
        {
            Description = "Instead of every country: the impact of this country's co-publications with each partner against its domestic work (a code or an English name).",
            HelpName = "CODE",
        };
        var concentration = new Option<bool>("--concentration")
        {
            Description = "Instead of every country: how concentrated the top papers are (HHI, leader, leader ratio, top-5 share), for all technologies and for each.",
        };
        var byType = new Option<bool>("--by-document-type")
        {
            Description = "Split every reference set by document type too (articles against articles, reviews against reviews; an unknown type is a set of its own). With --citation-source counts only.",
        };
        var source = CommonOptions.Choice(
            "--citation-source",
            "Where each paper's impact comes from: CollabMetrics' reference sets from the citation counts (counts), or OpenAlex's own normalisation, its FWCI and citation percentile (openalex).",
            "counts",
            [.. CitationSources.AllNames]);
        var command = new Command(
            "impact",
            "Citation impact per country: top x% papers (whole and fractional), PP_top, share of the world's top papers, "
            + "MNCS, h-index and the same by collaboration type, per year or for all years, ranked by top share. "
            + "With --focus, the impact of a country's co-publications with each partner; with --concentration, how "
            + "concentrated the top papers are among countries.");
        InputSettings.AddTo(command, options);
        command.Options.Add(topPercent);
        command.Options.Add(options.Top);
        command.Options.Add(focus);
        command.Options.Add(concentration);
        command.Options.Add(source);
        command.Options.Add(byType);
        SliceSettings.AddTo(command, options);
        OutputSettings.AddTo(command, options);
        command.SetAction(parse => Run(parse, options, host, new ImpactOptions(topPercent, focus, concentration, source, byType)));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions options, CliHost host, ImpactOptions impact)
    {
        var slices = SliceSettings.Bind(parse, options);
        double percent = parse.GetValue(impact.TopPercent);
        int top = parse.GetValue(options.Top);
        bool topGiven = parse.GetResult(options.Top) is { Implicit: false };
        string? focus = parse.GetValue(impact.Focus);
        bool concentration = parse.GetValue(impact.Concentration);
        var source = CitationSources.Parse(CommonOptions.ChoiceValue(parse, impact.Source));
        bool byDocumentType = parse.GetValue(impact.ByDocumentType);
        if (byDocumentType && source == CitationSource.OpenAlex)
        {
            throw new CliUsageException("--by-document-type: OpenAlex's normalisation is by type already; use it with --citation-source counts.");
        }

        if (focus is not null && concentration)
        {
            throw new CliUsageException("--focus and --concentration are two different tables; give one of them.");
        }

        if (topGiven && (focus is not null || concentration))
        {
            throw new CliUsageException("--top ranks countries by top share; it does not apply to --focus or --concentration.");
        }

        var output = OutputSettings.Bind(parse, options);
        var input = InputSettings.Bind(parse, options, host);
        OutputSettings.CheckNotAnInput(output.OutPath, input, host);
        if (input.Technologies.Count > 1)
        {
            throw new CliUsageException("--technology: impact is computed for one technology at a time (or all, without --technology); give it once.");
        }

        // Reference sets are single years of one technology (or of all): --years keeps whole reference sets, and the
        // technology is selected by the slices rather than filtered, so the row of all technologies stays whole.
        var corpus = CorpusLoader.Load(input, parse, options, host, applyFilters: false);
        string? technology = null;
        try
        {
            if (input.Years is { } years)
            {
                corpus = corpus.Years(years.From, years.To);
            }

            if (input.Types.Count > 0)
            {
                corpus = corpus.OfTypes([.. input.Types]);
            }

            if (input.Technologies.Count == 1)
            {
                // Refuses a label no publication carries, with the closest labels; the slices select it below.
                _ = corpus.InTechnology(input.Technologies[0]);
                technology = input.Technologies[0];
            }
        }
        catch (ArgumentException ex) when (CorpusLoader.Unanswerable(ex, input) is { } usage)
        {
            throw usage;
        }

        var analysis = corpus.Countries();
        analysis = analysis.WithOptions(analysis.Options with { Territory = input.Territory }).WithCancellation(host.CancellationToken);
        var query = slices.Apply(analysis.Impact(), null).TopPercent(percent).WithCitationSource(source).ByDocumentType(byDocumentType).ForTechnology(technology);
        try
        {
            if (focus is not null)
            {
                var table = query.Focus(focus).Compute();
                output.Write(table, host);
                Note(parse, options, host, table.Context);
            }
            else if (concentration)
            {
                var table = query.Concentration();
                output.Write(table, host);
                Note(parse, options, host, table.Context);
            }
            else
            {
                var table = query.Compute().Top(top);
                output.Write(table, host);
                Note(parse, options, host, table.Context);
            }
        }
        catch (ArgumentException ex)
        {
            // An unknown focus, or years without data: a usage error with the library's closest names.
            var option = ex.ParamName == "focus" ? "--focus" : "impact";
            throw new CliUsageException($"{option}: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal)}");
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Input, ex.Message, ex);
        }

        return ExitCodes.Success;
    }

    /// <summary>The note on standard error: the policies, x, the citation source and what was left out.</summary>
    private static void Note(ParseResult parse, CommonOptions options, CliHost host, ResultContext context)
    {
        if (parse.GetValue(options.Quiet))
        {
            return;
        }

        var impact = context.Impact!;
        var d = impact.Diagnostics;
        long without = impact.CitationSource == CitationSource.OpenAlex ? d.PublicationsWithoutOpenAlexImpact : d.PublicationsWithoutCitationCount;
        host.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"collabmetrics: territory {context.Territory.ToName()}; top {impact.TopPercent}% of reference sets {impact.ReferenceSets}; citation source {impact.CitationSource.ToName()}; {d.PublicationsCounted:N0} of {d.Publications:N0} publications in the figures ({without:N0} without {(impact.CitationSource == CitationSource.OpenAlex ? "OpenAlex's FWCI and percentile" : "a citation count")}, {d.PublicationsWithoutUnit:N0} without a country, {d.PublicationsWithoutYear:N0} without a year)."));
    }

    private static double TopPercentValue(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "10";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= 1 && value <= 50))
        {
            result.AddError($"--top-percent: '{text}' is not a number from 1 to 50.");
            return 10;
        }

        return value;
    }

    private sealed record ImpactOptions(Option<double> TopPercent, Option<string?> Focus, Option<bool> Concentration, Option<string> Source, Option<bool> ByDocumentType);
}
