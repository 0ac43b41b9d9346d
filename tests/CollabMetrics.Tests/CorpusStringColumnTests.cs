using System.Text;
using CsCheck;

namespace CollabMetrics.Tests;

public class CorpusStringColumnTests
{
    private static readonly Gen<string?> OptionalText = Gen.Frequency(
        (1, Gen.Const<string?>((string?)null)),
        (2, Gen.String[Gen.Char["ab10-/.É漢"], 0, 40].Select(s => (string?)s)),
        (1, Gen.Int[0, 999].Select(i => (string?)$"SYN-{i:D9}")),
        (1, Gen.Int[200, 700].Select(n => (string?)new string('x', n))));

    [Fact]
    public void Get_RandomValues_GivesBackEachValue()
    {
        OptionalText.List[0, 100].Sample(values =>
        {
            var column = Fill(values);
            column.Count.Should().Be(values.Count);
            for (int i = 0; i < values.Count; i++)
            {
                column.Get(i).Should().Be(values[i], $"value {i}");
                if (values[i] is { } value)
                {
                    column.ValueEquals(i, Encoding.UTF8.GetBytes(value)).Should().BeTrue();
                    column.ValueEquals(i, Encoding.UTF8.GetBytes(value + "!")).Should().BeFalse();
                }
                else
                {
                    column.ValueEquals(i, []).Should().BeFalse("a missing value equals nothing");
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void CopyTo_LongValueAndSmallBuffer_GrowsTheBuffer()
    {
        var column = Fill(["short 😀", new string('é', 3000), null]);
        var buffer = new byte[4];

        int length = column.CopyTo(1, ref buffer);

        Encoding.UTF8.GetString(buffer, 0, length).Should().Be(new string('é', 3000));
        column.Get(0).Should().Be("short 😀");
        column.CopyTo(2, ref buffer).Should().Be(-1);
    }

    [Fact]
    public void Get_LongerValueThenLeadingNulCharacters_GivesBackEachValue()
    {
        // The previous value is kept to find the shared prefix: it must survive the buffer growing.
        string?[] values = [new string('x', 60), new string('x', 60) + new string('y', 20), "\0\0\0\0\0q", new string('\0', 300) + "x", "\0\0z"];

        var column = Fill(values);

        for (int i = 0; i < values.Length; i++)
        {
            column.Get(i).Should().Be(values[i]);
        }
    }

    [Fact]
    public void Bytes_SequentialIds_AreFrontCodedToAFewBytesEach()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => (string?)$"SYN-{i + 1:D9}").ToList();

        var column = Fill(values);
        column.Trim();

        // 13 bytes a value stored whole; front coding keeps a few bytes of each but the first of a block.
        (column.Bytes / (double)values.Count).Should().BeLessThan(6);
        column.Get(9_999).Should().Be("SYN-000010000");
    }

    [Fact]
    public void Add_MoreThanOneSegment_KeepsEveryValue()
    {
        // 20 MB of distinct values: more than one pool segment.
        var values = Enumerable.Range(0, 20_000).Select(i => (string?)$"{i:D6}{new string((char)('a' + (i % 26)), 1000)}").ToList();

        var column = Fill(values);

        foreach (int i in new[] { 0, 1, 16_000, 16_777, 19_999 })
        {
            column.Get(i).Should().Be(values[i]);
        }
    }

    private static CorpusStringColumn Fill(IReadOnlyList<string?> values)
    {
        var column = new CorpusStringColumn(4);
        var scratch = new byte[8];
        foreach (var value in values)
        {
            column.Add(value, ref scratch);
        }

        return column;
    }
}
