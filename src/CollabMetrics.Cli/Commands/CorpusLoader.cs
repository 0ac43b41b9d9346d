using System.CommandLine;
using System.Globalization;
using CollabMetrics.Cli.Terminal;
using CollabMetrics.IO;

namespace CollabMetrics.Cli.Commands;

/// <summary>Reads the inputs of a command into a corpus, with the progress bar, the filters and a summary note.</summary>
internal static class CorpusLoader
{
    /// <summary>
    /// Reads <paramref name="input"/>'s files (library: <see cref="Corpus.FromFiles"/>), then applies <c>--years</c> and
    /// <c>--technology</c> as views. Unless <c>--quiet</c>, notes on standard error what was read and skipped.
    /// </summary>
    public static Corpus Load(InputSettings input, ParseResult parse, CommonOptions options, CliHost host, bool applyFilters = true)
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
            corpus = Corpus.FromFilesAsync(input.Paths, readOptions, cancellationToken: host.CancellationToken).GetAwaiter().GetResult();
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
                CheckTechnologies(input.Technologies, corpus);
                corpus = corpus.InTechnology([.. input.Technologies]);
            }
        }

        return corpus;
    }

    /// <summary>
    /// Refuses a <c>--technology</c> label that no publication of the inputs carries (exit code 2, with the closest
    /// labels), instead of printing an empty table that would read as "no collaboration".
    /// </summary>
    internal static void CheckTechnologies(IReadOnlyList<string> wanted, Corpus corpus)
    {
        var known = corpus.Technologies;
        foreach (var technology in wanted)
        {
            if (known.Contains(technology, StringComparer.Ordinal))
            {
                continue;
            }

            if (known.Count == 0)
            {
                throw new CliUsageException($"--technology: '{technology}' cannot be selected: no publication of the inputs carries a technology label.");
            }

            var close = known.Where(k => string.Equals(k, technology, StringComparison.OrdinalIgnoreCase)).ToList();
            if (close.Count == 0)
            {
                close = [.. Suggestions.Closest(technology, known)];
            }

            throw new CliUsageException(
                $"--technology: no publication of the inputs is labelled '{technology}' (labels compare exactly)"
                + (close.Count > 0 ? $"; closest: {string.Join(", ", close.Select(c => $"'{c}'"))}." : $"; the inputs carry {known.Count} labels, such as '{known[0]}'."));
        }
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
        }

        if (report.PublicationsWithoutCountry > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", {report.PublicationsWithoutCountry:N0} without a country");
        }

        return report.SkippedTotal > 0 || report.PublicationsWithoutCountry > 0
            ? line + " (details: collabmetrics inspect)."
            : line + ".";
    }
}
