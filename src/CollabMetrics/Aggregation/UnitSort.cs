namespace CollabMetrics.Aggregation;

/// <summary>
/// Sorting and searching arrays of <see cref="Unit"/>s in the library's own code. <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/>
/// over units, and a <see cref="Dictionary{TKey, TValue}"/> keyed by them, are CoreLib's generic code instantiated over a
/// type of this library: no ReadyToRun image holds that code, so every run of the tool compiled a dozen such methods
/// (some fully optimized) before its first table. This code is precompiled with the library.
/// </summary>
internal static class UnitSort
{
    private const int InsertionLength = 16;

    /// <summary>Sorts <paramref name="units"/> (distinct) ascending, and <paramref name="items"/> alike, as <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/> does.</summary>
    /// <param name="units">The keys, distinct.</param>
    /// <param name="items">One item per unit, moved with it.</param>
    internal static void Sort(Unit[] units, int[] items)
    {
        if (items.Length != units.Length)
        {
            throw new ArgumentException($"There are {items.Length} items for {units.Length} units.", nameof(items));
        }

        int n = units.Length;
        if (n < 2)
        {
            return;
        }

        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        MergeSort(units, order, new int[n], 0, n);
        var sortedUnits = new Unit[n];
        var sortedItems = new int[n];
        for (int i = 0; i < n; i++)
        {
            sortedUnits[i] = units[order[i]];
            sortedItems[i] = items[order[i]];
        }

        Array.Copy(sortedUnits, units, n);
        Array.Copy(sortedItems, items, n);
    }

    /// <summary>The index of <paramref name="unit"/> in <paramref name="sorted"/> (ascending, distinct), or -1.</summary>
    internal static int IndexOf(Unit[] sorted, Unit unit)
    {
        int low = 0, high = sorted.Length - 1;
        while (low <= high)
        {
            int mid = (int)((uint)(low + high) >> 1);
            int c = sorted[mid].CompareTo(unit);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>Sorts the positions <paramref name="order"/>[from..to) by their units: a merge sort, insertion sort on short runs.</summary>
    private static void MergeSort(Unit[] units, int[] order, int[] buffer, int from, int to)
    {
        if (to - from <= InsertionLength)
        {
            for (int i = from + 1; i < to; i++)
            {
                int moving = order[i];
                int j = i - 1;
                while (j >= from && units[order[j]].CompareTo(units[moving]) > 0)
                {
                    order[j + 1] = order[j];
                    j--;
                }

                order[j + 1] = moving;
            }

            return;
        }

        int mid = (int)((uint)(from + to) >> 1);
        MergeSort(units, order, buffer, from, mid);
        MergeSort(units, order, buffer, mid, to);
        if (units[order[mid - 1]].CompareTo(units[order[mid]]) <= 0)
        {
            return;
        }

        Array.Copy(order, from, buffer, from, to - from);
        int a = from, b = mid, k = from;
        while (a < mid && b < to)
        {
            order[k++] = units[buffer[b]].CompareTo(units[buffer[a]]) < 0 ? buffer[b++] : buffer[a++];
        }

        while (a < mid)
        {
            order[k++] = buffer[a++];
        }

        while (b < to)
        {
            order[k++] = buffer[b++];
        }
    }
}
