using CollabMetrics.Aggregation;

namespace CollabMetrics.Tests.Aggregation;

public sealed class KeyTableTests
{
    private const int Stride = SliceData.PairStride;

    [Fact]
    public void Value_PagedOrNot_IsTheRowsCell()
    {
        foreach (bool pagedTable in new[] { true, false })
        {
            var table = new KeyTable<long>(Stride, 8, pagedTable);
            for (long key = 0; key < (2 * KeyTable<long>.PageSlots) + 77; key++)
            {
                int slot = table.GetOrAdd(key * 31);
                table.Value(slot, (int)(key % Stride)) += key;
            }

            for (int slot = 0; slot < table.Count; slot++)
            {
                var row = table.Row(slot);
                for (int v = 0; v < Stride; v++)
                {
                    System.Runtime.CompilerServices.Unsafe.AreSame(ref table.Value(slot, v), ref row[v]).Should().BeTrue();
                    row[v].Should().Be(v == (table.Key(slot) / 31) % Stride ? table.Key(slot) / 31 : 0);
                }
            }
        }
    }

    [Fact]
    public void GetOrAdd_PagedOverSeveralPages_SameSlotsKeysAndValuesAsOneArray()
    {
        var paged = new KeyTable<Int128>(Stride, 256, paged: true);
        var flat = new KeyTable<Int128>(Stride, 256);
        var random = new Random(7);
        int distinct = (3 * KeyTable<Int128>.PageSlots) + 123;

        for (int round = 0; round < 2; round++)
        {
            // Keys drawn from a range a little larger than the slots wanted, so that most come back several times.
            while (paged.Count < distinct)
            {
                long key = random.NextInt64(0, 1L << 40) % (distinct * 2L);
                int slot = paged.GetOrAdd(key);
                flat.GetOrAdd(key).Should().Be(slot);
                var row = paged.Row(slot);
                row.Length.Should().Be(Stride);
                for (int v = 0; v < Stride; v++)
                {
                    row[v] += key + v;
                    flat.Values[(slot * Stride) + v] += key + v;
                }
            }

            paged.Count.Should().Be(flat.Count);
            for (int slot = 0; slot < paged.Count; slot++)
            {
                paged.Key(slot).Should().Be(flat.Keys[slot]);
                flat.Key(slot).Should().Be(flat.Keys[slot]);
                paged.Find(paged.Key(slot)).Should().Be(slot);
                paged.Row(slot).ToArray().Should().Equal(flat.Values.AsSpan(slot * Stride, Stride).ToArray());
            }

            // Emptied, a paged table starts again from zeros.
            paged.Clear();
            flat.Clear();
            paged.Count.Should().Be(0);
        }
    }

    [Fact]
    public void ValuesAndKeys_PagedTable_Throw()
    {
        var paged = new KeyTable<double>(3, 16, paged: true);

        FluentActions.Invoking(() => paged.Values).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => paged.Keys).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void GetOrAdd_PagedTableGrowing_CopiesNoValues()
    {
        // A streamed full cube's tables grow for as long as publications come. A paged table adds a page and copies
        // no keys or values: what it allocates is its keys and values once, the first page's growth (under two pages),
        // and the buckets, which grow by copying (at most half full and doubled: at most 2 x 4 x 4 bytes a key). One
        // array of values grown by half would allocate about three times its values.
        int keys = 20 * KeyTable<Int128>.PageSlots;
        long slotBytes = (Stride * 16) + 8;
        long bound = (keys * slotBytes) + (2L * KeyTable<Int128>.PageSlots * slotBytes) + (keys * 32L) + 4096;

        long paged = AllocatedFilling(new KeyTable<Int128>(Stride, 256, paged: true), keys);
        long flat = AllocatedFilling(new KeyTable<Int128>(Stride, 256), keys);

        paged.Should().BeLessThan(bound);
        flat.Should().BeGreaterThan(bound, "the bound tells a table that copies its values from one that does not");
    }

    private static long AllocatedFilling(KeyTable<Int128> table, int keys)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < keys; k++)
        {
            table.Row(table.GetOrAdd(k * 7919L))[0] += 1;
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
