using System.IO.Compression;
using CollabMetrics.Geography;
using CollabMetrics.IO.Csv;
using CollabMetrics.Model;

namespace CollabMetrics.Synthetic;

/// <summary>
/// A seeded, deterministic generator of realistic synthetic co-authorship corpora of any size: for tests,
/// benchmarks and demonstrations. Every publication is labelled <see cref="PublicationSource.Synthetic"/> with an id
/// <c>SYN-000000001</c>, ...
/// </summary>
/// <remarks>
/// <para>
/// The model (all parameters in <see cref="SyntheticCorpusOptions"/>): years with output growing every year; about
/// 200 countries with a heavy-tailed output distribution (CN and US largest, shares drifting over time); a quarter
/// of papers international, 1.3 countries a paper on average; authors per paper log-normal (median 5, mean 6) with a
/// tail of large collaborations of up to 1,000 authors; dual affiliations; institutions each in one country; 74
/// technology labels, several per paper, with their own growth; bilateral preferences that drift over time
/// (<see cref="SyntheticCorpusOptions.DefaultTrends"/>).
/// </para>
/// <para>
/// Determinism: publication k is drawn from its own xoshiro256** stream seeded from (seed, k), with integer-only
/// draws from precomputed tables, so the same options give the same corpus on every machine and runtime, and the
/// corpus of n publications is the prefix of any larger one.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var options = SyntheticCorpusOptions.Default with { Publications = 20_000 };
/// foreach (Publication p in SyntheticCorpus.Generate(options).Take(3))
/// {
///     Console.WriteLine($"{p.Id} {p.Year} {string.Join(",", p.Countries)}");
/// }
///
/// Corpus corpus = SyntheticCorpus.BuildCorpus(options);   // the fast path, same publications
/// </code>
/// </example>
public static class SyntheticCorpus
{
    /// <summary>The 74 technology labels, in the order <see cref="SyntheticCorpusOptions.Technologies"/> takes them.</summary>
    public static IReadOnlyList<string> TechnologyNames { get; } = SyntheticTechnologies.Names;

    /// <summary>
    /// The publications of the corpus, generated one at a time as they are enumerated: nothing is kept, so the
    /// sequence can be of any length. Options are validated eagerly.
    /// </summary>
    /// <param name="options">The parameters; default <see cref="SyntheticCorpusOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IEnumerable<Publication> Generate(SyntheticCorpusOptions? options = null)
    {
        var model = new SyntheticModel(options ?? SyntheticCorpusOptions.Default);
        return Enumerate(model, 0, model.Options.Publications);
    }

    /// <summary>
    /// Publications <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 of the corpus:
    /// the same publications <see cref="Generate(SyntheticCorpusOptions?)"/> yields at those positions, for splitting generation over threads
    /// or processes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not within the corpus.</exception>
    public static IEnumerable<Publication> GenerateRange(SyntheticCorpusOptions options, long start, long count)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = new SyntheticModel(options);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, options.Publications, nameof(count));
        return Enumerate(model, start, count);
    }

    /// <summary>
    /// Builds the corpus straight into columnar storage, in parallel and without creating a
    /// <see cref="Publication"/> per record: the same corpus as <c>Corpus.Build(Generate(options), corpusOptions)</c>,
    /// many times faster.
    /// </summary>
    /// <param name="options">The parameters; default <see cref="SyntheticCorpusOptions.Default"/>.</param>
    /// <param name="corpusOptions">
    /// Corpus options; only <see cref="CorpusOptions.KeepAuthorIds"/>, <see cref="CorpusOptions.KeepDois"/> and
    /// <see cref="CorpusOptions.KeepRecordDetails"/> (the record number of each publication as its position) matter: the
    /// synthetic corpus has no duplicates, names or addresses. Default <see cref="CorpusOptions.Default"/>.
    /// </param>
    /// <param name="cancellationToken">Stops the generation between chunks of publications.</param>
    /// <exception cref="ArgumentException">An option is out of range, or the corpus does not fit in one corpus (more than about 300 million publications).</exception>
    /// <exception cref="OperationCanceledException">The generation was cancelled.</exception>
    public static Corpus BuildCorpus(SyntheticCorpusOptions? options = null, CorpusOptions? corpusOptions = null, CancellationToken cancellationToken = default)
    {
        var model = new SyntheticModel(options ?? SyntheticCorpusOptions.Default);
        if (model.Options.Publications > Array.MaxLength / 8)
        {
            throw new ArgumentException(
                $"{model.Options.Publications} publications do not fit in one corpus; use Generate and aggregate the stream instead.",
                nameof(options));
        }

        return SyntheticCorpusBuilder.Build(model, corpusOptions ?? CorpusOptions.Default, cancellationToken);
    }

    /// <summary>
    /// Writes the corpus of any size to a CollabMetrics CSV file (gzip-compressed when the name ends with
    /// <c>.gz</c>), generating and writing about a million publications at a time: memory stays bounded.
    /// </summary>
    /// <param name="options">The parameters.</param>
    /// <param name="path">The file; an existing file is replaced.</param>
    /// <example><code>SyntheticCorpus.ToCsvFile(SyntheticCorpusOptions.Default with { Publications = 10_000_000 }, "synthetic.csv.gz");</code></example>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static void ToCsvFile(SyntheticCorpusOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var model = new SyntheticModel(options);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        WriteCsv(model, output, CsvPartSize);
    }

    /// <summary>Writes the corpus to a stream in the CollabMetrics CSV format, in parts (see <see cref="ToCsvFile"/>); the stream is left open.</summary>
    /// <param name="options">The parameters.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentException">An option is out of range, or the stream cannot be written.</exception>
    public static void ToCsv(SyntheticCorpusOptions options, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        var model = new SyntheticModel(options);
        WriteCsv(model, stream, CsvPartSize);
    }

    /// <summary>Writes the corpus to a CollabMetrics CSV file asynchronously (see <see cref="ToCsvFile"/>).</summary>
    /// <param name="options">The parameters.</param>
    /// <param name="path">The file; an existing file is replaced.</param>
    /// <param name="cancellationToken">Stops between publications.</param>
    public static async Task ToCsvFileAsync(SyntheticCorpusOptions options, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var model = new SyntheticModel(options);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : (Stream)file;
            await using (output.ConfigureAwait(false))
            {
                await WriteCsvAsync(model, output, CsvPartSize, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes the corpus to a stream in the CollabMetrics CSV format asynchronously; the stream is left open.</summary>
    /// <param name="options">The parameters.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="cancellationToken">Stops between publications.</param>
    public static Task ToCsvAsync(SyntheticCorpusOptions options, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        var model = new SyntheticModel(options);
        return WriteCsvAsync(model, stream, CsvPartSize, cancellationToken);
    }

    /// <summary>Publications generated and written at a time by the CSV output.</summary>
    internal const int CsvPartSize = 1 << 20;

    /// <summary>Writes the corpus in parts of <paramref name="partSize"/> publications, the header once.</summary>
    internal static void WriteCsv(SyntheticModel model, Stream stream, int partSize)
    {
        long total = model.Options.Publications;
        long start = 0;
        do
        {
            int count = (int)Math.Min(partSize, total - start);
            var part = SyntheticCorpusBuilder.Build(model, CorpusOptions.Default, start, count);
            CollabMetricsCsvWriter.ToStream(part, stream, writeHeader: start == 0);
            start += count;
        }
        while (start < total);
    }

    private static async Task WriteCsvAsync(SyntheticModel model, Stream stream, int partSize, CancellationToken cancellationToken)
    {
        long total = model.Options.Publications;
        long start = 0;
        do
        {
            int count = (int)Math.Min(partSize, total - start);
            var part = SyntheticCorpusBuilder.Build(model, CorpusOptions.Default, start, count, cancellationToken);
            await CollabMetricsCsvWriter.ToStreamAsync(part, stream, writeHeader: start == 0, cancellationToken).ConfigureAwait(false);
            start += count;
        }
        while (start < total);
    }

    private static IEnumerable<Publication> Enumerate(SyntheticModel model, long start, long count)
    {
        var paper = new SyntheticPaper();
        for (long k = start; k < start + count; k++)
        {
            model.Sample(k, paper);
            yield return ToPublication(model, paper, k);
        }
    }

    internal static Publication ToPublication(SyntheticModel model, SyntheticPaper paper, long index)
    {
        var options = model.Options;
        int n = paper.AuthorCount;
        var authors = new Author[n];
        for (int u = 0; u < n; u++)
        {
            int from = paper.AffiliationStart[u], to = paper.AffiliationStart[u + 1];
            var affiliations = new Affiliation[to - from];
            for (int a = from; a < to; a++)
            {
                int institution = paper.Institutions[a];
                affiliations[a - from] = new Affiliation
                {
                    InstitutionId = model.InstitutionIds[institution],
                    InstitutionName = model.InstitutionNames[institution],
                    Country = model.InstitutionCountries[institution],
                };
            }

            authors[u] = new Author
            {
                Id = options.AuthorIds ? SyntheticModel.AuthorId(paper.AuthorKeys[u]) : null,
                IsCorresponding = u == paper.Corresponding,
                Affiliations = affiliations,
            };
        }

        var technologies = new string[paper.TechnologyCount];
        for (int t = 0; t < technologies.Length; t++)
        {
            technologies[t] = model.TechnologyNames[paper.Technologies[t]];
        }

        return new Publication
        {
            Id = SyntheticModel.PublicationId(index),
            Source = PublicationSource.Synthetic,
            Position = new SourcePosition(null, 0, index + 1),
            Doi = options.Dois ? SyntheticModel.PublicationDoi(index) : null,
            Year = paper.Year,
            Authors = authors,
            Technologies = technologies,
            Citations = paper.Citations >= 0 ? paper.Citations : null,
        };
    }

    /// <summary>The countries the model uses, largest first (for documentation and tests).</summary>
    internal static IReadOnlyList<Country> CountriesOf(SyntheticCorpusOptions options) => new SyntheticModel(options).Countries;
}
