namespace CollabMetrics.Aggregation;

/// <summary>
/// Turns the accumulated tables into an immutable <see cref="CollaborationCube"/> with sorted cells, in two steps: a
/// year's hash tables become compact sorted cells keyed by engine ids as soon as the year is aggregated
/// (<see cref="FinishYear"/>, which releases the tables), and when every year is done the cells are renumbered into
/// the cube's sorted units (<see cref="ToCube(IReadOnlyList{FinishedYear}, CubeDiagnostics, AggregationOptions, Func{int, Unit}, Func{int, string}, CubeContent, bool)"/>).
/// So the hash tables of every year are never in memory at once next to the cube.
/// </summary>
internal static class CubeFinisher
{
    private const int UnitMask = (1 << CubeAccumulator.UnitBits) - 1;

    internal static CollaborationCube ToCube(CubeAccumulator acc, AggregationOptions options, Func<int, Unit> unitOf, Func<int, string> technologyOf) =>
        ToCube(acc, options, unitOf, technologyOf, CubeContent.Full);

    /// <summary>The cube of <paramref name="acc"/>, computed with <paramref name="content"/>; each year's tables are released as it is converted.</summary>
    /// <param name="acc">The accumulator.</param>
    /// <param name="options">The options.</param>
    /// <param name="unitOf">The unit of an engine id, or of a rank when <paramref name="rank"/> is given.</param>
    /// <param name="technologyOf">The technology of a slot.</param>
    /// <param name="content">What the accumulator holds.</param>
    /// <param name="rank">Null, or the rank of each engine id in the cube's order of units (see <see cref="FinishYear"/>).</param>
    internal static CollaborationCube ToCube(CubeAccumulator acc, AggregationOptions options, Func<int, Unit> unitOf, Func<int, string> technologyOf, CubeContent content, int[]? rank = null)
    {
        var years = new List<FinishedYear>(acc.Years.Count);
        foreach (var year in acc.Years)
        {
            years.Add(FinishYear(year, content, rank));
        }

        return ToCube(years, acc.Diagnostics(), options, unitOf, technologyOf, content, ranked: rank is not null);
    }

    /// <summary>
    /// The cells of one aggregated year, keyed by engine ids (units ascending; pairs as <see cref="SliceData.PairKey"/>
    /// of engine ids a &lt; b, ascending), and releases the year's hash tables.
    /// </summary>
    /// <param name="year">The year's tables.</param>
    /// <param name="content">What the tables hold: the unit and pair values computed (the others read as NaN).</param>
    /// <param name="rank">
    /// Null, or the position of each engine id among all the units the build can meet sorted as the cube sorts them:
    /// the cells are then keyed by these ranks, and the cube renumbers them without sorting or copying values.
    /// </param>
    internal static FinishedYear FinishYear(CubeAccumulator.YearCells year, CubeContent content, int[]? rank = null)
    {
        int unitMask = content.UnitValues, pairMask = content.PairValues;
        int unitRows = year.Units.Count;
        var unitTable = year.Units;
        var unitOrder = new long[unitRows];
        var unitRowOf = new int[unitRows];
        for (int i = 0; i < unitRows; i++)
        {
            long key = unitTable.Key(i);
            unitOrder[i] = rank is null ? key : (key & ~(long)UnitMask) | (uint)rank[(int)(key & UnitMask)];
            unitRowOf[i] = i;
        }

        Array.Sort(unitOrder, unitRowOf);

        int pairRows = year.Pairs.Count;
        var pairOrder = new long[pairRows];
        var pairRowOf = new int[pairRows];
        var pairTable = year.Pairs;
        for (int i = 0; i < pairRows; i++)
        {
            long key = pairTable.Key(i);
            if (rank is not null)
            {
                int a = rank[(int)((key >> CubeAccumulator.UnitBits) & UnitMask)], b = rank[(int)(key & UnitMask)];
                if (a > b)
                {
                    (a, b) = (b, a);
                }

                key = ((key >> (2 * CubeAccumulator.UnitBits)) << (2 * CubeAccumulator.UnitBits)) | ((long)a << CubeAccumulator.UnitBits) | (uint)b;
            }

            pairOrder[i] = key;
            pairRowOf[i] = i;
        }

        Array.Sort(pairOrder, pairRowOf);

        var slices = new Fixed128[year.SlotCount * CubeAccumulator.SliceStride];
        Array.Copy(year.Slices, slices, slices.Length);
        var cells = new SliceData?[year.SlotCount];
        int u = 0, p = 0;
        for (int slot = 0; slot < year.SlotCount; slot++)
        {
            int u0 = u;
            while (u < unitRows && (int)(unitOrder[u] >> CubeAccumulator.UnitBits) == slot)
            {
                u++;
            }

            int p0 = p;
            while (p < pairRows && (int)(pairOrder[p] >> (2 * CubeAccumulator.UnitBits)) == slot)
            {
                p++;
            }

            int so = slot * CubeAccumulator.SliceStride;
            if (slices[so] == Fixed128.Zero)
            {
                continue;
            }

            var cellUnits = new int[u - u0];
            var cellUnitValues = new ExactValues.Builder(cellUnits.Length * SliceData.UnitStride);
            for (int r = u0; r < u; r++)
            {
                cellUnits[r - u0] = (int)(unitOrder[r] & UnitMask);
                int row = unitRowOf[r];
                if (unitMask == CubeContent.AllUnitValues)
                {
                    for (int v = 0; v < unitTable.Stride; v++)
                    {
                        cellUnitValues.Add(unitTable.Read(unitTable.Sum(row, v)));
                    }

                    continue;
                }

                int from = 0;
                for (int v = 0; v < SliceData.UnitStride; v++)
                {
                    cellUnitValues.Add((unitMask & (1 << v)) != 0 ? unitTable.Read(unitTable.Sum(row, from++)) : FixedPoint.NaN);
                }
            }

            var cellPairs = new long[p - p0];
            var cellPairValues = new ExactValues.Builder(cellPairs.Length * SliceData.PairStride);
            for (int r = p0; r < p; r++)
            {
                long key = pairOrder[r];
                cellPairs[r - p0] = SliceData.PairKey((int)((key >> CubeAccumulator.UnitBits) & UnitMask), (int)(key & UnitMask));

                // Values not computed read as NaN: never a number that could pass for a count.
                int row = pairRowOf[r];
                int from = 0;
                for (int v = 0; v < SliceData.PairStride; v++)
                {
                    cellPairValues.Add((pairMask & (1 << v)) != 0 ? pairTable.Read(pairTable.Sum(row, from++)) : FixedPoint.NaN);
                }
            }

            cells[slot] = new SliceData(slices[so], slices[so + 1], slices[so + 2], cellUnits, cellUnitValues.ToValues(), cellPairs, cellPairValues.ToValues());
        }

        year.Release();
        return new FinishedYear(year.Year, slices, cells);
    }

    /// <summary>The cube of finished years: units present sorted and numbered, technologies present sorted, every cell renumbered.</summary>
    /// <param name="years">The finished years.</param>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <param name="options">The options.</param>
    /// <param name="unitOf">The unit of an id of the cells (an engine id, or a rank when <paramref name="ranked"/>).</param>
    /// <param name="technologyOf">The technology of a slot.</param>
    /// <param name="content">What the cells hold.</param>
    /// <param name="ranked">Whether the cells are keyed by ranks in the cube's unit order (<see cref="FinishYear"/>): renumbering is then monotone.</param>
    internal static CollaborationCube ToCube(IReadOnlyList<FinishedYear> years, CubeDiagnostics diagnostics, AggregationOptions options, Func<int, Unit> unitOf, Func<int, string> technologyOf, CubeContent content, bool ranked = false)
    {
        // Units present (in unit counts, and in pairs when units are not counted), sorted; the cube index of each engine id.
        int maxId = 0;
        foreach (var year in years)
        {
            foreach (var cell in year.Cells)
            {
                if (cell is null)
                {
                    continue;
                }

                foreach (int id in cell.UnitIndex)
                {
                    maxId = Math.Max(maxId, id);
                }

                if (!content.Units)
                {
                    foreach (long key in cell.PairKeys)
                    {
                        maxId = Math.Max(maxId, Math.Max(SliceData.PairFirst(key), SliceData.PairSecond(key)));
                    }
                }
            }
        }

        var cubeIndex = new int[maxId + 1];
        Array.Fill(cubeIndex, -1);
        var ids = new List<int>();
        foreach (var year in years)
        {
            foreach (var cell in year.Cells)
            {
                if (cell is null)
                {
                    continue;
                }

                foreach (int id in cell.UnitIndex)
                {
                    AddId(id);
                }

                if (!content.Units)
                {
                    foreach (long key in cell.PairKeys)
                    {
                        AddId(SliceData.PairFirst(key));
                        AddId(SliceData.PairSecond(key));
                    }
                }
            }
        }

        void AddId(int id)
        {
            if (cubeIndex[id] < 0)
            {
                cubeIndex[id] = 0;
                ids.Add(id);
            }
        }

        int[] idArray;
        if (ranked)
        {
            // Ids are ranks in the cube's order of units: the units present are in that order already.
            idArray = new int[ids.Count];
            int at = 0;
            for (int id = 0; id < cubeIndex.Length; id++)
            {
                if (cubeIndex[id] >= 0)
                {
                    idArray[at++] = id;
                }
            }
        }
        else
        {
            idArray = ids.ToArray();
        }

        var units = new Unit[idArray.Length];
        for (int i = 0; i < units.Length; i++)
        {
            units[i] = unitOf(idArray[i]);
        }

        if (!ranked)
        {
            UnitSort.Sort(units, idArray);
        }

        for (int i = 0; i < idArray.Length; i++)
        {
            cubeIndex[idArray[i]] = i;
        }

        // Technologies present, sorted ordinally.
        var technologies = Technologies(years, technologyOf, out var technologyOfSlot);

        var cells = new Dictionary<(int Year, int Technology), SliceData>();
        foreach (var year in years)
        {
            for (int slot = 0; slot < year.Cells.Length; slot++)
            {
                if (year.Cells[slot] is { } cell)
                {
                    cells.Add((year.Year, slot == 0 ? CollaborationCube.AllTechnologies : technologyOfSlot![slot]), ranked ? cell.RemapOwned(cubeIndex) : Renumber(cell, cubeIndex));
                    year.Cells[slot] = null;
                }
            }
        }

        return new CollaborationCube(options, diagnostics, units, technologies, cells, content);
    }

    /// <summary>The technologies of the finished years' cells, sorted ordinally, and the index of each slot's among them (null when there are none).</summary>
    private static string[] Technologies(IReadOnlyList<FinishedYear> years, Func<int, string> technologyOf, out Dictionary<int, int>? technologyOfSlot)
    {
        technologyOfSlot = null;
        SortedDictionary<string, int>? slotNames = null;
        foreach (var year in years)
        {
            for (int slot = 1; slot < year.Cells.Length; slot++)
            {
                if (year.Cells[slot] is not null)
                {
                    (slotNames ??= new SortedDictionary<string, int>(StringComparer.Ordinal)).TryAdd(technologyOf(slot), slot);
                }
            }
        }

        if (slotNames is null)
        {
            return [];
        }

        var technologies = new string[slotNames.Count];
        technologyOfSlot = [];
        int t = 0;
        foreach (var (name, slot) in slotNames)
        {
            technologies[t] = name;
            technologyOfSlot[slot] = t++;
        }

        return technologies;
    }

    /// <summary>A cell keyed by engine ids, renumbered to cube indices and sorted again.</summary>
    private static SliceData Renumber(SliceData cell, int[] cubeIndex)
    {
        int unitCount = cell.UnitIndex.Length;
        var unitIndex = new int[unitCount];
        var unitRowOf = new int[unitCount];
        for (int i = 0; i < unitCount; i++)
        {
            unitIndex[i] = cubeIndex[cell.UnitIndex[i]];
            unitRowOf[i] = i;
        }

        Array.Sort(unitIndex, unitRowOf);

        int pairCount = cell.PairKeys.Length;
        var pairKeys = new long[pairCount];
        var pairRowOf = new int[pairCount];
        for (int i = 0; i < pairCount; i++)
        {
            int a = cubeIndex[SliceData.PairFirst(cell.PairKeys[i])], b = cubeIndex[SliceData.PairSecond(cell.PairKeys[i])];
            pairKeys[i] = a < b ? SliceData.PairKey(a, b) : SliceData.PairKey(b, a);
            pairRowOf[i] = i;
        }

        Array.Sort(pairKeys, pairRowOf);

        return new SliceData(cell.ExactN, cell.ExactNInternational, cell.ExactLinks, unitIndex, Reorder(cell.Units, unitRowOf, SliceData.UnitStride), pairKeys, Reorder(cell.Pairs, pairRowOf, SliceData.PairStride));
    }

    /// <summary>The rows of <paramref name="values"/> (<paramref name="stride"/> values each) in the order <paramref name="rowOf"/> gives.</summary>
    private static ExactValues Reorder(ExactValues values, int[] rowOf, int stride)
    {
        var reordered = new ExactValues.Builder(rowOf.Length * stride);
        for (int i = 0; i < rowOf.Length; i++)
        {
            int from = rowOf[i] * stride;
            for (int v = 0; v < stride; v++)
            {
                reordered.Add(values.Exact(from + v));
            }
        }

        return reordered.ToValues();
    }
}

/// <summary>The cells of one year as <see cref="CubeFinisher.FinishYear"/> leaves them: per technology slot (0: all), or null for a slot without publications.</summary>
internal sealed class FinishedYear(int year, Fixed128[] slices, SliceData?[] cells)
{
    internal int Year { get; } = year;

    /// <summary>N, N_int, T per slot.</summary>
    internal Fixed128[] Slices { get; } = slices;

    internal SliceData?[] Cells { get; } = cells;
}
