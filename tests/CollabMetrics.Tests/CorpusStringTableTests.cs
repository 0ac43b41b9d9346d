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
}
