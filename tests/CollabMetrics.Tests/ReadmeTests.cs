using CollabMetrics.IO;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests;

/// <summary>
/// The README quick start, run here on the bundled OpenAlex sample. The README's block and <see cref="QuickStartBody"/>
/// must stay identical (checked below); CI also compiles the block against the packed library and runs it.
/// </summary>
public class ReadmeTests
{
    private const string QuickStartBody = """
        // Read an export: OpenAlex JSON, Web of Science, Scopus or CollabMetrics CSV, plain or .gz; the format is detected.
        Corpus corpus = Corpus.FromFile("works.json", ReadOptions.Default with { ErrorMode = ErrorMode.Lenient });
        Console.WriteLine($"{corpus.Count} publications, {corpus.Report.PublicationsWithoutCountry} without any country");

        // The partners of the United States, ranked by partner share (C_XY / I_X, see docs/metrics.md).
        PartnerTable partners = corpus.Countries().Focus("US").Partners().Rank(CollaborationIndex.PartnerShare).Top(5);
        foreach (PartnerRow row in partners)
        {
            Console.WriteLine($"{row.Rank}. {row.Partner.Label}: {row.Copublications} co-publications, partner share {row.PartnerShare:F3}");
        }

        partners.ToCsvFile("us-partners.csv");
        """;

    [Fact]
    public void QuickStart_ReadmeBlock_IsTheCodeRunHere()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");

        readme.Should().Contain(QuickStartBody.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void QuickStart_OnTheOpenAlexSample_RanksUsPartnersByPartnerShare()
    {
        var folder = Directory.CreateTempSubdirectory("collabmetrics-readme-");
        try
        {
            // The quick start, statement for statement, with the sample's path in place of "works.json" (tests run in
            // parallel, so the working directory is left alone).
            Corpus corpus = Corpus.FromFile(Fixtures.OpenAlexWorks50, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient });
            PartnerTable partners = corpus.Countries().Focus("US").Partners().Rank(CollaborationIndex.PartnerShare).Top(5);
            partners.ToCsvFile(Path.Combine(folder.FullName, "us-partners.csv"));

            // One of the 50 works is retracted: left out by default, and counted.
            corpus.Count.Should().Be(49);
            corpus.Report.Excluded.Should().Equal(new Dictionary<ExclusionReason, long> { [ExclusionReason.Retracted] = 1 });

            // Independently: partner share = works with US and Y / works with US and any other country.
            var sets = PublicationReader.ReadFile(Fixtures.OpenAlexWorks50).Where(p => !p.IsRetracted).Select(p => p.Countries.Select(c => c.Code).ToHashSet()).ToList();
            var usInternational = sets.Where(s => s.Contains("US") && s.Count > 1).ToList();
            usInternational.Should().NotBeEmpty();
            foreach (var row in partners)
            {
                double expected = usInternational.Count(s => s.Contains(row.Partner.Code)) / (double)usInternational.Count;
                row.PartnerShare.Should().BeApproximately(expected, 1e-12);
            }

            partners.Select(r => r.Rank).Should().Equal(Enumerable.Range(1, partners.Count).Select(i => (int?)i));
            File.ReadLines(Path.Combine(folder.FullName, "us-partners.csv")).First().Should().StartWith("year,focus,partner,rank,");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CollabMetrics.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CollabMetrics.sln not found above the test assembly.");
    }
}
