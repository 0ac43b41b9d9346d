namespace CollabMetrics.Aggregation;

/// <summary>Turns the accumulated tables into an immutable <see cref="CollaborationCube"/> with sorted cells.</summary>
internal static class CubeFinisher
{
    private const int UnitMask = (1 << CubeAccumulator.UnitBits) - 1;

    internal static CollaborationCube ToCube(CubeAccumulator acc, AggregationOptions options, Func<int, Unit> unitOf, Func<int, string> technologyOf) =>
        ToCube(acc, options, unitOf, technologyOf, CubeContent.Full);

    /// <summary>
    /// The cube of <paramref name="acc"/>, computed with <paramref name="content"/>. The year tables of the accumulator
    /// are released as each year is converted, so that the accumulator and the cube are not both whole in memory.
    /// </summary>
    internal static CollaborationCube ToCube(CubeAccumulator acc, AggregationOptions options, Func<int, Unit> unitOf, Func<int, string> technologyOf, CubeContent content)
    {
        // Units present (in unit counts, and in pairs when units are not counted), sorted; the cube index of each engine id.
        int maxId = 0;
        foreach (var year in acc.Years)
        {
            var keys = year.Units.Keys;
            for (int i = 0; i < year.Units.Count; i++)
            {
                maxId = Math.Max(maxId, (int)(keys[i] & UnitMask));
            }

            if (!content.Units)
            {
                var pairKeys = year.Pairs.Keys;
                for (int i = 0; i < year.Pairs.Count; i++)
                {
                    maxId = Math.Max(maxId, Math.Max((int)(pairKeys[i] & UnitMask), (int)((pairKeys[i] >> CubeAccumulator.UnitBits) & UnitMask)));
                }
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
                AddId((int)(keys[i] & UnitMask));
            }

            if (!content.Units)
            {
                var pairKeys = year.Pairs.Keys;
                for (int i = 0; i < year.Pairs.Count; i++)
                {
                    AddId((int)(pairKeys[i] & UnitMask));
                    AddId((int)((pairKeys[i] >> CubeAccumulator.UnitBits) & UnitMask));
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
        var diagnostics = acc.Diagnostics();
        foreach (var year in acc.Years)
        {
            AddYear(year, cubeIndex, technologyOfSlot, cells, content.PairValues);
            year.Release();
        }

        return new CollaborationCube(options, diagnostics, units, technologies, cells, content);
    }

    private static void AddYear(CubeAccumulator.YearCells year, int[] cubeIndex, Dictionary<int, int> technologyOfSlot, Dictionary<(int Year, int Technology), SliceData> cells, int pairMask)
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
            var cellUnitValues = new Int128[cellUnits.Length * SliceData.UnitStride];
            for (int r = u0; r < u; r++)
            {
                cellUnits[r - u0] = (int)(unitOrder[r] & 0xFFFF_FFFF);
                Array.Copy(unitValues, unitRowOf[r] * SliceData.UnitStride, cellUnitValues, (r - u0) * SliceData.UnitStride, SliceData.UnitStride);
            }

            var cellPairs = new long[p - p0];
            var cellPairValues = new Int128[cellPairs.Length * SliceData.PairStride];
            int stride = year.Pairs.Stride;
            for (int r = p0; r < p; r++)
            {
                long key = pairOrder[r];
                cellPairs[r - p0] = SliceData.PairKey((int)((key >> CubeAccumulator.UnitBits) & UnitMask), (int)(key & UnitMask));
                if (pairMask == CubeContent.AllPairValues)
                {
                    Array.Copy(pairValues, pairRowOf[r] * SliceData.PairStride, cellPairValues, (r - p0) * SliceData.PairStride, SliceData.PairStride);
                    continue;
                }

                // Values not computed read as NaN: never a number that could pass for a count.
                int from = pairRowOf[r] * stride, to = (r - p0) * SliceData.PairStride;
                for (int v = 0; v < SliceData.PairStride; v++)
                {
                    cellPairValues[to + v] = (pairMask & (1 << v)) != 0 ? pairValues[from++] : FixedPoint.NaN;
                }
            }

            var cellKey = (year.Year, slot == 0 ? CollaborationCube.AllTechnologies : technologyOfSlot[slot]);
            cells.Add(cellKey, new SliceData(year.Slices[so], year.Slices[so + 1], year.Slices[so + 2], cellUnits, cellUnitValues, cellPairs, cellPairValues));
        }
    }
}
