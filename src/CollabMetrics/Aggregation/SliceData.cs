namespace CollabMetrics.Aggregation;

/// <summary>
/// The counts of one (year, technology) cell of a cube, or of a sum of cells, in sorted arrays: units by cube index,
/// pairs by packed (a, b) with a &lt; b. Immutable once built. Every value is a <see cref="FixedPoint"/> sum, so cells
/// add up exactly (windows, all years, merged cubes) and are read as doubles only when asked.
/// </summary>
internal sealed class SliceData
{
    internal const int UnitStride = 7;
    internal const int PairStride = 5;

    internal static readonly SliceData Empty = new(0, 0, 0, [], [], [], []);

    internal SliceData(Int128 n, Int128 nInternational, Int128 links, int[] unitIndex, Int128[] unitValues, long[] pairKeys, Int128[] pairValues)
    {
        ExactN = n;
        ExactNInternational = nInternational;
        ExactLinks = links;
        UnitIndex = unitIndex;
        UnitValues = unitValues;
        PairKeys = pairKeys;
        PairValues = pairValues;
    }

    internal Int128 ExactN { get; }

    internal Int128 ExactNInternational { get; }

    internal Int128 ExactLinks { get; }

    internal double N => FixedPoint.ToDouble(ExactN);

    internal double NInternational => FixedPoint.ToDouble(ExactNInternational);

    internal double Links => FixedPoint.ToDouble(ExactLinks);

    /// <summary>Cube unit indices, ascending.</summary>
    internal int[] UnitIndex { get; }

    /// <summary><see cref="UnitStride"/> values per unit: P, F, E, I, C_i, SCP, MCP.</summary>
    internal Int128[] UnitValues { get; }

    /// <summary>Pairs as <c>(long)a &lt;&lt; 32 | b</c> with a &lt; b, ascending.</summary>
    internal long[] PairKeys { get; }

    /// <summary><see cref="PairStride"/> values per pair: Full, CountrySet, Author, AuthorRefined, Nature Index score.</summary>
    internal Int128[] PairValues { get; }

    /// <summary>Value <paramref name="field"/> of unit row <paramref name="row"/>, as a double.</summary>
    internal double UnitValue(int row, int field) => FixedPoint.ToDouble(UnitValues[(row * UnitStride) + field]);

    /// <summary>Value <paramref name="field"/> of pair row <paramref name="row"/>, as a double.</summary>
    internal double PairValue(int row, int field) => FixedPoint.ToDouble(PairValues[(row * PairStride) + field]);

    internal static long PairKey(int a, int b) => ((long)a << 32) | (uint)b;

    internal static int PairFirst(long key) => (int)(key >> 32);

    internal static int PairSecond(long key) => (int)(key & 0xFFFF_FFFF);

    internal int FindUnit(int index) => Array.BinarySearch(UnitIndex, index);

    internal int FindPair(int a, int b) => Array.BinarySearch(PairKeys, PairKey(a, b));

    /// <summary>Element-wise sum of two cells, merging the sorted arrays: exact, so the order of the cells does not matter.</summary>
    internal static SliceData Add(SliceData x, SliceData y)
    {
        if (ReferenceEquals(x, Empty))
        {
            return y;
        }

        if (ReferenceEquals(y, Empty))
        {
            return x;
        }

        // Units.
        var ui = new int[x.UnitIndex.Length + y.UnitIndex.Length];
        var uv = new Int128[ui.Length * UnitStride];
        int i = 0, j = 0, count = 0;
        while (i < x.UnitIndex.Length || j < y.UnitIndex.Length)
        {
            int xi = i < x.UnitIndex.Length ? x.UnitIndex[i] : int.MaxValue;
            int yj = j < y.UnitIndex.Length ? y.UnitIndex[j] : int.MaxValue;
            int o = count * UnitStride;
            if (xi < yj)
            {
                ui[count] = xi;
                Array.Copy(x.UnitValues, i * UnitStride, uv, o, UnitStride);
                i++;
            }
            else if (yj < xi)
            {
                ui[count] = yj;
                Array.Copy(y.UnitValues, j * UnitStride, uv, o, UnitStride);
                j++;
            }
            else
            {
                ui[count] = xi;
                for (int v = 0; v < UnitStride; v++)
                {
                    uv[o + v] = FixedPoint.Add(x.UnitValues[(i * UnitStride) + v], y.UnitValues[(j * UnitStride) + v]);
                }

                i++;
                j++;
            }

            count++;
        }

        Array.Resize(ref ui, count);
        Array.Resize(ref uv, count * UnitStride);

        // Pairs.
        var pk = new long[x.PairKeys.Length + y.PairKeys.Length];
        var pv = new Int128[pk.Length * PairStride];
        i = 0;
        j = 0;
        count = 0;
        while (i < x.PairKeys.Length || j < y.PairKeys.Length)
        {
            long xi = i < x.PairKeys.Length ? x.PairKeys[i] : long.MaxValue;
            long yj = j < y.PairKeys.Length ? y.PairKeys[j] : long.MaxValue;
            int o = count * PairStride;
            if (xi < yj)
            {
                pk[count] = xi;
                Array.Copy(x.PairValues, i * PairStride, pv, o, PairStride);
                i++;
            }
            else if (yj < xi)
            {
                pk[count] = yj;
                Array.Copy(y.PairValues, j * PairStride, pv, o, PairStride);
                j++;
            }
            else
            {
                pk[count] = xi;
                for (int v = 0; v < PairStride; v++)
                {
                    pv[o + v] = FixedPoint.Add(x.PairValues[(i * PairStride) + v], y.PairValues[(j * PairStride) + v]);
                }

                i++;
                j++;
            }

            count++;
        }

        Array.Resize(ref pk, count);
        Array.Resize(ref pv, count * PairStride);
        return new SliceData(x.ExactN + y.ExactN, x.ExactNInternational + y.ExactNInternational, x.ExactLinks + y.ExactLinks, ui, uv, pk, pv);
    }

    /// <summary>The same cell with unit indices renumbered by a monotone map (old index to new index).</summary>
    internal SliceData Remap(int[] map)
    {
        var ui = new int[UnitIndex.Length];
        for (int i = 0; i < ui.Length; i++)
        {
            ui[i] = map[UnitIndex[i]];
        }

        var pk = new long[PairKeys.Length];
        for (int i = 0; i < pk.Length; i++)
        {
            pk[i] = PairKey(map[PairFirst(PairKeys[i])], map[PairSecond(PairKeys[i])]);
        }

        return new SliceData(ExactN, ExactNInternational, ExactLinks, ui, UnitValues, pk, PairValues);
    }
}
