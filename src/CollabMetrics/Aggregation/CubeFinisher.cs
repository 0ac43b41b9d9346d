namespace CollabMetrics.Aggregation;

/// <summary>Turns the accumulated tables into an immutable <see cref="CollaborationCube"/> with sorted cells.</summary>
internal static class CubeFinisher
{
    private const int UnitMask = (1 << CubeAccumulator.UnitBits) - 1;

    internal static CollaborationCube ToCube(CubeAccumulator acc, AggregationOptions options, Func<int, Unit> unitOf, Func<int, string> technologyOf)
    {
        // Units present, sorted; the cube index of each engine id.
        int maxId = 0;
        foreach (var year in acc.Years)
        {
            var keys = year.Units.Keys;
            for (int i = 0; i < year.Units.Count; i++)
            {
                maxId = Math.Max(maxId, (int)(keys[i] & UnitMask));
            }
        }

        var cubeIndex = new int[maxId + 1];
        Array.Fill(cubeIndex, -1);
        var ids = new List<int>();
        foreach (var year in acc.Years)
        {
            var keys = year.Units.Keys;
            for (int i = 0; i < year.Units.Count; i++)
            {
                int id = (int)(keys[i] & UnitMask);
                if (cubeIndex[id] < 0)
                {
                    cubeIndex[id] = 0;
                    ids.Add(id);
                }
            }
        }

        var units = new Unit[ids.Count];
        var idArray = ids.ToArray();
        for (int i = 0; i < units.Length; i++)
        {
            units[i] = unitOf(idArray[i]);
        }

        Array.Sort(units, idArray);
        for (int i = 0; i < idArray.Length; i++)
        {
            cubeIndex[idArray[i]] = i;
        }

        // Technologies present, sorted ordinally.
        var slotNames = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var year in acc.Years)
        {
            for (int slot = 1; slot < year.SlotCount; slot++)
            {
                if (year.Slices[slot * CubeAccumulator.SliceStride] != 0)
                {
                    slotNames.TryAdd(technologyOf(slot), slot);
                }
            }
        }

        var technologies = new string[slotNames.Count];
        var technologyOfSlot = new Dictionary<int, int>();
        int t = 0;
        foreach (var (name, slot) in slotNames)
        {
            technologies[t] = name;
            technologyOfSlot[slot] = t++;
        }

        var cells = new Dictionary<(int Year, int Technology), SliceData>();
        foreach (var year in acc.Years)
        {
            AddYear(year, cubeIndex, technologyOfSlot, cells);
        }

        return new CollaborationCube(options, acc.Diagnostics(), units, technologies, cells);
    }

    private static void AddYear(CubeAccumulator.YearCells year, int[] cubeIndex, Dictionary<int, int> technologyOfSlot, Dictionary<(int Year, int Technology), SliceData> cells)
    {
        // Rows sorted by (slot, unit) and (slot, a, b) in cube indices.
        int unitRows = year.Units.Count;
        var unitKeys = year.Units.Keys;
        var unitOrder = new long[unitRows];
        var unitRowOf = new int[unitRows];
        for (int i = 0; i < unitRows; i++)
        {
            long key = unitKeys[i];
            unitOrder[i] = ((key >> CubeAccumulator.UnitBits) << 32) | (uint)cubeIndex[(int)(key & UnitMask)];
            unitRowOf[i] = i;
        }

        Array.Sort(unitOrder, unitRowOf);

        int pairRows = year.Pairs.Count;
        var pairKeys = year.Pairs.Keys;
        var pairOrder = new long[pairRows];
        var pairRowOf = new int[pairRows];
        for (int i = 0; i < pairRows; i++)
        {
            long key = pairKeys[i];
            int a = cubeIndex[(int)((key >> CubeAccumulator.UnitBits) & UnitMask)];
            int b = cubeIndex[(int)(key & UnitMask)];
            if (a > b)
            {
                (a, b) = (b, a);
            }

            pairOrder[i] = ((key >> (2 * CubeAccumulator.UnitBits)) << (2 * CubeAccumulator.UnitBits)) | ((long)a << CubeAccumulator.UnitBits) | (uint)b;
            pairRowOf[i] = i;
        }

        Array.Sort(pairOrder, pairRowOf);

        var unitValues = year.Units.Values;
        var pairValues = year.Pairs.Values;
        int u = 0, p = 0;
        for (int slot = 0; slot < year.SlotCount; slot++)
        {
            int u0 = u;
            while (u < unitRows && (int)(unitOrder[u] >> 32) == slot)
            {
                u++;
            }

            int p0 = p;
            while (p < pairRows && (int)(pairOrder[p] >> (2 * CubeAccumulator.UnitBits)) == slot)
            {
                p++;
            }

            int so = slot * CubeAccumulator.SliceStride;
            if (year.Slices[so] == 0)
            {
                continue;
            }

            var cellUnits = new int[u - u0];
            var cellUnitValues = new double[cellUnits.Length * SliceData.UnitStride];
            for (int r = u0; r < u; r++)
            {
                cellUnits[r - u0] = (int)(unitOrder[r] & 0xFFFF_FFFF);
                Array.Copy(unitValues, unitRowOf[r] * SliceData.UnitStride, cellUnitValues, (r - u0) * SliceData.UnitStride, SliceData.UnitStride);
            }

            var cellPairs = new long[p - p0];
            var cellPairValues = new double[cellPairs.Length * SliceData.PairStride];
            for (int r = p0; r < p; r++)
            {
                long key = pairOrder[r];
                cellPairs[r - p0] = SliceData.PairKey((int)((key >> CubeAccumulator.UnitBits) & UnitMask), (int)(key & UnitMask));
                Array.Copy(pairValues, pairRowOf[r] * SliceData.PairStride, cellPairValues, (r - p0) * SliceData.PairStride, SliceData.PairStride);
            }

            var cellKey = (year.Year, slot == 0 ? CollaborationCube.AllTechnologies : technologyOfSlot[slot]);
            cells.Add(cellKey, new SliceData(year.Slices[so], year.Slices[so + 1], year.Slices[so + 2], cellUnits, cellUnitValues, cellPairs, cellPairValues));
        }
    }
}
