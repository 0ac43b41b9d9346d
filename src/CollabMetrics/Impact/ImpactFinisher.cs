using CollabMetrics.Aggregation;

namespace CollabMetrics.Impact;

/// <summary>Turns an <see cref="ImpactAccumulator"/> into immutable <see cref="ImpactStatistics"/> with sorted cells.</summary>
internal static class ImpactFinisher
{
    private const long UnitMask = (1L << CubeAccumulator.UnitBits) - 1;

    internal static ImpactStatistics ToStatistics(
        ImpactAccumulator acc, AggregationOptions options, ImpactScoring scoring, bool byReferenceClass, Func<int, Unit> unitOf, Func<int, string> technologyOf)
    {
        // Units present, sorted; the statistics index of each engine id.
        var ids = new List<int>();
        var seen = new HashSet<int>();
        foreach (var year in acc.Years)
        {
            var keys = year.Units.Keys;
            for (int i = 0; i < year.Units.Count; i++)
            {
                int id = (int)((keys[i] >> ImpactAccumulator.UnitShift) & UnitMask);
                if (seen.Add(id))
                {
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
        int maxId = 0;
        foreach (int id in idArray)
        {
            maxId = Math.Max(maxId, id);
        }

        var indexOf = new int[maxId + 1];
        for (int i = 0; i < idArray.Length; i++)
        {
            indexOf[idArray[i]] = i;
        }

        // Technologies present, sorted ordinally.
        var slotNames = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var year in acc.Years)
        {
            var keys = year.Reference.Keys;
            for (int i = 0; i < year.Reference.Count; i++)
            {
                int slot = (int)(keys[i] >> ImpactAccumulator.ValueBits);
                if (slot > 0)
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

        var cells = new Dictionary<(int Year, int Technology), ReferenceCell>();
        foreach (var year in acc.Years)
        {
            AddYear(year, indexOf, technologyOfSlot, cells);
        }

        return new ImpactStatistics(options, scoring, byReferenceClass, acc.Diagnostics(), acc.CubeDiagnostics(), units, technologies, cells);
    }

    private static void AddYear(
        ImpactAccumulator.YearTables year, int[] indexOf, Dictionary<int, int> technologyOfSlot,
        Dictionary<(int Year, int Technology), ReferenceCell> cells)
    {
        // Rank of each value id by value, so that sorting by rank sorts by value.
        int valueCount = year.Values.Count;
        var valueKeys = new long[valueCount];
        var rankOf = new int[valueCount];
        var byRank = new int[valueCount];
        Array.Copy(year.Values.Keys, valueKeys, valueCount);
        for (int v = 0; v < valueCount; v++)
        {
            byRank[v] = v;
        }

        Array.Sort(valueKeys, byRank);
        for (int r = 0; r < valueCount; r++)
        {
            rankOf[byRank[r]] = r;
        }

        // Reference rows sorted by (slot, rank).
        var reference = year.Reference;
        var referenceOrder = new long[reference.Count];
        var referenceRow = new int[reference.Count];
        for (int i = 0; i < reference.Count; i++)
        {
            long key = reference.Keys[i];
            referenceOrder[i] = ((key >> ImpactAccumulator.ValueBits) << ImpactAccumulator.ValueBits) | (uint)rankOf[key & ImpactAccumulator.ValueMask];
            referenceRow[i] = i;
        }

        Array.Sort(referenceOrder, referenceRow);

        // Unit rows sorted by (slot, unit index, rank).
        var unitTable = year.Units;
        var unitOrder = new long[unitTable.Count];
        var unitRow = new int[unitTable.Count];
        for (int i = 0; i < unitTable.Count; i++)
        {
            long key = unitTable.Keys[i];
            long slot = key >> ImpactAccumulator.SlotShift;
            int unit = indexOf[(int)((key >> ImpactAccumulator.UnitShift) & UnitMask)];
            unitOrder[i] = (slot << ImpactAccumulator.SlotShift) | ((long)unit << ImpactAccumulator.UnitShift) | (uint)rankOf[key & ImpactAccumulator.ValueMask];
            unitRow[i] = i;
        }

        Array.Sort(unitOrder, unitRow);

        // Pair rows sorted by (slot, a, b) in statistics indices with a < b; then pair histogram rows by (row rank, value rank).
        var pairRows = year.PairRows;
        var pairTable = year.Pairs;
        var rowOrder = new long[pairRows.Count];
        var rowOf = new int[pairRows.Count];
        for (int r = 0; r < pairRows.Count; r++)
        {
            long rowKey = pairRows.Keys[r];
            int a = indexOf[(int)((rowKey >> CubeAccumulator.UnitBits) & UnitMask)];
            int b = indexOf[(int)(rowKey & UnitMask)];
            if (a > b)
            {
                (a, b) = (b, a);
            }

            rowOrder[r] = ((rowKey >> (2 * CubeAccumulator.UnitBits)) << (2 * CubeAccumulator.UnitBits)) | ((long)a << CubeAccumulator.UnitBits) | (uint)b;
            rowOf[r] = r;
        }

        Array.Sort(rowOrder, rowOf);
        var rowRank = new int[pairRows.Count];
        for (int r = 0; r < rowOf.Length; r++)
        {
            rowRank[rowOf[r]] = r;
        }

        var pairOrder = new long[pairTable.Count];
        var pairRow = new int[pairTable.Count];
        for (int i = 0; i < pairTable.Count; i++)
        {
            long key = pairTable.Keys[i];
            pairOrder[i] = ((long)rowRank[key >> ImpactAccumulator.ValueBits] << ImpactAccumulator.ValueBits) | (uint)rankOf[key & ImpactAccumulator.ValueMask];
            pairRow[i] = i;
        }

        Array.Sort(pairOrder, pairRow);

        var positionOfRank = new int[valueCount];
        int rr = 0, ur = 0, pr = 0;
        while (rr < referenceOrder.Length)
        {
            long slot = referenceOrder[rr] >> ImpactAccumulator.ValueBits;

            // Values of the slot's reference set(s).
            int r0 = rr;
            while (rr < referenceOrder.Length && referenceOrder[rr] >> ImpactAccumulator.ValueBits == slot)
            {
                rr++;
            }

            var values = new long[rr - r0];
            var counts = new double[values.Length];
            var weighted = new double[values.Length];
            var referenceValues = reference.Values;
            for (int i = r0; i < rr; i++)
            {
                int rank = (int)(referenceOrder[i] & ImpactAccumulator.ValueMask);
                positionOfRank[rank] = i - r0;
                values[i - r0] = valueKeys[rank];
                counts[i - r0] = referenceValues[referenceRow[i] * ImpactAccumulator.ReferenceStride];
                weighted[i - r0] = referenceValues[(referenceRow[i] * ImpactAccumulator.ReferenceStride) + 1];
            }

            // Units of the slot.
            var units = new List<int>();
            var unitStart = new List<int>();
            int u0 = ur;
            while (ur < unitOrder.Length && unitOrder[ur] >> ImpactAccumulator.SlotShift == slot)
            {
                int unit = (int)((unitOrder[ur] >> ImpactAccumulator.UnitShift) & UnitMask);
                if (units.Count == 0 || units[^1] != unit)
                {
                    units.Add(unit);
                    unitStart.Add(ur - u0);
                }

                ur++;
            }

            unitStart.Add(ur - u0);
            var unitValue = new int[ur - u0];
            var unitStats = new double[unitValue.Length * ReferenceCell.UnitStride];
            for (int i = u0; i < ur; i++)
            {
                unitValue[i - u0] = positionOfRank[(int)(unitOrder[i] & ImpactAccumulator.ValueMask)];
                Array.Copy(unitTable.Values, unitRow[i] * ReferenceCell.UnitStride, unitStats, (i - u0) * ReferenceCell.UnitStride, ReferenceCell.UnitStride);
            }

            // Pairs of the slot.
            var pairs = new List<long>();
            var pairStart = new List<int>();
            int p0 = pr;
            while (pr < pairOrder.Length && rowOrder[pairOrder[pr] >> ImpactAccumulator.ValueBits] >> (2 * CubeAccumulator.UnitBits) == slot)
            {
                long pair = rowOrder[pairOrder[pr] >> ImpactAccumulator.ValueBits];
                var key = ReferenceCell.PairKey((int)((pair >> CubeAccumulator.UnitBits) & UnitMask), (int)(pair & UnitMask));
                if (pairs.Count == 0 || pairs[^1] != key)
                {
                    pairs.Add(key);
                    pairStart.Add(pr - p0);
                }

                pr++;
            }

            pairStart.Add(pr - p0);
            var pairValue = new int[pr - p0];
            var pairStats = new double[pairValue.Length];
            for (int i = p0; i < pr; i++)
            {
                pairValue[i - p0] = positionOfRank[(int)(pairOrder[i] & ImpactAccumulator.ValueMask)];
                pairStats[i - p0] = pairTable.Values[pairRow[i]];
            }

            var cellKey = (year.Year, slot == 0 ? ImpactStatistics.AllTechnologies : technologyOfSlot[(int)slot]);
            cells.Add(cellKey, new ReferenceCell(
                values, counts, weighted, [.. units], [.. unitStart], unitValue, unitStats, [.. pairs], [.. pairStart], pairValue, pairStats));
        }
    }
}
