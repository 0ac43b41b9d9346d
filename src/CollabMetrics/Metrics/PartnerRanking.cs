namespace CollabMetrics.Metrics;

/// <summary>
/// The deterministic order of partners within a slice: partners with co-publications first, by the chosen index,
/// largest first (undefined values last), ties broken by the larger number of co-publications, then by unit code
/// (ordinal); partners without co-publications in the slice after them, by code. Only partners with co-publications
/// are ranked (<see cref="PartnerRow.Rank"/>).
/// </summary>
/// <example>
/// <code>
/// var ordered = rows.Order(PartnerRanking.By(CollaborationIndex.Salton));
/// </code>
/// </example>
public static class PartnerRanking
{
    private static readonly Comparer[] Comparers = [.. CollaborationIndices.All.Select(i => new Comparer(i))];

    /// <summary>The comparer that orders rows of one slice strongest first by <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not defined.</exception>
    public static IComparer<PartnerRow> By(CollaborationIndex index)
    {
        if ((uint)index >= (uint)Comparers.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "Not a defined collaboration index; see CollaborationIndices.All.");
        }

        return Comparers[(int)index];
    }

    /// <summary>Compares two partners by value (NaN last), then co-publications, then code.</summary>
    internal static int Compare(double valueA, double copublicationsA, string partnerA, double valueB, double copublicationsB, string partnerB)
    {
        if (copublicationsA > 0 != copublicationsB > 0)
        {
            return copublicationsA > 0 ? -1 : 1;
        }

        if (copublicationsA <= 0)
        {
            return string.CompareOrdinal(partnerA, partnerB);
        }

        bool undefinedA = double.IsNaN(valueA);
        bool undefinedB = double.IsNaN(valueB);
        if (undefinedA != undefinedB)
        {
            return undefinedA ? 1 : -1;
        }

        if (!undefinedA && valueA != valueB)
        {
            return valueA > valueB ? -1 : 1;
        }

        if (copublicationsA != copublicationsB)
        {
            return copublicationsA > copublicationsB ? -1 : 1;
        }

        return string.CompareOrdinal(partnerA, partnerB);
    }

    /// <summary>Sorts <paramref name="rows"/> (one slice) in place and ranks 1..k the k partners with co-publications; the others get no rank.</summary>
    internal static void RankSlice(Span<PartnerRow> rows, CollaborationIndex index)
    {
        var values = new double[rows.Length];
        var keys = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            values[i] = rows[i].Value(index);
            keys[i] = i;
        }

        var copy = rows.ToArray();
        Array.Sort(keys, (a, b) => Compare(values[a], copy[a].Copublications, copy[a].Partner.Code, values[b], copy[b].Copublications, copy[b].Partner.Code));
        for (int i = 0; i < keys.Length; i++)
        {
            rows[i] = copy[keys[i]] with { Rank = copy[keys[i]].Copublications > 0 ? i + 1 : null };
        }
    }

    private sealed class Comparer(CollaborationIndex index) : IComparer<PartnerRow>
    {
        public int Compare(PartnerRow? x, PartnerRow? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? 1 : -1;
            }

            return PartnerRanking.Compare(x.Value(index), x.Copublications, x.Partner.Code, y.Value(index), y.Copublications, y.Partner.Code);
        }
    }
}
