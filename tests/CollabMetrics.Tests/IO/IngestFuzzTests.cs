using System.Globalization;
using CollabMetrics.IO;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO;

/// <summary>
/// Reads mutated real exports (see <see cref="IngestFuzzer"/>) in strict and lenient mode. CI runs a bounded number
/// of seeded cases; set COLLABMETRICS_FUZZ_CASES (and COLLABMETRICS_FUZZ_SEED) to run many more, for example
/// <c>COLLABMETRICS_FUZZ_CASES=20000 dotnet test tests/CollabMetrics.Tests -c Release --filter IngestFuzzTests</c>.
/// </summary>
public class IngestFuzzTests
{
    private const int CiCases = 240;
    private static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(30);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    [Fact]
    public async Task Read_MutatedRealExports_OnlyIngestExceptionsAndEveryRecordAccountedFor()
    {
        var fuzzer = IngestFuzzer.FromFixtures();
        int seed = Setting("COLLABMETRICS_FUZZ_SEED", 20261130);
        int cases = Setting("COLLABMETRICS_FUZZ_CASES", CiCases);
        var failures = new List<string>();
        for (int number = 0; number < cases && failures.Count < 10; number++)
        {
            var (description, bytes) = fuzzer.Case(seed, number);
            string? failure;
            try
            {
                failure = await Task.Run(() => Check(description, bytes)).WaitAsync(CaseBound);
            }
            catch (TimeoutException)
            {
                failure = $"{description}: did not finish within {CaseBound.TotalSeconds} s";
            }

            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        failures.Should().BeEmpty();
    }

    /// <summary>Reads one mutant in both modes; returns what went wrong, or null.</summary>
    private static string? Check(string description, byte[] bytes)
    {
        foreach (var mode in new[] { ErrorMode.Strict, ErrorMode.Lenient })
        {
            var options = ReadOptions.Default with { ErrorMode = mode, Limits = IngestFuzzer.Limits };
            var report = new IngestReport();
            bool nothingRead = false;
            try
            {
                using var stream = new MemoryStream(bytes, writable: false);
                Corpus.Build(PublicationReader.ReadStream(stream, "mutant", options, report), report: report);
            }
            catch (IngestException ex)
            {
                if (mode == ErrorMode.Lenient)
                {
                    nothingRead = ex.Message.Contains("no publication could be read", StringComparison.Ordinal);
                    if (!nothingRead)
                    {
                        return $"{description}, lenient: {ex.Message}";
                    }
                }
            }
            catch (Exception ex)
            {
                return $"{description}, {mode}: {ex.GetType().Name} escaped: {ex.Message}";
            }

            if (mode == ErrorMode.Lenient)
            {
                long accounted = report.Accepted + report.ExcludedTotal + report.SkippedTotal + report.DuplicateIds + report.DuplicateDois;
                if (report.RecordsRead != accounted)
                {
                    return $"{description}, lenient: {report.RecordsRead} records read but {report.Accepted} accepted + {report.ExcludedTotal} left out + {report.SkippedTotal} skipped + {report.DuplicateIds + report.DuplicateDois} merged";
                }

                if (nothingRead && report.Accepted != 0)
                {
                    return $"{description}, lenient: 'nothing read' with {report.Accepted} accepted";
                }
            }
        }

        return null;
    }
}
