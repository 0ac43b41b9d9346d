using CollabMetrics.Model;

namespace CollabMetrics.Aggregation;

public sealed partial class CollaborationCube
{
    /// <summary>
    /// Aggregates a corpus (or a view of one) in one pass over its columnar storage, on all cores unless
    /// <see cref="AggregationOptions.MaxDegreeOfParallelism"/> says otherwise. The result does not depend on the
    /// number of threads.
    /// </summary>
    /// <param name="corpus">The corpus.</param>
    /// <param name="options">Options; default <see cref="AggregationOptions.Default"/>.</param>
    /// <param name="progress">Receives the progress now and then: phase <c>aggregate</c>, publications processed.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <exception cref="OperationCanceledException">The build was cancelled.</exception>
    /// <example>
    /// <code>
    /// var cube = CollaborationCube.Build(corpus, AggregationOptions.Default with { Level = UnitLevel.Institution });
    /// </code>
    /// </example>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The two sources (corpus, stream) share the optional tail; calls are never ambiguous.")]
    public static CollaborationCube Build(Corpus corpus, AggregationOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        options ??= AggregationOptions.Default;
        options.Validate();
        return CubeEngine.BuildFromCorpus(corpus, options, PhaseProgress.For(progress, "aggregate", "publications", corpus.Count), cancellationToken);
    }

    /// <summary>
    /// Aggregates a stream of publications, enumerating it once and never holding it: memory is bounded by the size of
    /// the cube. Gives the same cube as building a corpus of the same publications (without duplicate removal).
    /// </summary>
    /// <param name="publications">The publications.</param>
    /// <param name="options">Options; default <see cref="AggregationOptions.Default"/>.</param>
    /// <param name="progress">Receives the progress now and then: phase <c>aggregate</c>, publications processed.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <exception cref="OperationCanceledException">The build was cancelled.</exception>
    /// <example>
    /// <code>
    /// using var stream = File.OpenRead("works.jsonl");
    /// var cube = CollaborationCube.Build(reader.Read(stream, "works.jsonl"));
    /// </code>
    /// </example>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The two sources (corpus, stream) share the optional tail; calls are never ambiguous.")]
    public static CollaborationCube Build(IEnumerable<Publication> publications, AggregationOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publications);
        options ??= AggregationOptions.Default;
        options.Validate();
        return CubeEngine.BuildFromStream(publications, options, PhaseProgress.For(progress, "aggregate", "publications", null), cancellationToken);
    }

    /// <summary>The asynchronous twin of <see cref="Build(IEnumerable{Publication}, AggregationOptions?, IProgress{WorkProgress}?, CancellationToken)"/>.</summary>
    /// <param name="publications">The publications.</param>
    /// <param name="options">Options; default <see cref="AggregationOptions.Default"/>.</param>
    /// <param name="progress">Receives the progress now and then: phase <c>aggregate</c>, publications processed.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    public static async Task<CollaborationCube> BuildAsync(IAsyncEnumerable<Publication> publications, AggregationOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publications);
        options ??= AggregationOptions.Default;
        options.Validate();
        var builder = new CubeEngine.StreamBuilder(options, PhaseProgress.For(progress, "aggregate", "publications", null));
        try
        {
            await foreach (var publication in publications.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                builder.Add(publication);
            }
        }
        catch
        {
            builder.Abandon();
            throw;
        }

        return builder.Finish();
    }

    /// <summary>
    /// Sums cubes built with the same counting options (the cubes of the parts of a partition give the cube of the
    /// whole). Cubes are added in the order given.
    /// </summary>
    /// <param name="cubes">At least one cube.</param>
    /// <exception cref="ArgumentException">No cube is given, or the cubes were built with different options.</exception>
    /// <example>
    /// <code>
    /// var whole = CollaborationCube.Merge(cube2023, cube2024);
    /// </code>
    /// </example>
    public static CollaborationCube Merge(params IEnumerable<CollaborationCube> cubes)
    {
        ArgumentNullException.ThrowIfNull(cubes);
        CollaborationCube? result = null;
        foreach (var cube in cubes)
        {
            ArgumentNullException.ThrowIfNull(cube, nameof(cubes));
            result = result is null ? cube : MergeTwo(result, cube);
        }

        return result ?? throw new ArgumentException("Give at least one cube to merge.", nameof(cubes));
    }

    private static CollaborationCube MergeTwo(CollaborationCube x, CollaborationCube y)
    {
        if (!x.Options.CountsLike(y.Options))
        {
            throw new ArgumentException(
                $"Cubes built with different options cannot be merged: '{x.Options.Describe()}' and '{y.Options.Describe()}'. Build both with the same AggregationOptions.",
                nameof(y));
        }

        // Union of units and technologies, both sorted: the maps from old to new indices are monotone, so the
        // cells' sorted arrays stay sorted after renumbering.
        var units = new SortedSet<Unit>(x._units);
        units.UnionWith(y._units);
        Unit[] unitArray = [.. units];
        var technologies = new SortedSet<string>(x._technologies, StringComparer.Ordinal);
        technologies.UnionWith(y._technologies);
        string[] technologyArray = [.. technologies];

        var cells = new Dictionary<(int Year, int Technology), SliceData>();
        AddCells(x, unitArray, technologyArray, cells);
        AddCells(y, unitArray, technologyArray, cells);
        return new CollaborationCube(x.Options, x.Diagnostics.Add(y.Diagnostics), unitArray, technologyArray, cells);
    }

    private static void AddCells(CollaborationCube cube, Unit[] units, string[] technologies, Dictionary<(int Year, int Technology), SliceData> cells)
    {
        var unitMap = new int[cube._units.Length];
        bool sameUnits = unitMap.Length == units.Length;
        for (int i = 0; i < unitMap.Length; i++)
        {
            unitMap[i] = Array.BinarySearch(units, cube._units[i]);
            sameUnits &= unitMap[i] == i;
        }

        var technologyMap = new int[cube._technologies.Length];
        for (int i = 0; i < technologyMap.Length; i++)
        {
            technologyMap[i] = Array.BinarySearch(technologies, cube._technologies[i], StringComparer.Ordinal);
        }

        foreach (var (key, cell) in cube.CellsOnce)
        {
            var newKey = (key.Year, key.Technology == AllTechnologies ? AllTechnologies : technologyMap[key.Technology]);
            // Cells are immutable: with the same units a cell is taken as it is, not copied.
            var remapped = sameUnits ? cell : cell.Remap(unitMap);
            cells[newKey] = cells.TryGetValue(newKey, out var existing) ? SliceData.Add(existing, remapped) : remapped;
        }
    }
}
