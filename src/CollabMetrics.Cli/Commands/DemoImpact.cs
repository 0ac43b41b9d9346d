using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Cli.Charts;
using CollabMetrics.Cli.Output;
using CollabMetrics.Impact;
using CollabMetrics.Metrics;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// The impact part of <c>demo</c>: the shares of the world's top 10% papers over time of the focus, the United States
/// (China when the focus is the United States) and the focus's top partners, overall and in a few technologies; the
/// focus's co-publications with the United States (or China) against its domestic work;
/// how many technologies each country leads in the last year; with charts and the tables as CSV.
/// </summary>
internal static class DemoImpact
{
    /// <summary>The x of the top x% papers the demo shows.</summary>
    public const double TopPercent = 10;

    /// <summary>How many countries the top-share table shows beside the focus: the pair partner, then the focus's top partners.</summary>
    public const int Partners = 3;

    /// <summary>The partner whose co-publications with the focus the pair table shows.</summary>
    public const string PairPartner = "US";

    /// <summary>The pair partner when the focus is <see cref="PairPartner"/>.</summary>
    public const string OtherPairPartner = "CN";

    /// <summary>The technologies shown beside all technologies, when the corpus has them (in this order).</summary>
    public static readonly IReadOnlyList<string> Technologies =
    [
        "Artificial intelligence (AI) algorithms and hardware accelerators",
        "Quantum computing",
        "Electric batteries",
    ];

    /// <summary>How the demo prints fractions (the files hold every digit).</summary>
    public const string Format = "0.0000";

    /// <summary>The title of the top-share table.</summary>
    public const string TopShareTitle = "share of the world's top 10% papers (top_share, author-fractional), by year";

    /// <summary>The prefix of the line naming the technology of each top-share table.</summary>
    public const string TechnologyHeading = "top_share in: ";

    /// <summary>The title of the pair table, after the focus and partner codes.</summary>
    public const string PairTitle = "co-publications against the focus's domestic work (pair impact, top 10%), by year";

    /// <summary>The impact tables of the demo, computed from the corpus's impact statistics.</summary>
    internal sealed record Tables(
        IReadOnlyList<Unit> Units,
        ImpactTable Overall,
        IReadOnlyList<(string Technology, ImpactTable Table)> ByTechnology,
        Unit? Partner,
        PairImpactTable? Pairs,
        ImpactConcentrationTable Leaders);

    /// <summary>Computes the tables for <paramref name="focus"/> and <paramref name="partners"/> (best first).</summary>
    public static Tables Compute(CollaborationAnalysis analysis, Unit focus, IReadOnlyList<Unit> partners)
    {
        var impact = analysis.Impact().TopPercent(TopPercent);
        var overall = impact.ByYear().Compute();
        var units = new List<Unit> { focus };
        var pairPartner = focus.Code == PairPartner ? OtherPairPartner : PairPartner;
        Unit? partner = null;
        foreach (var unit in overall.Units)
        {
            if (unit.Code == pairPartner && unit != focus)
            {
                partner = unit;
                units.Add(unit);
            }
        }

        units.AddRange(partners.Where(p => !units.Contains(p)).Take(1 + Partners - units.Count));
        string[] codes = [.. units.Select(u => u.Code)];
        var lastYear = overall.Slices.Count > 0 ? overall.Slices[^1].ToYear : null;
        var leaders = lastYear is { } y ? impact.ByYear(y, y).Concentration() : impact.AllYears().Concentration();
        var present = leaders.Technologies;
        var byTechnology = new List<(string, ImpactTable)> { ("All technologies", impact.Units(codes).ByYear().Compute()) };
        foreach (var technology in Technologies)
        {
            if (present.Contains(technology, StringComparer.Ordinal))
            {
                byTechnology.Add((technology, impact.Units(codes).ByYear().ForTechnology(technology).Compute()));
            }
        }

        var pairs = partner is { } p ? impact.Focus(focus.Code).Partners(p.Code).ByYear().Compute() : null;
        return new Tables(units, overall, byTechnology, partner, pairs, leaders);
    }

    /// <summary>The years the top-share table shows: the first, every fifth after it, and the last.</summary>
    public static IReadOnlyList<int> ShownYears(ImpactTable table)
    {
        var years = table.Slices.Select(s => s.ToYear ?? 0).ToList();
        if (years.Count == 0)
        {
            return [];
        }

        var shown = new List<int>();
        for (int i = 0; i < years.Count; i += 5)
        {
            shown.Add(years[i]);
        }

        if (shown[^1] != years[^1])
        {
            shown.Add(years[^1]);
        }

        return shown;
    }

    /// <summary>Writes the charts and CSV files to <paramref name="folder"/>; adds their paths to <paramref name="files"/>.</summary>
    public static void Save(Tables tables, string folder, string[] extensions, string note, List<string> files, CancellationToken cancellation)
    {
        foreach (var extension in extensions)
        {
            cancellation.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, DemoCommand.FilePrefix + "top_share" + extension);
            ImpactChart.SaveTopShare(path, tables.Overall, tables.Units, note);
            files.Add(path);
            if (tables.Pairs is { } pairs && tables.Partner is { } partner)
            {
                path = Path.Combine(folder, DemoCommand.FilePrefix + "pair_impact" + extension);
                ImpactChart.SavePair(path, pairs, partner, tables.Overall.Of(tables.Units[0]), note);
                files.Add(path);
            }
        }

        var csv = Path.Combine(folder, DemoCommand.FilePrefix + "impact.csv");
        tables.Overall.ToCsvFile(csv);
        files.Add(csv);
        if (tables.Pairs is not null)
        {
            csv = Path.Combine(folder, DemoCommand.FilePrefix + "pair-impact.csv");
            tables.Pairs.ToCsvFile(csv);
            files.Add(csv);
        }
    }

    /// <summary>Prints the top-share table, the pair table and the technology leaders.</summary>
    public static void Write(TextWriter output, Tables tables, string label)
    {
        var years = ShownYears(tables.Overall);
        output.WriteLine($"{label}: {TopShareTitle}");
        foreach (var (technology, table) in tables.ByTechnology)
        {
            WriteTopShares(output, technology, table, tables.Units, years);
        }

        if (tables.Pairs is { } pairs && tables.Partner is { } partner)
        {
            var focus = tables.Units[0];
            output.WriteLine();
            output.WriteLine($"{label}: {focus.Code}-{partner.Code} {PairTitle}");
            var pairRows = new List<string[]>
            {
                new[] { "year", "copublications", $"mncs {focus.Code}-{partner.Code}", $"pp_top {focus.Code}-{partner.Code}", $"mncs {focus.Code} domestic", "advantage" },
            };
            foreach (var row in pairs.Where(r => r.Partner == partner))
            {
                var domestic = tables.Overall.Find(row.Slice, focus)?.Domestic.Mncs ?? double.NaN;
                pairRows.Add([row.Year, row.Copublications.ToString(CultureInfo.InvariantCulture), Number(row.Mncs), Number(row.PpTop), Number(domestic), Number(row.Advantage)]);
            }

            AlignedTable.Render(pairRows, output);
            output.WriteLine("advantage = mncs of the co-publications / mncs of the focus's domestic publications (above 1: the partnership is cited more).");
        }

        var led = tables.Leaders
            .Where(r => r.Slice.Technology is not null && r.Leader is not null)
            .GroupBy(r => r.Leader!.Value)
            .Select(g => (Leader: g.Key, Count: g.Count()))
            .OrderByDescending(x => x.Count)
            .ThenBy(x => x.Leader.Code, StringComparer.Ordinal)
            .ToList();
        int technologies = tables.Leaders.Technologies.Count;
        if (led.Count > 0)
        {
            output.WriteLine();
            string year = tables.Leaders.Count > 0 ? tables.Leaders[0].Year : string.Empty;
            output.WriteLine($"{label}: leaders by share of the top 10% papers in {year}, technologies led of {technologies}: "
                + string.Join(", ", led.Take(5).Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Leader.Code} {x.Count}"))));
        }
    }

    private static void WriteTopShares(TextWriter output, string technology, ImpactTable table, IReadOnlyList<Unit> units, IReadOnlyList<int> years)
    {
        output.WriteLine();
        output.WriteLine($"{TechnologyHeading}{technology}");
        List<string[]> rows = [["country", .. years.Select(y => y.ToString(CultureInfo.InvariantCulture))]];
        foreach (var unit in units)
        {
            var cells = new List<string> { unit.Code };
            foreach (var year in years)
            {
                cells.Add(Number(table.Find(year, unit)!.TopShare));
            }

            rows.Add([.. cells]);
        }

        AlignedTable.Render(rows, output);
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? string.Empty : value.ToString(Format, CultureInfo.InvariantCulture);
}
