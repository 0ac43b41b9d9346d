namespace CollabMetrics.Aggregation;

/// <summary>
/// The mutable partial result of an aggregation: sparse tables keyed by packed longs. Slices are keyed by
/// <c>year &lt;&lt; 17 | technology slot</c> (slot 0 = all technologies, t + 1 = technology t); units by
/// <c>slice slot &lt;&lt; 21 | unit</c>; pairs by <c>slice slot &lt;&lt; 42 | a &lt;&lt; 21 | b</c> with a &lt; b, where
/// units are engine unit ids (see <see cref="UnitLayout"/>).
/// </summary>
internal sealed class CubeAccumulator
{
    internal const int UnitBits = 21;
    internal const int MaxUnitId = (1 << UnitBits) - 1;
    internal const int MaxSlices = 1 << UnitBits;
    internal const int TechnologyBits = 17;
    internal const int SliceStride = 3;

    internal KeyTable Slices { get; } = new(SliceStride, 256);

    internal KeyTable Units { get; } = new(SliceData.UnitStride, 4096);

    internal KeyTable Pairs { get; } = new(SliceData.PairStride, 4096);

    internal long Publications { get; set; }

    internal long Counted { get; set; }

    internal long WithoutUnit { get; set; }

    internal long WithoutYear { get; set; }

    internal long AuthorsWithoutUnit { get; set; }

    internal long UnresolvedAffiliations { get; set; }

    internal static long SliceKeyOf(int year, int technologySlot) => ((long)year << TechnologyBits) | (uint)technologySlot;

    internal static int YearOf(long sliceKey) => (int)(sliceKey >> TechnologyBits);

    internal static int TechnologySlotOf(long sliceKey) => (int)(sliceKey & ((1 << TechnologyBits) - 1));

    internal CubeDiagnostics Diagnostics() =>
        new(Publications, Counted, WithoutUnit, WithoutYear, AuthorsWithoutUnit, UnresolvedAffiliations);

    /// <summary>Adds <paramref name="other"/> into this accumulator, slot by slot in <paramref name="other"/>'s insertion order.</summary>
    internal void MergeFrom(CubeAccumulator other)
    {
        Publications += other.Publications;
        Counted += other.Counted;
        WithoutUnit += other.WithoutUnit;
        WithoutYear += other.WithoutYear;
        AuthorsWithoutUnit += other.AuthorsWithoutUnit;
        UnresolvedAffiliations += other.UnresolvedAffiliations;

        int sliceCount = other.Slices.Count;
        var sliceMap = new int[sliceCount];
        var otherSliceKeys = other.Slices.Keys;
        var otherSliceValues = other.Slices.Values;
        for (int s = 0; s < sliceCount; s++)
        {
            int slot = Slices.GetOrAdd(otherSliceKeys[s]);
            if (slot >= MaxSlices)
            {
                ThrowTooManySlices();
            }

            sliceMap[s] = slot;
            AddValues(Slices.Values, slot * SliceStride, otherSliceValues, s * SliceStride, SliceStride);
        }

        const long unitMask = (1L << UnitBits) - 1;
        var unitKeys = other.Units.Keys;
        var unitValues = other.Units.Values;
        for (int i = 0; i < other.Units.Count; i++)
        {
            long key = unitKeys[i];
            int slot = Units.GetOrAdd(((long)sliceMap[(int)(key >> UnitBits)] << UnitBits) | (key & unitMask));
            AddValues(Units.Values, slot * SliceData.UnitStride, unitValues, i * SliceData.UnitStride, SliceData.UnitStride);
        }

        const long pairMask = (1L << (2 * UnitBits)) - 1;
        var pairKeys = other.Pairs.Keys;
        var pairValues = other.Pairs.Values;
        for (int i = 0; i < other.Pairs.Count; i++)
        {
            long key = pairKeys[i];
            int slot = Pairs.GetOrAdd(((long)sliceMap[(int)(key >> (2 * UnitBits))] << (2 * UnitBits)) | (key & pairMask));
            AddValues(Pairs.Values, slot * SliceData.PairStride, pairValues, i * SliceData.PairStride, SliceData.PairStride);
        }
    }

    internal void Clear()
    {
        Slices.Clear();
        Units.Clear();
        Pairs.Clear();
        Publications = Counted = WithoutUnit = WithoutYear = AuthorsWithoutUnit = UnresolvedAffiliations = 0;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void ThrowTooManySlices() =>
        throw new InvalidOperationException($"More than {MaxSlices} (year, technology) slices: aggregate with ByTechnology = false, or split the corpus by year and merge the cubes.");

    private static void AddValues(double[] target, int at, double[] source, int from, int count)
    {
        for (int v = 0; v < count; v++)
        {
            target[at + v] += source[from + v];
        }
    }
}
