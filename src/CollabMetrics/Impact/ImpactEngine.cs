using CollabMetrics.Aggregation;
using CollabMetrics.Model;

namespace CollabMetrics.Impact;

/// <summary>
/// The one-pass impact aggregation of a corpus into <see cref="ImpactStatistics"/>: per (year, technology) the
/// citation histogram of the reference set and of every unit and pair of units.
/// </summary>
/// <remarks>
/// <para>
/// Each publication goes through the collaboration cube's <see cref="PublicationKernel"/> (the same units, author
/// credit f(k,i), m_k, groups and pairs as the cube): the engine loads it, resolves it and asks for its contributions,
/// which it adds to citation histograms instead of a cube. A publication with a year, a unit and a citation count c adds, in the slot of all technologies and in
/// the slot of each of its technologies (times 1, or 1/t with fractional technology assignment): one to the reference
/// set's count of c; to each of its units' histograms at c its count, phi f(k,i), and phi under its collaboration
/// type (m_k = 1, 2, 3+); phi to each of its pairs' histograms at c.
/// </para>
/// <para>
/// Chunks of <see cref="CubeEngine.ChunkSize"/> publications in input order are aggregated in parallel and added to
/// the total strictly in chunk order, as the cube does: the statistics are identical bit for bit whatever the number
/// of threads.
/// </para>
/// </remarks>
internal static class ImpactEngine
{
    /// <summary>Aggregates a corpus or view.</summary>
    /// <param name="corpus">The corpus.</param>
    /// <param name="options">The aggregation options (level, territory, technologies, unknown authors, groups, threads).</param>
    /// <param name="referenceClasses">
    /// Optional reference-set class of each publication of the underlying storage (such as a document type), indexed by
    /// storage position: publications of different classes form different reference sets. Null for one class.
    /// </param>
    /// <param name="source">Where the impact of each publication comes from: citation counts (default) or OpenAlex's normalisation.</param>
    /// <param name="progress">Receives the number of publications processed.</param>
    /// <param name="chunkSize">Publications per chunk (tests use small chunks).</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    internal static ImpactStatistics Build(
        Corpus corpus, AggregationOptions options, byte[]? referenceClasses = null, CitationSource source = CitationSource.Counts,
        IProgress<long>? progress = null, int chunkSize = CubeEngine.ChunkSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var storage = corpus.Storage;
        if (referenceClasses is not null && referenceClasses.Length != storage.Count)
        {
            throw new ArgumentException($"Give one reference-set class per publication of the underlying corpus ({storage.Count}), not {referenceClasses.Length}.", nameof(referenceClasses));
        }

        var layout = new UnitLayout(options);
        int unitCapacity = layout.IsCountryLevel ? UnitLayout.CountryLevelCapacity : storage.Institutions.Length + 1;
        if (unitCapacity > CubeAccumulator.MaxUnitId)
        {
            throw new InvalidOperationException($"The corpus has {storage.Institutions.Length} institutions; the engine handles at most {CubeAccumulator.MaxUnitId - 1}. Aggregate a subset, or at the country level.");
        }

        var scoring = ImpactScoring.For(corpus, source, referenceClasses);
        var reader = new ImpactSource(corpus, layout, scoring);
        var total = OrderedChunks.Run(
            corpus.Count,
            chunkSize,
            options.MaxDegreeOfParallelism,
            () => new ImpactAccumulator(),
            () => new PublicationKernel(layout, unitCapacity),
            (kernel, acc, c) => reader.ProcessChunk(kernel, acc, c, chunkSize),
            ImpactAccumulator.AddInto,
            progress,
            cancellationToken);

        var technologyNames = storage.TechnologyNames;
        var institutions = storage.Institutions;
        return ImpactFinisher.ToStatistics(
            total,
            options,
            scoring,
            referenceClasses is not null,
            layout.IsCountryLevel ? layout.CountryUnitOf : id => id == UnitLayout.UnknownId ? Unit.Unknown : InstitutionUnit(institutions[id - 1]),
            slot => technologyNames[slot - 1]);
    }

    private static Unit InstitutionUnit(Institution institution) => Unit.Institution(institution.Key, institution.ToString());
}
