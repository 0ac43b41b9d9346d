using CollabMetrics.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public sealed class SliceDataTests
{
    // Whole counts, doubles, sums that are not doubles (kept as what their double lacks), and sums so large (2^51 and
    // more, either sign) that what their double lacks needs more than 8 bytes (kept whole).
    private static readonly Gen<Fixed128> s_value = Gen.OneOf(
        Gen.Int[0, 1000].Select(n => (Fixed128)((Int128)n << 64)),
        Gen.Double[0, 100].Select(FixedPoint.FromDouble),
        Gen.ULong.Select(Gen.Int[0, 1000], (fraction, whole) => (Fixed128)(((Int128)whole << 64) + fraction)),
        Gen.ULong.Select(Gen.Long[1L << 49, 1L << 61], Gen.Bool, (fraction, whole, negative) => (Fixed128)((((Int128)whole << 64) + fraction) * (negative ? -1 : 1))),
        Gen.Const(FixedPoint.NaN));

    [Fact]
    public void Constructor_AnyValues_KeepsEveryExactValueAndItsNearestDouble()
    {
        s_value.Array[0, 70].Sample(values =>
        {
            var rows = values.Length / SliceData.PairStride;
            var pairValues = values[..(rows * SliceData.PairStride)];
            var keys = Enumerable.Range(0, rows).Select(r => SliceData.PairKey(r, r + 1)).ToArray();
            var cell = new SliceData(1, 0, 0, [], [], keys, pairValues);

            for (int i = 0; i < pairValues.Length; i++)
            {
                cell.Pairs.Exact(i).Should().Be(pairValues[i]);
                cell.PairValues[i].Should().Be(FixedPoint.ToDouble(pairValues[i]));
            }

            cell.Pairs.ExactCount.Should().Be(pairValues.Count(v => FixedPoint.FromDouble(FixedPoint.ToDouble(v)) != v));
        });
    }

    [Fact]
    public void Of_ValuesAtTheEdgeOfEightByteResiduals_KeepsEveryBit()
    {
        var half = Int128.One << 63;
        Fixed128[] values =
        [
            (Fixed128)((Int128.One << (64 + 52)) + 1), // 2^52 + 2^-64: what the double lacks is 2^-64
            (Fixed128)((Int128.One << (64 + 60)) - half), // 2^60 - 1/2: its double is 2^60, which lacks -2^63 / 2^64 (long.MinValue, kept whole)
            (Fixed128)((Int128.One << (64 + 60)) - half + 1), // -2^63 + 1: the most negative 8-byte residual
            (Fixed128)((Int128.One << (64 + 61)) + half + 1), // 2^61 + 1/2 + 2^-64: its double is 2^61, which lacks more than 8 bytes hold
            (Fixed128)(-((Int128.One << (64 + 61)) + half + 1)),
            FixedPoint.FromDouble(1.0 / 3),
            FixedPoint.NaN,
        ];

        var stored = ExactValues.Of(values);
        var cursor = new ExactValues.Cursor(stored);
        for (int i = 0; i < values.Length; i++)
        {
            stored.Exact(i).Should().Be(values[i]);
            cursor.Exact(i).Should().Be(values[i]);
            BitConverter.DoubleToInt64Bits(stored.Nearest[i]).Should().Be(BitConverter.DoubleToInt64Bits(FixedPoint.ToDouble(values[i])));
        }

        stored.ExactCount.Should().Be(5);
    }

    [Fact]
    public void Add_AnyTwoCells_ExactSumsInEitherOrder()
    {
        Gen.Select(s_value.Array[SliceData.UnitStride * 3], s_value.Array[SliceData.UnitStride * 2]).Sample((a, b) =>
        {
            var x = new SliceData(1, 0, 0, [0, 2, 5], a, [], []);
            var y = new SliceData(2, 0, 0, [2, 7], b, [], []);

            var sum = SliceData.Add(x, y);
            var other = SliceData.Add(y, x);

            sum.UnitIndex.Should().Equal(0, 2, 5, 7);
            for (int v = 0; v < SliceData.UnitStride; v++)
            {
                sum.Units.Exact(SliceData.UnitStride + v).Should().Be(FixedPoint.Add(a[SliceData.UnitStride + v], b[v]));
                sum.Units.Exact(v).Should().Be(a[v]);
                sum.Units.Exact((3 * SliceData.UnitStride) + v).Should().Be(b[SliceData.UnitStride + v]);
            }

            for (int i = 0; i < sum.UnitValues.Length; i++)
            {
                other.Units.Exact(i).Should().Be(sum.Units.Exact(i));
                BitConverter.DoubleToInt64Bits(other.UnitValues[i]).Should().Be(BitConverter.DoubleToInt64Bits(sum.UnitValues[i]));
            }

            sum.ExactN.Should().Be((Fixed128)3);
        });
    }

    [Fact]
    public void Sum_AnyCells_AddsEveryKeysValuesExactlyInAnyOrder()
    {
        var cell = Gen.Select(Gen.Int[0, 12].HashSet[0, 8], Gen.Int[0, 12].HashSet[0, 8], Gen.Int[1, 5], (units, pairUnits, n) =>
        {
            int[] unitIndex = [.. units.Order()];
            long[] pairKeys = [.. pairUnits.SelectMany(a => pairUnits.Where(b => a < b).Select(b => SliceData.PairKey(a, b))).Order()];
            return (n, unitIndex, pairKeys);
        }).SelectMany(shape => Gen.Select(s_value.Array[shape.unitIndex.Length * SliceData.UnitStride], s_value.Array[shape.pairKeys.Length * SliceData.PairStride], (unitValues, pairValues) =>
            new SliceData(shape.n, shape.n - 1, 2 * shape.n, shape.unitIndex, unitValues, shape.pairKeys, pairValues)));

        cell.List[0, 7].Sample(cells =>
        {
            // The expected sums, key by key, from every cell's exact values.
            var units = new SortedDictionary<long, Fixed128[]>();
            var pairs = new SortedDictionary<long, Fixed128[]>();
            foreach (var c in cells)
            {
                for (int i = 0; i < c.UnitIndex.Length; i++)
                {
                    Accumulate(units, c.UnitIndex[i], c.Units, i, SliceData.UnitStride);
                }

                for (int i = 0; i < c.PairKeys.Length; i++)
                {
                    Accumulate(pairs, c.PairKeys[i], c.Pairs, i, SliceData.PairStride);
                }
            }

            var reversed = Enumerable.Reverse(cells).ToList();
            foreach (var sum in new[] { SliceData.Sum(cells), SliceData.Sum(reversed) })
            {
                sum.ExactN.Should().Be(cells.Aggregate(Fixed128.Zero, (total, c) => total + c.ExactN));
                sum.ExactLinks.Should().Be(cells.Aggregate(Fixed128.Zero, (total, c) => total + c.ExactLinks));
                sum.UnitIndex.Select(u => (long)u).Should().Equal(units.Keys);
                sum.PairKeys.Should().Equal(pairs.Keys);
                Values(sum.Units, units.Values);
                Values(sum.Pairs, pairs.Values);
            }
        });

        static void Accumulate(SortedDictionary<long, Fixed128[]> sums, long key, ExactValues values, int row, int stride)
        {
            if (!sums.TryGetValue(key, out var row0))
            {
                sums[key] = row0 = new Fixed128[stride];
            }

            for (int v = 0; v < stride; v++)
            {
                row0[v] = FixedPoint.Add(row0[v], values.Exact((row * stride) + v));
            }
        }

        static void Values(ExactValues actual, IEnumerable<Fixed128[]> expected)
        {
            var flat = expected.SelectMany(row => row).ToArray();
            actual.Nearest.Should().HaveCount(flat.Length);
            for (int i = 0; i < flat.Length; i++)
            {
                actual.Exact(i).Should().Be(flat[i]);
                BitConverter.DoubleToInt64Bits(actual.Nearest[i]).Should().Be(BitConverter.DoubleToInt64Bits(FixedPoint.ToDouble(flat[i])));
            }

            actual.ExactCount.Should().Be(flat.Count(v => FixedPoint.FromDouble(FixedPoint.ToDouble(v)) != v));
        }
    }
}
