using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Metrics;
using CollabMetrics.Model;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;

namespace CollabMetrics.Interactive.Tests;

public class NotebookFormattersTests
{
    [Fact]
    public void ToHtml_LenientRead_ShowsCountsReasonsAndUnresolvedAffiliations()
    {
        var report = ReadLenient("p1,2019,Paris\np2,twenty,Lyon\np3,2020,Atlantis\np4,2021,Atlantis\n");

        string html = NotebookFormatters.ToHtml(report);

        // 4 records, p2 skipped (bad year), "Atlantis" unresolved twice: counted by hand from the input above.
        html.Should().Contain("Records read</th><td style=\"text-align:right\">4<");
        html.Should().Contain("Accepted</th><td style=\"text-align:right\">3<");
        html.Should().Contain("Skipped</th><td style=\"text-align:right\">1<");
        html.Should().Contain(nameof(SkipReason.InvalidYear));
        html.Should().Contain("<li>Atlantis (2)</li>");
        html.Should().Contain("lines.csv");
    }

    [Fact]
    public void Register_IngestReport_DisplayedAsHtmlSummary()
    {
        NotebookFormatters.Register();
        var report = ReadLenient("p1,2019,Paris\n");

        string html = report.ToDisplayString(HtmlFormatter.MimeType);

        html.Should().Contain("collabmetrics-ingest").And.Contain("Records read");
    }

    [Fact]
    public async Task OnLoadAsync_Kernel_ReportRendersAsSummaryInTheKernel()
    {
        using var kernel = new CSharpKernel();
        await new CollabMetricsKernelExtension().OnLoadAsync(kernel);
        kernel.AddAssemblyReferences([typeof(IngestReport).Assembly.Location]);

        var result = await kernel.SubmitCodeAsync("new CollabMetrics.IO.IngestReport()");

        var html = result.Events.OfType<Microsoft.DotNet.Interactive.Events.ReturnValueProduced>().Single()
            .FormattedValues.Single(v => v.MimeType == HtmlFormatter.MimeType).Value;
        html.Should().Contain("collabmetrics-ingest").And.Contain("Records read");
    }

    private static IngestReport ReadLenient(string text)
    {
        var report = new IngestReport();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };
        var corpus = Corpus.Build(new LineReader().Read(stream, "lines.csv", options, report), report: report);
        return corpus.Report;
    }

    /// <summary>"id,year,city" lines; Paris and Lyon resolve to France, anything else is unresolved.</summary>
    private sealed class LineReader : PublicationReader
    {
        public override PublicationFormat Format => PublicationFormat.CollabMetricsCsv;

        protected override IEnumerable<Publication> ReadCore(Stream stream, ReadContext context)
        {
            using var reader = new StreamReader(stream);
            long line = 0;
            while (reader.ReadLine() is { } text)
            {
                line++;
                context.RecordRead(line);
                var parts = text.Split(',');
                if (!int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out int year))
                {
                    context.Fail(context.At(line, line), "year", SkipReason.InvalidYear, $"'{parts[1]}' is not a year.");
                    continue;
                }

                bool resolved = parts[2] is "Paris" or "Lyon";
                var country = resolved ? Country.Parse("FR") : default;
                if (!resolved)
                {
                    context.Unresolved(parts[2]);
                }

                yield return new Publication
                {
                    Id = parts[0],
                    Year = year,
                    Authors = [new Author { Affiliations = [new Affiliation { Address = parts[2], Country = country }] }],
                };
            }

            context.Completed(line);
        }
    }
}

public class ResultTableFormatterTests
{
    [Fact]
    public void ToDisplayString_PartnerTable_HtmlTableWithChartAndHandComputedValues()
    {
        NotebookFormatters.Register();
        var table = SmallCorpus.Build().Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.PartnerShare);

        string html = table.ToDisplayString(HtmlFormatter.MimeType);

        html.Should().Contain("collabmetrics-result").And.Contain("PartnerTable").And.Contain("4 rows");
        html.Should().Contain("<th>partner_share</th>").And.Contain("<th>partner</th>");
        html.Should().Contain("<td>2020</td><td>CN</td><td>JP</td><td style=\"text-align:right\">2</td>");
        html.Should().Contain("partner_share by year", "2020 and 2021 make a time series");
        // Salton of CN-US in 2021 is 0 / sqrt(1 * 0): undefined, an empty cell (SmallCorpus).
        html.Should().Contain("<td>2021</td><td>CN</td><td>US</td>");
    }

    [Fact]
    public void ToDisplayString_TimeSeries_LineChartOfTheMeasure()
    {
        NotebookFormatters.Register();
        var series = SmallCorpus.Build().Countries().Focus("CN").Partners().ByYear().Compute().Series("JP", CollaborationIndex.PartnerShare);

        string html = series.ToDisplayString(HtmlFormatter.MimeType);

        // JP's partner share: 0.5 in 2020, 1 in 2021 (SmallCorpus).
        html.Should().Contain("<title>JP 2020: 0.5</title>").And.Contain("<title>JP 2021: 1</title>");
    }

    [Fact]
    public void ToHtml_UnitTableByYear_LineChartOfPublicationsPerCountry()
    {
        var table = SmallCorpus.Build().Countries().Units("CN", "US").ByYear().Compute();

        string html = NotebookFormatters.ToHtml(table);

        // CN has 3 publications in 2020 and 1 in 2021; US 2 and 0 (SmallCorpus).
        html.Should().Contain("publications by year");
        html.Should().Contain("<title>CN 2020: 3</title>").And.Contain("<title>CN 2021: 1</title>");
        html.Should().Contain("<title>US 2020: 2</title>");
    }
}
