using System.CommandLine;
using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Cli.Charts;
using CollabMetrics.Cli.Output;
using CollabMetrics.Cli.Terminal;
using CollabMetrics.Geography;
using CollabMetrics.Metrics;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// <c>demo</c>: generates a synthetic corpus and runs the headline analysis on it (a focus country's partners over
/// time by partner share and one intensity index, ranks and rank changes, the peak year; shares of the top 10% papers
/// and the impact of the focus's co-publications, see <see cref="DemoImpact"/>) with charts, timing each step.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The default number of synthetic publications.</summary>
    public const int DefaultPublications = 1_000_000;

    /// <summary>The intensity index the demo charts beside partner share unless <c>--index</c> names another.</summary>
    public const string DefaultIndex = "association_strength";

    /// <summary>The label every output of the demo carries.</summary>
    public const string SyntheticLabel = "SYNTHETIC DATA";

    /// <summary>The prefix of every file the demo writes, so that the files say what they hold too.</summary>
    public const string FilePrefix = "synthetic-";

    private static readonly string[] s_chartExtensions = [".png", ".svg"];

    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var publications = new Option<int>("--publications")
        {
            Description = $"How many synthetic publications to generate. Default: {DefaultPublications:N0}.",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultPublications,
            CustomParser = r => CommonOptions.WholeNumber(r, 1) ?? DefaultPublications,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "The generator's seed; the same seed gives the same corpus on every machine.",
            HelpName = "N",
            DefaultValueFactory = _ => 42,
            CustomParser = r => CommonOptions.WholeNumber(r, 0) ?? 42,
        };
        var directory = new Option<string>("--out-dir")
        {
            Description = "The folder the charts and the partner table are written to (created if needed).",
            HelpName = "DIR",
            DefaultValueFactory = _ => "collabmetrics-demo",
        };
        var index = CommonOptions.IndexOption(DefaultIndex);
        var command = new Command(
            "demo",
            "Needs no input: generates a SYNTHETIC corpus (seeded; 2005-2024, 74 technologies), then shows a focus "
            + "country's partners over time by partner share and one intensity index (--index), ranks, rank changes "
            + "and peak years, each country's share of the top 10% most cited papers over time (overall and in a few technologies), "
            + "the impact of the focus's co-publications with its first partner against its domestic work, the technology "
            + "leaders by top 10% share, writes charts and the tables to a folder, and prints how long each step took.");
        command.Options.Add(publications);
        command.Options.Add(seed);
        command.Options.Add(options.Focus);
        command.Options.Add(index);
        command.Options.Add(options.Top);
        command.Options.Add(directory);
        command.SetAction(parse => Run(
            new Settings(
                parse.GetValue(publications),
                (ulong)parse.GetValue(seed),
                Country.Parse(parse.GetValue(options.Focus)!),
                CommonOptions.IndexValue(parse, index),
                parse.GetValue(options.Top) is > 0 and var top ? top : 10,
                parse.GetValue(directory)!,
                parse.GetValue(options.Quiet)),
            host));
        return command;
    }

    private static int Run(Settings settings, CliHost host)
    {
        var output = host.Out;
        var synthetic = SyntheticCorpusOptions.Default with { Publications = settings.Publications, Seed = settings.Seed };
        var folder = host.ResolvePath(settings.Directory);
        var clock = new StepClock();
        output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0}: {1:N0} publications made up by the CollabMetrics.Synthetic generator (seed {2}), {3}-{4}, {5} technologies. No real publication is counted.",
            SyntheticLabel,
            synthetic.Publications,
            synthetic.Seed,
            synthetic.FirstYear,
            synthetic.LastYear,
            synthetic.Technologies));
        output.WriteLine();

        var cancellation = host.CancellationToken;

        // Countries are all the demo counts: no author keys, DOIs or positions.
        var corpus = clock.Time("generate the synthetic corpus", () => SyntheticCorpus.BuildCorpus(synthetic, CorpusLoader.CountsOnly with { KeepDois = false }, cancellation));
        var analysis = clock.Time("aggregate (collaboration cube)", () =>
        {
            var options = AggregationOptions.Default with { ByTechnology = false };
            using var bar = ProgressBar.ForAggregation(host, settings.Quiet, corpus.Count);
            return CollaborationCube.Build(corpus, options, bar, cancellation).Analyze();
        });
        cancellation.ThrowIfCancellationRequested();
        var (byShare, byIndex) = clock.Time("partner tables and rankings", () =>
        {
            var table = analysis.Focus(settings.Focus).Partners().ByYear().Rank(CollaborationIndex.PartnerShare);
            return (table, table.Rank(settings.Index));
        });

        cancellation.ThrowIfCancellationRequested();
        var partners = PartnerChart.TopPartners(byShare, CollaborationIndex.PartnerShare, settings.Top);
        var impact = clock.Time("citation impact (top 10%, pairs, leaders)", () =>
            DemoImpact.Compute(CollaborationAnalysis.Of(corpus).WithCancellation(cancellation), byShare.Focus, partners));
        cancellation.ThrowIfCancellationRequested();
        var files = new List<string>();
        clock.Time("charts and files", () =>
        {
            Directory.CreateDirectory(folder);
            foreach (var (table, index) in new[] { (byShare, CollaborationIndex.PartnerShare), (byIndex, settings.Index) })
            {
                foreach (var extension in s_chartExtensions)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var path = Path.Combine(folder, FilePrefix + index.ToName() + extension);
                    PartnerChart.Save(path, table, index, partners, SyntheticLabel);
                    files.Add(path);
                }
            }

            var csv = Path.Combine(folder, FilePrefix + "partners.csv");
            byShare.ToCsvFile(csv);
            files.Add(csv);
            DemoImpact.Save(impact, folder, s_chartExtensions, SyntheticLabel, files, cancellation);
        });

        WriteSummary(output, settings, byShare, byIndex, partners);
        output.WriteLine();
        DemoImpact.Write(output, impact, SyntheticLabel);
        output.WriteLine();
        output.WriteLine($"Written to {settings.Directory}:");
        foreach (var file in files)
        {
            output.WriteLine($"  {Path.GetFileName(file)}");
        }

        output.WriteLine();
        output.WriteLine("Time per step:");
        clock.WriteTo(output);
        return ExitCodes.Success;
    }

    /// <summary>The headline table: each top partner's rank now, its change, its rank at the start, values and peak years.</summary>
    private static void WriteSummary(TextWriter output, Settings settings, PartnerTable byShare, PartnerTable byIndex, IReadOnlyList<Unit> partners)
    {
        var slices = byShare.Slices;
        if (slices.Count == 0)
        {
            output.WriteLine("No publication of the focus country in the synthetic corpus.");
            return;
        }

        SliceKey first = slices[0], last = slices[^1], previous = slices.Count > 1 ? slices[^2] : slices[0];
        string indexName = settings.Index.ToName();
        var changes = byShare.RankChanges().Where(c => c.Slice == last).ToDictionary(c => c.Partner);
        output.WriteLine($"{SyntheticLabel}: {settings.Focus.Code}'s top {partners.Count} partners in {last.YearsLabel}, ranked by partner_share");
        var rows = new List<string[]>
        {
            new[]
            {
                "partner", $"rank {last.YearsLabel}", $"since {previous.YearsLabel}", $"rank {first.YearsLabel}", $"share {first.YearsLabel}",
                $"share {last.YearsLabel}", "share peak", $"{indexName} {last.YearsLabel}", $"{indexName} peak",
            },
        };
        foreach (var partner in partners)
        {
            var now = byShare.Find(last, partner);
            var start = byShare.Find(first, partner);
            rows.Add(
            [
                partner.Code,
                Integer(now?.Rank),
                changes.TryGetValue(partner, out var change) && change.Change is { } c ? c.ToString("+0;-0;0", CultureInfo.InvariantCulture) : "new",
                Integer(start?.Rank),
                Number(start?.PartnerShare),
                Number(now?.PartnerShare),
                byShare.Series(partner, CollaborationIndex.PartnerShare).Peak()?.Year ?? string.Empty,
                Number(byIndex.Find(last, partner)?.Value(settings.Index)),
                byIndex.Series(partner, settings.Index).Peak()?.Year ?? string.Empty,
            ]);
        }

        AlignedTable.Render(rows, output);

        // The last time each leader overtook another partner (earlier flip-flops of the pair are left out).
        var crossovers = byShare.Crossovers()
            .Where(x => x.OvertakerRank <= 3 && partners.Contains(x.Overtaker))
            .GroupBy(x => (x.Overtaker, x.Overtaken))
            .Select(g => g.Last())
            .OrderBy(x => x.Slice.ToYear)
            .TakeLast(8)
            .ToList();
        if (crossovers.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Crossovers (partner_share rank), the last time each of the top three passed another partner:");
            foreach (var x in crossovers)
            {
                output.WriteLine($"  {x.Year}: {x.Overtaker} overtook {x.Overtaken}");
            }
        }
    }

    private static string Integer(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Number(double? value) =>
        value is { } v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private sealed record Settings(int Publications, ulong Seed, Country Focus, CollaborationIndex Index, int Top, string Directory, bool Quiet = false);
}
