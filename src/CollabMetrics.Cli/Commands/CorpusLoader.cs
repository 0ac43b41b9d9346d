using System.CommandLine;
using System.Globalization;
using CollabMetrics.Cli.Terminal;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Model;

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
            corpus = Corpus.FromFilesAsync(input.Paths, readOptions, input.CorpusOptions(corpusOptions ?? CountsOnly), host.CancellationToken).GetAwaiter().GetResult();
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
            host.Error.WriteLine(Summary(corpus.Report, input.Types));
        }

        if (applyFilters)
        {
            try
            {
                if (input.Years is { } years)
                {
                    corpus = corpus.Years(years.From, years.To);
                }

                if (input.Technologies.Count > 0)
                {
                    corpus = corpus.InTechnology([.. input.Technologies]);
                }

                if (input.Types.Count > 0)
                {
                    corpus = corpus.OfTypes([.. input.Types]);
                }
            }
            catch (ArgumentException ex) when (Unanswerable(ex, input) is { } usage)
            {
                throw usage;
            }
        }

        return corpus;
    }

    /// <summary>
    /// The library's answer to a question the inputs cannot answer (a <c>--technology</c> label no publication
    /// carries, with the closest labels; <c>--years</c> outside the inputs' years, naming them; <c>--types</c> of which
    /// no publication is, naming the types present) as a usage error (exit code 2), or null for another error.
    /// </summary>
    internal static CliUsageException? Unanswerable(ArgumentException ex, InputSettings input)
    {
        string? option = ex.ParamName switch
        {
            "technologies" when input.Technologies.Count > 0 => "--technology",
            "types" when input.Types.Count > 0 => "--types",
            "from" or "key" when input.Years is not null => "--years",
            _ => null,
        };
        if (option is null)
        {
            return null;
        }

        var message = ex.Message;
        int at = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        message = at < 0 ? message : message[..at];
        return new CliUsageException($"{option}: {char.ToLowerInvariant(message[0])}{message[1..]}");
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
        if (input.CubePath is { } cubePath)
        {
            var cube = OpenCube(input, cubePath, parse, options, host);
            try
            {
                return compute(cube);
            }
            catch (ArgumentException ex) when (Unanswerable(ex, input) is { } usage)
            {
                throw usage;
            }
        }

        if (input.RejectsPath is not null || input.Paths.Contains(PublicationReader.StandardInputPath))
        {
            var corpus = Load(input, parse, options, host, applyFilters);
            try
            {
                return compute(new TableSource(corpus, host.CancellationToken));
            }
            catch (ArgumentException ex) when (Unanswerable(ex, input) is { } usage)
            {
                throw usage;
            }
        }

        bool quiet = parse.GetValue(options.Quiet);
        T result;
        TableSource source;
        using (var bar = ProgressBar.For(host, quiet, input.TotalBytes()))
        {
            var readOptions = input.ReadOptions(null) with { Progress = bar };
            var files = PublicationFiles.Open(input.Paths, readOptions, input.CorpusOptions(CountsOnly), host.CancellationToken).WithProgress(bar);
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

                if (input.Types.Count > 0)
                {
                    files = files.OfTypes([.. input.Types]);
                }
            }

            source = new TableSource(files);
            try
            {
                result = compute(source);
            }
            catch (ArgumentException ex) when (Unanswerable(ex, input) is { } usage)
            {
                throw usage;
            }
        }

        if (!quiet && source.Report is { } report)
        {
            host.Error.WriteLine(Summary(report, input.Types));
        }

        return result;
    }

    /// <summary>
    /// Loads a <c>--cube</c> file and checks that it can answer the command's filters as the inputs it was built from
    /// would: <c>--territory</c>, <c>--technology</c> and <c>--types</c> must be those it was built with (they are in its counts);
    /// <c>--years</c> must lie within the years its inputs were read for, and selects them.
    /// </summary>
    internal static TableSource OpenCube(InputSettings input, string cubePath, ParseResult parse, CommonOptions options, CliHost host)
    {
        var shown = parse.GetValue(options.Cube) ?? cubePath;
        var file = CubeFile.Load(cubePath, shown);
        var cube = file.Cube;
        if (input.TerritoryGiven && cube.Options.Level == CollabMetrics.Aggregation.UnitLevel.Country && input.Territory != cube.Options.Territory)
        {
            throw new CliUsageException(
                $"--territory {input.Territory.ToName()}: {shown} was built with --territory {cube.Options.Territory.ToName()}, which is in its counts; build a cube with --territory {input.Territory.ToName()}, or drop --territory.");
        }

        var wanted = CubeBuild.Sorted(input.Technologies);
        if (wanted.Length > 0 && !wanted.SequenceEqual(file.Build.Technologies, StringComparer.Ordinal))
        {
            throw new CliUsageException(
                $"--technology {CubeBuild.Describe(wanted)}: {shown} was built with --technology {CubeBuild.Describe(file.Build.Technologies)}, which is in its counts; build a cube with these --technology labels, or drop --technology.");
        }

        if (input.Types.Count > 0 && !file.Build.Documents.SameTypes(input.Types))
        {
            var asked = CubeDocuments.Of(input.Types, DocumentFilter.Default).DescribeTypes();
            throw new CliUsageException(
                $"{asked}: {shown} was built with {file.Build.Documents.DescribeTypes()}, which is in its counts; build a cube with {asked}, or drop --types.");
        }

        if (input.Years is { } years)
        {
            CheckYearsCovered(file.Build, years, shown);
            cube = cube.WithinYears(years.From, years.To);
        }

        if (!parse.GetValue(options.Quiet))
        {
            host.Error.WriteLine($"collabmetrics: {shown} was built with {file.Build.DescribeSelection()}.");
            if (file.Build.Technologies.Count > 0)
            {
                host.Error.WriteLine($"collabmetrics: {shown} counts the publications labelled {CubeBuild.Describe(file.Build.Technologies)} only (built with --technology).");
            }
        }

        return new TableSource(cube, shown);
    }

    /// <summary>Refuses <c>--years</c> outside the years some input of the cube was read for: those years would read as zero.</summary>
    private static void CheckYearsCovered(CubeBuild build, YearRange years, string shown)
    {
        foreach (var input in build.Inputs)
        {
            // The ranges this file's content was read for, by any shard, sorted; they must cover the years asked.
            var ranges = build.Inputs.Where(other => other.SameContent(input) || ReferenceEquals(other, input)).Select(other => other.Years).ToList();
            if (ranges.Any(r => r is null))
            {
                continue;
            }

            int next = years.From;
            foreach (var range in ranges.Select(r => r!.Value).OrderBy(r => r.From))
            {
                if (range.From <= next && range.To >= next)
                {
                    next = range.To + 1;
                }
            }

            if (next <= years.To)
            {
                throw new CliUsageException(
                    $"--years {years}: {shown} holds {input.Name} for years {string.Join(", ", ranges.Select(r => r!.Value.ToString()))} only (built with --years), so year {next} would read as zero; build a cube over these years, or choose years inside them.");
            }
        }
    }

    /// <summary>How the summary names a reason for leaving a publication out.</summary>
    internal static string ExclusionName(ExclusionReason reason) => reason switch
    {
        ExclusionReason.Retracted => "retracted",
        ExclusionReason.Paratext => "paratext",
        _ => "over --max-authors",
    };

    /// <summary>
    /// One line: files, records, accepted, left out by reason, skipped, duplicates, author lists cut short, the
    /// <c>--types</c> kept (<paramref name="types"/>; null or empty for all), and where to look for details.
    /// </summary>
    internal static string Summary(IngestReport report, IReadOnlyList<DocumentType>? types = null)
    {
        var files = report.Files.Count;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"collabmetrics: read {report.RecordsRead:N0} records from {files:N0} file{(files == 1 ? string.Empty : "s")}: {report.Accepted:N0} publications");
        if (report.ExcludedTotal > 0)
        {
            var reasons = report.Excluded.OrderBy(kv => kv.Key).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{ExclusionName(kv.Key)} {kv.Value:N0}"));
            line += string.Create(CultureInfo.InvariantCulture, $", {report.ExcludedTotal:N0} left out ({string.Join(", ", reasons)})");
        }

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

        if (report.AuthorsTruncated > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", {report.AuthorsTruncated:N0} with an author list cut short by the source");
        }

        if (types is { Count: > 0 })
        {
            line += $"; --types {string.Join(",", types.Select(t => t.ToName()))} only";
        }

        var skippedFiles = report.SkippedFiles;
        if (skippedFiles.Count > 0)
        {
            // Files of a directory or pattern that are not publication files (the snapshot's manifest): named, not read.
            line += string.Create(
                CultureInfo.InvariantCulture,
                $"; {skippedFiles.Count:N0} other file{(skippedFiles.Count == 1 ? " was" : "s were")} not read: {string.Join("; ", skippedFiles.Take(5))}{(skippedFiles.Count > 5 ? "; ..." : string.Empty)}");
        }

        return report.SkippedTotal > 0 || report.PublicationsWithoutCountry > 0 || report.MergeConflicts > 0
            ? line + " (details: collabmetrics inspect)."
            : line + ".";
    }
}
