using System.CommandLine;
using System.Globalization;
using CollabMetrics.Cli.Terminal;
using CollabMetrics.IO;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// Reads the inputs of a command into a corpus (<see cref="Load"/>), or streams them into the command's question
/// without a corpus (<see cref="Stream"/>), with the progress bar, the filters and a summary note.
/// </summary>
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
        RejectedRecordCsvWriter? rejects = null;
        try
        {
            if (input.RejectsPath is { } rejectsPath)
            {
                try
                {
                    rejects = RejectedRecordCsvWriter.ToFile(rejectsPath);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliException(ExitCodes.Failure, $"--rejects: cannot write '{rejectsPath}': {ex.Message}", ex);
                }
            }

            using var bar = ProgressBar.For(host, quiet, input.TotalBytes());
            var readOptions = input.ReadOptions(rejects) with { Progress = bar };
            corpus = Corpus.FromFilesAsync(input.Paths, readOptions, corpusOptions ?? CountsOnly, host.CancellationToken).GetAwaiter().GetResult();
        }
        finally
        {
            rejects?.Dispose();
        }

        if (rejects is not null && !quiet)
        {
            host.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"collabmetrics: {rejects.Count:N0} rejected records and warnings written to {input.RejectsPath}."));
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

    /// <summary>
    /// Runs <paramref name="compute"/> on <paramref name="input"/>'s files read as a stream, without a corpus
    /// (library: <see cref="PublicationFiles"/>), with the reading options of <see cref="Load"/>, <c>--years</c> and
    /// <c>--technology</c> applied as filters and the progress bar (bytes read, publications aggregated) while it
    /// runs; unless <c>--quiet</c>, then notes on standard error what was read and skipped, as <see cref="Load"/> does.
    /// Inputs that cannot be read twice (standard input) and a <c>--rejects</c> file (which would get a record twice)
    /// go through <see cref="Load"/> instead: the answers are the same.
    /// </summary>
    public static T Stream<T>(InputSettings input, ParseResult parse, CommonOptions options, CliHost host, Func<TableSource, T> compute, bool applyFilters = true)
    {
        if (input.RejectsPath is not null || input.Paths.Contains(PublicationReader.StandardInputPath))
        {
            return compute(new TableSource(Load(input, parse, options, host, applyFilters), host.CancellationToken));
        }

        bool quiet = parse.GetValue(options.Quiet);
        T result;
        TableSource source;
        using (var bar = ProgressBar.For(host, quiet, input.TotalBytes()))
        {
            var readOptions = input.ReadOptions(null) with { Progress = bar };
            var files = PublicationFiles.Open(input.Paths, readOptions, CountsOnly, host.CancellationToken).WithProgress(bar);
            if (applyFilters)
            {
                if (input.Years is { } years)
                {
                    files = files.Years(years.From, years.To);
                }

                if (input.Technologies.Count > 0)
                {
                    files = files.InTechnology([.. input.Technologies]);
                }
            }

            source = new TableSource(files);
            try
            {
                result = compute(source);
            }
            catch (ArgumentException ex) when (ex.ParamName == "technologies" && input.Technologies.Count > 0)
            {
                // The library's answer to a label no publication of the files carries, with the closest labels.
                throw new CliUsageException("--technology: " + ex.Message.Replace(" (Parameter 'technologies')", string.Empty, StringComparison.Ordinal));
            }
        }

        if (!quiet && source.Report is { } report)
        {
            host.Error.WriteLine(Summary(report));
        }

        return result;
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
