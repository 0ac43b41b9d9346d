namespace CollabMetrics.Aggregation;

/// <summary>
/// The unit and pair counts of the technology cells of a cube built from a corpus, computed when a question first
/// reads a technology: the cube keeps the corpus (or the view it was built from) and, per technology, aggregates the
/// publications that carry it, once, with the same engine and options. Every value is a <see cref="FixedPoint"/> sum
/// of the same contributions as in a cube that computes every cell at once, so the numbers are the same bit for bit.
/// Thread-safe: concurrent first reads of a technology compute it once and see the same cells.
/// </summary>
/// <remarks>
/// The cube's own cells of a technology hold its totals (N, N_int, T) from the first build; this adds the units and
/// pairs. The cells of a technology stay with the cube once computed.
/// </remarks>
internal sealed class TechnologySlicesOnDemand
{
    private readonly Corpus _corpus;
    private readonly AggregationOptions _options;
    private readonly Lazy<int[][]> _publications;
    private Dictionary<int, SliceData>?[] _cells = [];
    private object[] _locks = [];
    private CollaborationCube? _cube;
    private int _computed;

    /// <param name="corpus">The corpus (or view) the cube was built from.</param>
    /// <param name="options">The options it was built with.</param>
    internal TechnologySlicesOnDemand(Corpus corpus, AggregationOptions options)
    {
        _corpus = corpus;
        _options = options;
        _publications = new Lazy<int[][]>(PublicationsByTechnology, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>How many technologies have been computed so far.</summary>
    internal int Computed => Volatile.Read(ref _computed);

    /// <summary>Whether technology <paramref name="technology"/> (an index of the cube's technologies) has been computed.</summary>
    internal bool IsComputed(int technology) => Volatile.Read(ref _cells[technology]) is not null;

    /// <summary>Binds this to the cube it completes (once, from the cube's constructor).</summary>
    internal void Attach(CollaborationCube cube)
    {
        if (_cube is not null)
        {
            throw new InvalidOperationException("The technology cells already belong to a cube.");
        }

        _cube = cube;
        _cells = new Dictionary<int, SliceData>?[cube.TechnologyArray.Length];
        _locks = new object[_cells.Length];
        for (int t = 0; t < _locks.Length; t++)
        {
            _locks[t] = new object();
        }
    }

    /// <summary>The complete cells of technology <paramref name="technology"/> (an index of the cube's technologies) by year, computed on first use.</summary>
    /// <param name="technology">An index of the cube's technologies.</param>
    /// <param name="tablePool">Null, or the tables of a pass that computes one technology after another.</param>
    internal Dictionary<int, SliceData> CellsOf(int technology, CubeAccumulator.TablePool? tablePool = null)
    {
        if (Volatile.Read(ref _cells[technology]) is { } cells)
        {
            return cells;
        }

        lock (_locks[technology])
        {
            if (_cells[technology] is not { } computed)
            {
                computed = Compute(technology, keep: true, tablePool);
                Volatile.Write(ref _cells[technology], computed);
            }

            return computed;
        }
    }

    /// <summary>
    /// The complete cells of technology <paramref name="technology"/> by year without keeping them: the kept cells when
    /// the technology has been computed, otherwise cells computed for the caller alone (for a pass over every
    /// technology that needs each one once, such as a merge, so that the cube does not grow to every technology).
    /// </summary>
    internal Dictionary<int, SliceData> CellsOfUnkept(int technology, CubeAccumulator.TablePool? tablePool = null) =>
        Volatile.Read(ref _cells[technology]) ?? Compute(technology, keep: false, tablePool);

    /// <summary>
    /// The complete technology cells of year <paramref name="year"/>, by index of the cube's technologies, without
    /// keeping them: the year's publications aggregated once with every technology slice, for a pass that reads the
    /// cube year by year (a save), so that one year's technology cells at a time are in memory, not every year's.
    /// </summary>
    /// <param name="year">A year of the cube.</param>
    /// <param name="tablePool">Null, or the tables of a pass that computes one year after another.</param>
    internal Dictionary<int, SliceData> YearCellsUnkept(int year, CubeAccumulator.TablePool? tablePool)
    {
        var cube = _cube!;
        var storage = _corpus.Storage;
        var years = storage.Years;
        var selection = _corpus.Selection;
        int count = _corpus.Count, inYear = 0;
        for (int i = 0; i < count; i++)
        {
            inYear += years[selection is null ? i : selection[i]] == year ? 1 : 0;
        }

        var publications = new int[inYear];
        inYear = 0;
        for (int i = 0; i < count; i++)
        {
            int k = selection is null ? i : selection[i];
            if (years[k] == year)
            {
                publications[inYear++] = k;
            }
        }

        var part = CubeEngine.BuildFromCorpus(new Corpus(storage, publications), _options, CubeContent.Full, progress: null, CancellationToken.None, technologiesOnDemand: false, tablePool);
        var map = UnitMap(cube, part, $"year {year}");
        var cells = new Dictionary<int, SliceData>();
        foreach (var (key, cell) in part.Cells)
        {
            if (key.Technology != CollaborationCube.AllTechnologies)
            {
                // The part is this pass's own: its cells are renumbered in place.
                string name = part.TechnologyArray[key.Technology];
                int technology = Array.BinarySearch(cube.TechnologyArray, name, StringComparer.Ordinal);
                if (technology < 0)
                {
                    throw new InvalidOperationException($"Technology '{name}' of year {year} is not a technology of the cube.");
                }

                cells.Add(technology, cell.RemapOwned(map));
            }
        }

        return cells;
    }

    /// <summary>The cube index of each unit of <paramref name="part"/> (a monotone map: both are sorted the same way).</summary>
    private static int[] UnitMap(CollaborationCube cube, CollaborationCube part, string what)
    {
        // The part's units are among the cube's (a unit counted in a technology or a year is counted in the cube).
        var partUnits = part.UnitArray;
        var map = new int[partUnits.Length];
        for (int i = 0; i < map.Length; i++)
        {
            if (!cube.TryGetIndex(partUnits[i], out map[i]))
            {
                throw new InvalidOperationException($"Unit {partUnits[i]} of {what} is not a unit of the cube.");
            }
        }

        return map;
    }

    /// <summary>The publications (storage indices, ascending) of each technology id of the storage.</summary>
    private int[][] PublicationsByTechnology()
    {
        var storage = _corpus.Storage;
        var techStart = storage.TechStart;
        var techIds = storage.TechIds;
        var selection = _corpus.Selection;
        int count = _corpus.Count;
        var sizes = new int[storage.TechnologyNames.Length];
        for (int i = 0; i < count; i++)
        {
            int k = selection is null ? i : selection[i];
            for (int j = techStart[k]; j < techStart[k + 1]; j++)
            {
                if (j == techStart[k] || techIds[j] != techIds[j - 1])
                {
                    sizes[techIds[j]]++;
                }
            }
        }

        var lists = new int[sizes.Length][];
        for (int t = 0; t < lists.Length; t++)
        {
            lists[t] = new int[sizes[t]];
            sizes[t] = 0;
        }

        for (int i = 0; i < count; i++)
        {
            int k = selection is null ? i : selection[i];
            for (int j = techStart[k]; j < techStart[k + 1]; j++)
            {
                if (j == techStart[k] || techIds[j] != techIds[j - 1])
                {
                    int t = techIds[j];
                    lists[t][sizes[t]++] = k;
                }
            }
        }

        return lists;
    }

    /// <summary>Aggregates the publications of one technology (units and pairs of that technology only), keyed like the cube.</summary>
    /// <param name="technology">An index of the cube's technologies.</param>
    /// <param name="keep">Whether the cells are the ones the cube keeps (counted in <see cref="Computed"/>).</param>
    /// <param name="tablePool">Null, or the tables of a pass that computes one technology after another.</param>
    private Dictionary<int, SliceData> Compute(int technology, bool keep, CubeAccumulator.TablePool? tablePool)
    {
        var cube = _cube!;
        string name = cube.TechnologyArray[technology];
        int id = Array.IndexOf(_corpus.Storage.TechnologyNames, name);
        if (id < 0)
        {
            throw new InvalidOperationException($"The corpus of the cube has no technology '{name}'.");
        }

        var view = new Corpus(_corpus.Storage, _publications.Value[id]);
        var content = CubeContent.Full with { AllTechnologySlices = false, Technology = name };
        var part = CubeEngine.BuildFromCorpus(view, _options, content, progress: null, CancellationToken.None, tablePool: tablePool);

        var map = UnitMap(cube, part, $"technology '{name}'");

        int partTechnology = Array.BinarySearch(part.TechnologyArray, name, StringComparer.Ordinal);
        var cells = new Dictionary<int, SliceData>();
        if (partTechnology >= 0)
        {
            foreach (var (key, cell) in part.Cells)
            {
                if (key.Technology == partTechnology)
                {
                    cells.Add(key.Year, cell.Remap(map));
                }
            }
        }

        if (keep)
        {
            Interlocked.Increment(ref _computed);
        }

        return cells;
    }
}
