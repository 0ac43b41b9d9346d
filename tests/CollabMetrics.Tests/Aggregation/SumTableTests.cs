using System.Runtime.CompilerServices;
using CollabMetrics.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public sealed class SumTableTests
{
    private const int Stride = SliceData.PairStride;

    // The edges of the 12-byte range: integer parts of ±(2^31 - 1), and the high word int.MinValue, which marks a wide sum.
    private static readonly Int128 s_top = (Int128.One << 95) - 1;
    private static readonly Int128 s_bottom = -(Int128.One << 95);

    // Contributions as the engine makes them (FixedPoint of counts and fractions), values near the edges of the
    // 12-byte range (which push a sum across them and back), and values anywhere in the 128 bits (which wrap).
    private static readonly Gen<Int128> s_value = Gen.OneOf(
        Gen.Double[0, 1].Select(d => (Int128)FixedPoint.FromDouble(d)),
        Gen.Int[1, 200].Select(n => (Int128)FixedPoint.FromDouble(1.0 / n)),
        Gen.Long[-1000, 1000].Select(n => (Int128)n),
        Gen.Long[-1000, 1000].Select(n => s_top + n),
        Gen.Long[-1000, 1000].Select(n => s_bottom + n),
        Gen.Long[-4, 4].Select(n => (Int128)n << 95),
        Gen.ULong.Select(Gen.ULong, (high, low) => new Int128(high, low)));

    [Fact]
    public void Add_AnyContributions_ReadsAsTheInt128Sums()
    {
        Gen.Select(Gen.Int[1, 40], s_value.Array[1, 300], Gen.Int[0, 1 << 20].Array[300]).Sample((keys, values, picks) =>
        {
            var table = new SumTable(Stride, 8, paged: true);
            var expected = new Dictionary<long, Int128[]>();
            for (int i = 0; i < values.Length; i++)
            {
                long key = picks[i] % keys;
                int slot = table.GetOrAdd(key * 7919);
                int field = picks[i] % Stride;
                table.Add(ref table.Row(slot)[field], (Fixed128)values[i]);
                if (!expected.TryGetValue(key * 7919, out var sums))
                {
                    sums = new Int128[Stride];
                    expected.Add(key * 7919, sums);
                }

                // Int128 addition wraps: the wide sums wrap alike.
                sums[field] += values[i];
            }

            table.Count.Should().Be(expected.Count);
            for (int slot = 0; slot < table.Count; slot++)
            {
                var sums = expected[table.Key(slot)];
                var row = table.Row(slot);
                for (int v = 0; v < Stride; v++)
                {
                    ((Int128)table.Read(row[v])).Should().Be(sums[v]);
                }
            }
        });
    }

    [Fact]
    public void Add_AcrossTheEdgesOfTwelveBytes_MovesToWideSumsAndKeepsEveryBit()
    {
        var table = new SumTable(1);
        ref var top = ref table.Row(table.GetOrAdd(1))[0];
        table.Add(ref top, (Fixed128)s_top);
        table.WideCount.Should().Be(0, "2^95 - 2^-64 is the largest sum of 12 bytes");
        ((Int128)table.Read(top)).Should().Be(s_top);
        table.Add(ref top, (Fixed128)Int128.One);
        table.WideCount.Should().Be(1);
        ((Int128)table.Read(top)).Should().Be(Int128.One << 95);

        // Once wide, a sum stays wide, even back in range.
        table.Add(ref top, (Fixed128)(-(Int128.One << 95)));
        ((Int128)table.Read(top)).Should().Be(Int128.Zero);
        table.WideCount.Should().Be(1);

        // The bottom of the range is -2^95 + 2^64: -2^95 itself has the high word that marks a wide sum.
        ref var bottom = ref table.Row(table.GetOrAdd(2))[0];
        table.Add(ref bottom, (Fixed128)(s_bottom + (Int128.One << 64)));
        table.WideCount.Should().Be(1);
        table.Add(ref bottom, (Fixed128)(-Int128.One));
        table.WideCount.Should().Be(2);
        ((Int128)table.Read(bottom)).Should().Be(s_bottom + (Int128.One << 64) - 1);

        // A sum that wraps past Int128.MaxValue wraps as an Int128 does.
        ref var wrapped = ref table.Row(table.GetOrAdd(3))[0];
        table.Add(ref wrapped, (Fixed128)Int128.MaxValue);
        table.Add(ref wrapped, (Fixed128)Int128.One);
        ((Int128)table.Read(wrapped)).Should().Be(Int128.MinValue);
        ((Int128)table.Read(table.Row(table.GetOrAdd(1))[0])).Should().Be(Int128.Zero);
    }

    [Fact]
    public void Clear_AfterWideSums_StartsAgainFromZeros()
    {
        var table = new SumTable(Stride, 8, paged: true);
        for (int k = 0; k < 3 * KeyTable<CompactSum>.PageSlots; k++)
        {
            var row = table.Row(table.GetOrAdd(k));
            table.Add(ref row[k % Stride], (Fixed128)(k % 2 == 0 ? Int128.MaxValue : k));
        }

        table.WideCount.Should().BeGreaterThan(0);
        table.Clear();
        table.Count.Should().Be(0);
        table.WideCount.Should().Be(0);

        for (int k = 0; k < 3 * KeyTable<CompactSum>.PageSlots; k++)
        {
            var row = table.Row(table.GetOrAdd(k + 5));
            for (int v = 0; v < Stride; v++)
            {
                ((Int128)table.Read(row[v])).Should().Be(Int128.Zero);
            }
        }
    }

    [Fact]
    public void CompactSum_IsTwelveBytes() => Unsafe.SizeOf<CompactSum>().Should().Be(12);
}
