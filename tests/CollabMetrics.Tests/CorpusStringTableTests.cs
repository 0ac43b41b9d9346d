using System.Text;
using CsCheck;

namespace CollabMetrics.Tests;

public class CorpusStringTableTests
{
    [Fact]
    public void Intern_RandomStrings_SameIndexForEqualStringsOnly()
    {
        Gen.String[Gen.Char["abcÉ漢"], 0, 4].List[0, 200].Sample(values =>
        {
            var table = new CorpusStringTable();
            var scratch = new byte[4];
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var value in values)
            {
                int index = table.Intern(value, ref scratch);
                if (expected.TryGetValue(value, out int first))
                {
                    index.Should().Be(first);
                }
                else
                {
                    index.Should().Be(expected.Count, "new strings get the next index");
                    expected.Add(value, index);
                }
            }

            table.Count.Should().Be(expected.Count);
            foreach (var (value, index) in expected)
            {
                table.Get(index).Should().Be(value);
            }
        }, iter: 300);
    }

    [Fact]
    public void Freeze_ThenIntern_Throws()
    {
        var table = new CorpusStringTable();
        table.Intern(Encoding.UTF8.GetBytes("a"));
        table.Freeze();

        table.Get(0).Should().Be("a");
        FluentActions.Invoking(() => table.Intern(Encoding.UTF8.GetBytes("b"))).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void IndexExisting_AfterAppendUnindexed_InternFindsEveryStringAndAddsNewOnes()
    {
        var table = new CorpusStringTable();
        string[] values = ["a", "bb", "ccc", string.Empty, "d\u00e9"];
        foreach (var value in values)
        {
            table.AppendUnindexed(Encoding.UTF8.GetBytes(value));
        }

        table.Indexed.Should().Be(0);
        for (int i = 0; i < values.Length; i++)
        {
            table.IndexExisting(i, CorpusHashIndex.Hash(table.Utf8(i)));
        }

        table.Indexed.Should().Be(values.Length);
        values.Select(v => table.Intern(Encoding.UTF8.GetBytes(v))).Should().Equal(0, 1, 2, 3, 4);
        table.Intern("new"u8).Should().Be(5);
        table.Indexed.Should().Be(6);
        table.ToArray().Should().Equal([.. values, "new"]);
    }

    [Fact]
    public void Intern_WithStringsNotIndexedYet_Throws()
    {
        var table = new CorpusStringTable();
        table.AppendUnindexed("a"u8);

        var intern = () => table.Intern("a"u8);
        var outOfOrder = () => table.IndexExisting(1, 0);

        intern.Should().Throw<InvalidOperationException>();
        outOfOrder.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Intern_PoolOverManySegmentsWithLongStrings_EveryStringReadBackBeforeAndAfterFreeze()
    {
        // Lengths around the pool's segment (1 MB) and long-string (64 KB) sizes, so strings fill segments, start new
        // ones and get segments of their own, in random order; some strings come back.
        var lengths = Gen.OneOf(Gen.Int[0, 40], Gen.Int[(1 << 16) - 2, (1 << 16) + 1], Gen.Int[300_000, 700_000], Gen.Int[(1 << 20) - 1, (1 << 20) + 1]);
        Gen.Select(lengths, Gen.Byte, Gen.Int[0, 2]).Array[1, 40].Sample(items =>
        {
            var table = new CorpusStringTable();
            var expected = new List<byte[]>();
            var indices = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (length, fill, repeat) in items)
            {
                var value = new byte[length];
                value.AsSpan().Fill((byte)('a' + (fill % 26)));
                for (int r = 0; r <= repeat; r++)
                {
                    int index = table.Intern(value);
                    string key = $"{length}/{value.FirstOrDefault()}";
                    if (indices.TryGetValue(key, out int first))
                    {
                        index.Should().Be(first);
                    }
                    else
                    {
                        index.Should().Be(expected.Count);
                        indices.Add(key, index);
                        expected.Add(value);
                    }
                }
            }

            table.Count.Should().Be(expected.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                table.Utf8(i).SequenceEqual(expected[i]).Should().BeTrue();
            }

            table.Freeze();
            for (int i = 0; i < expected.Count; i++)
            {
                table.Utf8(i).SequenceEqual(expected[i]).Should().BeTrue();
            }
        }, iter: 30);
    }
}
