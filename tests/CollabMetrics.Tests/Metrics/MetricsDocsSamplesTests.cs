using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Impact;
using CollabMetrics.IO;
using CollabMetrics.Metrics;
using CollabMetrics.Synthetic;
using static CollabMetrics.Tests.Metrics.MetricsDocsSamplesTests.DocsTypes;

namespace CollabMetrics.Tests.Metrics;

/// <summary>
/// Every C# sample of docs/fluent-api.md and docs/statements.md, verbatim (their using directives at the top of this
/// file, the types they declare in <see cref="DocsTypes"/>), run on a small synthetic corpus; a test below checks that
/// the docs still contain exactly these samples.
/// </summary>
public class MetricsDocsSamplesTests
{
    private static readonly Lazy<Corpus> Synthetic = new(() =>
        SyntheticCorpus.BuildCorpus(SyntheticCorpusOptions.Default with { Publications = 5_000, Seed = 3 }));

    [Fact]
    public void FluentApi_Sample1_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PartnerTable top = corpus.Years(2005, 2024).InTechnology("Quantum computing")
            .Countries()
            .Focus("CN")
            .Partners()
            .ByYear()
            .Rank(CollaborationIndex.PartnerShare)
            .Top(10);
        string csv = top.ToCsv();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void FluentApi_FilesSample_Runs()
    {
        // The sample's two files, in the working directory: the OpenAlex fixture, compressed (the format is detected from the content).
        string[] names = ["works-2023.jsonl.gz", "works-2024.jsonl.gz"];
        foreach (var name in names)
        {
            using var source = File.OpenRead(TestData.Fixtures.OpenAlexWorks50);
            using var target = new System.IO.Compression.GZipStream(File.Create(name), System.IO.Compression.CompressionLevel.Fastest);
            source.CopyTo(target);
        }

        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        var files = PublicationFiles.Open(["works-2023.jsonl.gz", "works-2024.jsonl.gz"], ReadOptions.Default with { ErrorMode = ErrorMode.Lenient });
        PairTable pairs = files.Years(2015, 2024).Countries().Pairs().ByYear().Compute();
        Console.WriteLine(files.Report);                  // the report of that read, as a corpus would have it
        IngestReport report = files.Inspect();            // only the report, nothing counted
        CollaborationCube cube = files.BuildCube();       // the whole cube, without the corpus

        // The second file repeats the first: every record of it is a duplicate (the retracted work too, which is left out).
        report.DuplicateIds.Should().Be(report.Accepted + report.ExcludedTotal);
        report.Excluded.Should().Equal(new Dictionary<ExclusionReason, long> { [ExclusionReason.Retracted] = 1 });
        pairs.Should().NotBeEmpty();
        cube.Diagnostics.Publications.Should().Be(report.Accepted);
        }
        finally
        {
            Console.SetOut(stdout);
            foreach (var name in names)
            {
                File.Delete(name);
            }
        }
    }

    [Fact]
    public void FluentApi_Sample3_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PartnerTable partners = corpus.Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.Salton);
        foreach (PartnerRow row in partners.Top(3))
        {
            Console.WriteLine($"{row.Year} {row.Partner.Label} #{row.Rank}: salton {row.Salton:F3}, {row.Copublications} papers");
        }
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void FluentApi_Sample4_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        CollaborationIndex index = CollaborationIndices.Parse("association_strength");
        PartnerTable table = corpus.Countries().Focus("US").Partners("China", "UK", "Germany").Window(2015, 2019).Rank(index);
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void FluentApi_Sample5_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PartnerTable table = corpus.Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.PartnerShare);
        PartnerRow? us2020 = table.Find(2020, "United States");
        PartnerRow? usAllYears = corpus.Countries().Focus("CN").Partners().Compute().Find(SliceKey.ForAllYears(), "US");
        TimeSeries usShare = table.Series("US", CollaborationIndex.PartnerShare);
        double share2020 = usShare.ValueAt(2020);
        SeriesPoint? peak = table.Copublications("US").Peak();
        SeriesChange change = table.Copublications("US").Change(2024, 5);
        Crossover? crossover = table.FirstCrossover("Pakistan", "Japan");
        RankChangeTable moves = table.RankChanges();
        CrossoverTable passes = table.Crossovers();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void FluentApi_Sample6_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        var allies = new UnitGroup("US and allies", [Country.Parse("US"), Country.Parse("Japan"), Country.Parse("AU"), Country.Parse("UK")]);
        PartnerTable withAllies = corpus.Countries().Focus("CN").Partners(allies).ByYear().Compute();
        PartnerTable ofFiveEyes = corpus.Countries().Focus(UnitGroups.FiveEyes).Partners().AllYears().Rank(CollaborationIndex.OutputShare);
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void FluentApi_Sample7_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        UnitTable output = corpus.Countries().Units("CN", "US", "PK").ByYear().Compute();
        IReadOnlyList<UnitRow> pakistan = output.Of("Pakistan");
        PairTable links = corpus.Countries().WithLinkWeighting(LinkWeighting.AuthorRefined).Pairs().Window(2020, 2024).Compute();
        string outputCsv = output.ToCsv();
        string linksJson = links.ToJson();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void FluentApi_Sample8_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PartnerTable greaterChina = corpus.Countries()
            .WithTerritory(TerritoryPolicy.GreaterChina)
            .WithTechnologyAssignment(TechnologyAssignment.Fractional)
            .Focus("CN").Partners().ForTechnology("Quantum computing").ByYear().Compute();

        CollaborationCube cube = CollaborationCube.Build(corpus);
        PartnerTable fromCube = cube.Analyze().Focus("CN").Partners().Compute();

        UnitTable institutions = corpus.ByInstitution().Units().AllYears().Compute();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void FluentApi_Sample9_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        var progress = new Progress<WorkProgress>(p => Console.Error.Write($"\r{p}"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        PartnerTable watched = corpus.Countries().WithProgress(progress).WithCancellation(cancellation.Token)
            .Focus("CN").Partners().ByYear().Compute();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void FluentApi_Sample10_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        BootstrapTable intervals = corpus.Countries().Focus("CN").Partners("US", "PK", "JP").ByYear(2018, 2020)
            .Bootstrap(CollaborationIndex.PartnerShare, BootstrapOptions.Default with { Replicates = 1000, Seed = 42 });
        foreach (BootstrapRow row in intervals)
        {
            Console.WriteLine($"{row.Year} {row.Partner}: {row.Estimate:F3} [{row.Lower:F3}, {row.Upper:F3}]");
        }
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void FluentApi_Sample11_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        ITabularResult[] tables = [corpus.Countries().Focus("CN").Partners().ByYear().Compute(), corpus.Countries().Units().Compute()];
        foreach (ITabularResult table in tables)
        {
            var sums = new ColumnSums(table.Columns.Count);
            table.WriteRows(sums);
            for (int c = 0; c < table.Columns.Count; c++)
            {
                if (table.Columns[c].Kind == ColumnKind.Number)
                {
                    Console.WriteLine($"{table.Columns[c].Name}: {sums.Totals[c]}");
                }
            }
        }
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void Statements_Sample1_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PartnerTable table = corpus.Countries().Focus("China").Partner("United States").ByYear().Rank(CollaborationIndex.PartnerShare);
        double shareIn2020 = table.Find(2020, "US")?.PartnerShare ?? double.NaN;
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void Statements_Sample2_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PartnerTable ranked = corpus.Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.PartnerShare);
        Crossover? overtaking = ranked.FirstCrossover("Pakistan", "Japan");
        string year = overtaking?.Year ?? "never";

        PartnerTable byRic = ranked.Rank(CollaborationIndex.Ric);
        Crossover? relative = byRic.FirstCrossover("PK", "JP");
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void Statements_Sample3_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PartnerTable table = corpus.Countries().Focus("CN").Partner("US").ByYear().Compute();
        SeriesPoint? peak = table.Copublications("US").Peak();
        string peakYear = peak?.Year ?? "none";
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void Statements_Sample4_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PartnerTable table = corpus.Countries().Focus("CN").Partner("US").ByYear().Compute();
        SeriesChange change = table.Copublications("US").Change(2024, 5);
        double ratio = change.Ratio;          // 2024 / 2019
        double difference = change.Difference;
        double in2019 = table.Copublications("US").ValueAt(2019);
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void Statements_Sample5_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PartnerTable table = corpus.Countries().Focus("CN")
            .Partners(UnitGroups.FiveEyes)
            .AllYears()
            .Compute();
        double shareWithFiveEyes = table.Single().PartnerShare;
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void Statements_Sample6_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PartnerTable leiden = corpus.Countries().WithTerritory(TerritoryPolicy.ChinaWithHongKongMacao)
            .Focus("CN").Partner("US").ByYear().Compute();
        TerritoryPolicy used = leiden.Context.Territory;
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void Statements_Sample7_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        BootstrapTable intervals = corpus.Countries().Focus("CN").Partners("PK", "JP").ByYear(2018, 2020)
            .Bootstrap(CollaborationIndex.PartnerShare);
        BootstrapRow? pakistan2019 = intervals.Find(2019, "Pakistan");
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void FluentApi_ByTechnologySample_RowsOfEveryTechnology()
    {
        var corpus = Corpus.Build(CollabMetrics.Tests.Aggregation.RandomCorpora.Seeded(300, seed: 13));

        PartnerTable perTechnology = corpus.Countries().Focus("CN").Partners().ByYear().ByTechnology().Rank(CollaborationIndex.PartnerShare);
        string csv = perTechnology.ToCsv();   // year,technology,focus,partner,...

        csv.Should().StartWith("year,technology,focus,partner,");
        perTechnology.Select(row => row.Slice.Technology).Distinct().Should().Equal(corpus.Countries().Cube.Technologies);
    }

    [Fact]
    public void Statements_Sample8_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        ImpactConcentrationTable byTechnology = corpus.Countries().Impact().Window(2019, 2023).TopPercent(10).Concentration();
        int chinaLeads = byTechnology.LedBy("China").Count(row => row.Slice.Technology is not null);
        int technologies = byTechnology.Technologies.Count;
        chinaLeads.Should().BeLessThanOrEqualTo(technologies);
        technologies.Should().BeGreaterThan(1);
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void Statements_Sample9_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        ImpactTable quantum = corpus.Countries().Impact().ForTechnology("Quantum computing").ByYear().TopPercent(10).Compute();
        double chinaShare2020 = quantum.Find(2020, "CN")?.TopShare ?? double.NaN;
        ImpactBootstrapTable shareIntervals = corpus.Countries().Impact().Units("CN", "US").ForTechnology("Quantum computing")
            .Window(2016, 2020).Bootstrap(new BootstrapOptions { Replicates = 200 });
        shareIntervals.Should().NotBeEmpty();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Fact]
    public void Statements_Sample10_Runs()
    {
        var corpus = Synthetic.Value;
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {

        PairImpactTable withUs = corpus.Countries().Impact().Focus("CN").Partners("US").ByYear().Compute();
        double advantage2020 = withUs.Find(2020, "US").Advantage;
        double topShareOfPair2020 = withUs.Find(2020, "US").PpTop;
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    [Theory]
    [InlineData("fluent-api.md")]
    [InlineData("statements.md")]
    public void Docs_Samples_AreTheOnesTested(string page)
    {
        var docs = FindDocs();
        var source = File.ReadAllText(Path.Combine(docs, "..", "tests", "CollabMetrics.Tests", "Metrics", "MetricsDocsSamplesTests.cs"));
        var text = File.ReadAllText(Path.Combine(docs, page));
        var blocks = System.Text.RegularExpressions.Regex.Matches(text, "```csharp\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);

        blocks.Should().NotBeEmpty();
        foreach (System.Text.RegularExpressions.Match block in blocks)
        {
            foreach (var line in block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // A using directive is at the top of this file (CollabMetrics is its own namespace); every other line
                // is compiled and run here.
                if (line == "using CollabMetrics;")
                {
                    continue;
                }

                string expected = line.StartsWith("using ", StringComparison.Ordinal) && !line.Contains('=', StringComparison.Ordinal) && !line.Contains("var ", StringComparison.Ordinal)
                    ? line
                    : "        " + line;
                source.Should().Contain(expected, "every sample line of {0} must be compiled here", page);
            }
        }
    }

    /// <summary>The types the samples declare, as the docs write them.</summary>
    internal static class DocsTypes
    {
        // A sink that adds up every defined number of each column.
        internal sealed class ColumnSums(int columns) : ITableSink
        {
            private int _column;

            public double[] Totals { get; } = new double[columns];

            public void BeginRow() => _column = 0;

            public void WriteText(string? value) => _column++;

            public void WriteInteger(long? value) => _column++;

            public void WriteNumber(double value)
            {
                if (!double.IsNaN(value))
                {
                    Totals[_column] += value;
                }

                _column++;
            }

            public void EndRow()
            {
            }
        }
    }

    private static string FindDocs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var docs = Path.Combine(dir.FullName, "docs");
            if (File.Exists(Path.Combine(docs, "fluent-api.md")))
            {
                return docs;
            }
        }

        throw new DirectoryNotFoundException("docs/ not found above the test assembly.");
    }
}
