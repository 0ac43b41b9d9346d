using System.CommandLine;
using System.Globalization;
using CollabMetrics.Cli.Terminal;
using CollabMetrics.IO;

namespace CollabMetrics.Cli.Commands;

/// <summary>Reads the inputs of a command into a corpus, with the progress bar, the filters and a summary note.</summary>
internal static class CorpusLoader
{
    /// <summary>
    /// What a command that counts countries or institutions keeps of each record: no author keys, names, addresses
    /// or positions (they are not needed, and dropping them saves memory).
    /// </summary>
    public static CorpusOptions CountsOnly { get; } = CorpusOptions.Default with { KeepAuthorIds = false, KeepRecordDetails = false };

    /// <summary>
    /// Reads <paramref name="input"/>'s files (library: <see cref="Corpus.FromFiles"/>), then applies <c>--years</c> and
    /// <c>--technology</c> as views. Unless <c>--quiet</c>, notes on standard error what was read and skipped.
    /// </summary>
    /// <param name="input">The input settings.</param>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="options">The shared options.</param>
    /// <param name="host">The host.</param>
    /// <param name="applyFilters">Whether to apply <c>--years</c> and <c>--technology</c>.</param>
    /// <param name="corpusOptions">What the corpus keeps; default <see cref="CountsOnly"/>: a command that needs more says so.</param>
    public static Corpus Load(InputSettings input, ParseResult parse, CommonOptions options, CliHost host, bool applyFilters = true, CorpusOptions? corpusOptions = null)
    {
        bool quiet = parse.GetValue(options.Quiet);
        Corpus corpus;
        using (var bar = ProgressBar.For(host, quiet, input.TotalBytes()))
        {
            var readOptions = ReadOptions.Default with
            {
                ErrorMode = input.ErrorMode,
                Format = input.Format,
                Progress = bar,
            };
            corpus = Corpus.FromFilesAsync(input.Paths, readOptions, corpusOptions ?? CountsOnly, host.CancellationToken).GetAwaiter().GetResult();
        }

        if (!quiet)
        {
            host.Error.WriteLine(Summary(corpus.Report));
        }

        if (applyFilters)
        {
            if (input.Years is { } years)
            {
                corpus = corpus.Years(years.From, years.To);
            }

            if (input.Technologies.Count > 0)
            {
                corpus = corpus.InTechnology([.. input.Technologies]);
            }
        }

        return corpus;
    }

    /// <summary>One line: files, records, accepted, skipped, duplicates, and where to look for details.</summary>
    internal static string Summary(IngestReport report)
    {
        var files = report.Files.Count;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"collabmetrics: read {report.RecordsRead:N0} records from {files:N0} file{(files == 1 ? string.Empty : "s")}: {report.Accepted:N0} publications");
        if (report.SkippedTotal > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", {report.SkippedTotal:N0} skipped");
        }

        long duplicates = report.DuplicateIds + report.DuplicateDois;
        if (duplicates > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", {duplicates:N0} duplicates merged");
            if (report.MergeConflicts > 0)
            {
                line += string.Create(CultureInfo.InvariantCulture, $" ({report.MergeConflicts:N0} disagreeing)");
            }
        }

        if (report.PublicationsWithoutCountry > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", {report.PublicationsWithoutCountry:N0} without a country");
        }

        return report.SkippedTotal > 0 || report.PublicationsWithoutCountry > 0 || report.MergeConflicts > 0
            ? line + " (details: collabmetrics inspect)."
            : line + ".";
    }
}
