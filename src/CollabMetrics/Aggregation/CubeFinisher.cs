namespace CollabMetrics.Aggregation;

/// <summary>Turns the accumulated tables into an immutable <see cref="CollaborationCube"/> with sorted cells.</summary>
internal static class CubeFinisher
{
    internal static CollaborationCube ToCube(CubeAccumulator acc, AggregationOptions options, Func<int, Unit> unitOf, Func<int, string> technologyOf)
    {
        const int unitMask = (1 << CubeAccumulator.UnitBits) - 1;

        // Units present, sorted; cube index of each engine id.
        var unitKeys = acc.Units.Keys;
        int unitRows = acc.Units.Count;
        int maxId = 0;
        for (int i = 0; i < unitRows; i++)
        {
            maxId = Math.Max(maxId, (int)(unitKeys[i] & unitMask));
        }

        var cubeIndex = new int[maxId + 1];
        Array.Fill(cubeIndex, -1);
        var ids = new List<int>();
        for (int i = 0; i < unitRows; i++)
        {
            int id = (int)(unitKeys[i] & unitMask);
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
        var sliceKeys = acc.Slices.Keys;
        int sliceCount = acc.Slices.Count;
        var slotNames = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < sliceCount; s++)
        {
            int slot = CubeAccumulator.TechnologySlotOf(sliceKeys[s]);
            if (slot != 0)
            {
                slotNames.TryAdd(technologyOf(slot), slot);
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

        // Rows sorted by (slice, unit) and (slice, a, b) in cube indices.
        var unitOrder = new long[unitRows];
        var unitRowOf = new int[unitRows];
        for (int i = 0; i < unitRows; i++)
        {
            long key = unitKeys[i];
            unitOrder[i] = ((key >> CubeAccumulator.UnitBits) << 32) | (uint)cubeIndex[(int)(key & unitMask)];
            unitRowOf[i] = i;
        }

        Array.Sort(unitOrder, unitRowOf);

        var pairKeys = acc.Pairs.Keys;
        int pairRows = acc.Pairs.Count;
        var pairOrder = new long[pairRows];
        var pairRowOf = new int[pairRows];
        for (int i = 0; i < pairRows; i++)
        {
            long key = pairKeys[i];
            int a = cubeIndex[(int)((key >> CubeAccumulator.UnitBits) & unitMask)];
            int b = cubeIndex[(int)(key & unitMask)];
            if (a > b)
            {
                (a, b) = (b, a);
            }

            pairOrder[i] = ((key >> (2 * CubeAccumulator.UnitBits)) << (2 * CubeAccumulator.UnitBits)) | ((long)a << CubeAccumulator.UnitBits) | (uint)b;
            pairRowOf[i] = i;
        }

        Array.Sort(pairOrder, pairRowOf);

        // Cut the sorted rows into cells.
        var cellUnitStart = new int[sliceCount + 1];
        foreach (long key in unitOrder)
        {
            cellUnitStart[(int)(key >> 32) + 1]++;
        }

        var cellPairStart = new int[sliceCount + 1];
        foreach (long key in pairOrder)
        {
            cellPairStart[(int)(key >> (2 * CubeAccumulator.UnitBits)) + 1]++;
        }

        for (int s = 0; s < sliceCount; s++)
        {
            cellUnitStart[s + 1] += cellUnitStart[s];
            cellPairStart[s + 1] += cellPairStart[s];
        }

        var unitValues = acc.Units.Values;
        var pairValues = acc.Pairs.Values;
        var sliceValues = acc.Slices.Values;
        var cells = new Dictionary<(int Year, int Technology), SliceData>(sliceCount);
        for (int s = 0; s < sliceCount; s++)
        {
            int u0 = cellUnitStart[s], u1 = cellUnitStart[s + 1];
            var cellUnits = new int[u1 - u0];
            var cellUnitValues = new double[cellUnits.Length * SliceData.UnitStride];
            for (int r = u0; r < u1; r++)
            {
                cellUnits[r - u0] = (int)(unitOrder[r] & 0xFFFF_FFFF);
                Array.Copy(unitValues, unitRowOf[r] * SliceData.UnitStride, cellUnitValues, (r - u0) * SliceData.UnitStride, SliceData.UnitStride);
            }

            int p0 = cellPairStart[s], p1 = cellPairStart[s + 1];
            var cellPairs = new long[p1 - p0];
            var cellPairValues = new double[cellPairs.Length * SliceData.PairStride];
            for (int r = p0; r < p1; r++)
            {
                long key = pairOrder[r];
                cellPairs[r - p0] = SliceData.PairKey((int)((key >> CubeAccumulator.UnitBits) & unitMask), (int)(key & unitMask));
                Array.Copy(pairValues, pairRowOf[r] * SliceData.PairStride, cellPairValues, (r - p0) * SliceData.PairStride, SliceData.PairStride);
            }

            int o = s * CubeAccumulator.SliceStride;
            int slot = CubeAccumulator.TechnologySlotOf(sliceKeys[s]);
            var cellKey = (CubeAccumulator.YearOf(sliceKeys[s]), slot == 0 ? CollaborationCube.AllTechnologies : technologyOfSlot[slot]);
            cells.Add(cellKey, new SliceData(sliceValues[o], sliceValues[o + 1], sliceValues[o + 2], cellUnits, cellUnitValues, cellPairs, cellPairValues));
        }

        return new CollaborationCube(options, acc.Diagnostics(), units, technologies, cells);
    }
}
