using CollabMetrics.IO;

namespace CollabMetrics;

public sealed partial class Corpus
{
    /// <summary>
    /// Reads a publication file (any supported format, plain or .gz, detected from the content) into a corpus.
    /// The corpus's <see cref="Report"/> tells what was read, skipped, merged and left unresolved.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read; default <see cref="ReadOptions.Default"/> (strict, detect the format).</param>
    /// <param name="corpusOptions">How to build; default <see cref="CorpusOptions.Default"/>.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IngestException">
    /// In strict mode, at the first bad record or an unrecognised format; in either mode when no publication at all
    /// could be read, or over <see cref="ReadOptions.MaxErrors"/> (see <see cref="PublicationReader.ReadFiles"/>).
    /// </exception>
    /// <example>
    /// <code>
    /// Corpus corpus = Corpus.FromFile("works.jsonl.gz", ReadOptions.Default with { ErrorMode = ErrorMode.Lenient });
    /// Console.WriteLine(corpus.Report);
    /// </code>
    /// </example>
    public static Corpus FromFile(string path, ReadOptions? options = null, CorpusOptions? corpusOptions = null)
    {
        PublicationReader.ThrowIfMissing(path);
        return FromFiles([path], options, corpusOptions);
    }

    /// <summary>
    /// Reads several publication files, each in its own (detected) format, into one corpus: duplicates across
    /// files are handled as <paramref name="corpusOptions"/> says (by default the same DOI from two sources is
    /// merged). Directories and shell patterns are read as <see cref="PublicationReader.ReadFiles"/> reads them, and
    /// files are parsed in parallel with the same corpus whatever the number of threads.
    /// </summary>
    /// <param name="paths">The files, directories and patterns, read in order.</param>
    /// <param name="options">How to read; default <see cref="ReadOptions.Default"/>.</param>
    /// <param name="corpusOptions">How to build; default <see cref="CorpusOptions.Default"/>.</param>
    /// <exception cref="FileNotFoundException">A file does not exist, a pattern matches nothing, or a directory holds no publication file (checked for all inputs before reading any).</exception>
    /// <exception cref="IngestException">
    /// In strict mode, at the first bad record or an unrecognised format; in either mode when no publication at all
    /// could be read, or over <see cref="ReadOptions.MaxErrors"/> (see <see cref="PublicationReader.ReadFiles"/>).
    /// </exception>
    /// <example>
    /// <code>
    /// Corpus corpus = Corpus.FromFiles(["openalex.jsonl.gz", "wos.txt", "scopus.csv"]);
    /// </code>
    /// </example>
    public static Corpus FromFiles(IEnumerable<string> paths, ReadOptions? options = null, CorpusOptions? corpusOptions = null)
    {
        var files = CheckFiles(paths);
        return ReadFiles(files, options ?? ReadOptions.Default, corpusOptions ?? CorpusOptions.Default, default);
    }

    /// <summary>
    /// Reads files into a corpus through the readers' record batches (no <see cref="Model.Publication"/> objects for
    /// the formats that decode straight into them).
    /// </summary>
    internal static Corpus ReadFiles(string[] files, ReadOptions options, CorpusOptions corpusOptions, CancellationToken cancellationToken)
    {
        var report = new IngestReport(options.MaxIssueSamples);
        var builder = new CorpusBuilder(corpusOptions, report);
        builder.ExpectPublications(InputSizeEstimate.Publications(PublicationFileList.Find(files).Files, options.Format));

        var needs = new RecordNeeds(Institutions: true, AuthorKeys: corpusOptions.KeepAuthorIds || corpusOptions.KeepRecordDetails);
        using (var records = PublicationReader.OpenRecords(files, options, report, needs, cancellationToken))
        {
            while (records.MoveNext())
            {
                builder.AddRecord(records.Batch, records.Index);
            }
        }

        return builder.Build();
    }

    /// <summary>Reads a publication file into a corpus asynchronously (see <see cref="FromFile"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read; default <see cref="ReadOptions.Default"/>.</param>
    /// <param name="corpusOptions">How to build; default <see cref="CorpusOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IngestException">
    /// In strict mode, at the first bad record or an unrecognised format; in either mode when no publication at all
    /// could be read, or over <see cref="ReadOptions.MaxErrors"/> (see <see cref="PublicationReader.ReadFiles"/>).
    /// </exception>
    public static Task<Corpus> FromFileAsync(string path, ReadOptions? options = null, CorpusOptions? corpusOptions = null, CancellationToken cancellationToken = default)
    {
        PublicationReader.ThrowIfMissing(path);
        return FromFilesAsync([path], options, corpusOptions, cancellationToken);
    }

    /// <summary>Reads several publication files into one corpus asynchronously (see <see cref="FromFiles"/>).</summary>
    /// <param name="paths">The files, read in order.</param>
    /// <param name="options">How to read; default <see cref="ReadOptions.Default"/>.</param>
    /// <param name="corpusOptions">How to build; default <see cref="CorpusOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    /// <exception cref="FileNotFoundException">A file does not exist (checked for all files before reading any).</exception>
    /// <exception cref="IngestException">
    /// In strict mode, at the first bad record or an unrecognised format; in either mode when no publication at all
    /// could be read, or over <see cref="ReadOptions.MaxErrors"/> (see <see cref="PublicationReader.ReadFiles"/>).
    /// </exception>
    public static Task<Corpus> FromFilesAsync(IEnumerable<string> paths, ReadOptions? options = null, CorpusOptions? corpusOptions = null, CancellationToken cancellationToken = default)
    {
        var files = CheckFiles(paths);
        options ??= ReadOptions.Default;
        corpusOptions ??= CorpusOptions.Default;
        return Task.Run(() => ReadFiles(files, options, corpusOptions, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Reads every publication file under a directory, recursively, into one corpus: the OpenAlex snapshot's
    /// <c>works</c> folder (<c>updated_date=YYYY-MM-DD/part_NNN.gz</c>), a folder of Web of Science or Scopus exports.
    /// Files are listed as <see cref="PublicationFileList.Find"/> says (in ordinal order of their paths; the snapshot's
    /// <c>manifest</c> and other files that are not publication files are listed in
    /// <see cref="IngestReport.SkippedFiles"/>) and parsed in parallel (<see cref="ReadOptions.MaxDegreeOfParallelism"/>);
    /// the corpus is the same whatever the number of threads.
    /// </summary>
    /// <param name="directory">The directory.</param>
    /// <param name="options">How to read; default <see cref="ReadOptions.Default"/>.</param>
    /// <param name="corpusOptions">How to build; default <see cref="CorpusOptions.Default"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">The directory holds no publication file.</exception>
    /// <exception cref="IngestException">As <see cref="FromFiles"/>.</exception>
    /// <example>
    /// <code>
    /// Corpus corpus = Corpus.FromDirectory("openalex-snapshot/data/works", ReadOptions.Default with { ErrorMode = ErrorMode.Lenient });
    /// Console.WriteLine($"{corpus.Report.Files.Count} files, {corpus.Report.SkippedFiles.Count} not read");
    /// </code>
    /// </example>
    public static Corpus FromDirectory(string directory, ReadOptions? options = null, CorpusOptions? corpusOptions = null)
    {
        ThrowIfNoDirectory(directory);
        return FromFiles([directory], options, corpusOptions);
    }

    /// <summary>Reads every publication file under a directory into one corpus asynchronously (see <see cref="FromDirectory"/>).</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="options">How to read; default <see cref="ReadOptions.Default"/>.</param>
    /// <param name="corpusOptions">How to build; default <see cref="CorpusOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">The directory holds no publication file.</exception>
    /// <exception cref="IngestException">As <see cref="FromFiles"/>.</exception>
    public static Task<Corpus> FromDirectoryAsync(string directory, ReadOptions? options = null, CorpusOptions? corpusOptions = null, CancellationToken cancellationToken = default)
    {
        ThrowIfNoDirectory(directory);
        return FromFilesAsync([directory], options, corpusOptions, cancellationToken);
    }

    private static void ThrowIfNoDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(File.Exists(directory)
                ? $"'{directory}' is a file, not a directory: read it with Corpus.FromFile."
                : $"The directory '{directory}' does not exist.");
        }
    }

    private static string[] CheckFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string[] inputs = [.. paths];

        // Every input is checked before any is read: files, directories and patterns (listed again when read).
        _ = PublicationFileList.Find(inputs);
        return inputs;
    }
}
