using CollabMetrics.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public sealed class UnitSortTests
{
    // Distinct units of every kind, in any order, as a cube's finisher and unit layout meet them.
    private static readonly Gen<Unit[]> s_units = Gen.Int[0, 2].Select(Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123"], 1, 4], (kind, code) => kind switch
    {
        0 => Unit.Institution(code, code),
        1 => Unit.Group(code),
        _ => Unit.Unknown,
    }).HashSet[0, 80].Select(set => set.ToArray());

    [Fact]
    public void Sort_AnyDistinctUnits_SameOrderAsArraySort()
    {
        Gen.Select(s_units, Gen.Int).Sample((units, seed) =>
        {
            new Random(seed).Shuffle(units);
            var items = Enumerable.Range(0, units.Length).Select(i => i * 7).ToArray();
            var expectedUnits = units.ToArray();
            var expectedItems = items.ToArray();
            Array.Sort(expectedUnits, expectedItems);

            UnitSort.Sort(units, items);

            units.Should().Equal(expectedUnits);
            items.Should().Equal(expectedItems);
        });
    }

    [Fact]
    public void IndexOf_SortedUnits_FindsEachAndNothingElse()
    {
        s_units.Sample(units =>
        {
            var sorted = units.Order().ToArray();
            for (int i = 0; i < sorted.Length; i++)
            {
                UnitSort.IndexOf(sorted, sorted[i]).Should().Be(i);
            }

            UnitSort.IndexOf(sorted, Unit.Institution("not-a-code", "x")).Should().Be(-1);
        });
    }

    [Fact]
    public void Sort_ItemsOfAnotherLength_Throws()
    {
        FluentActions.Invoking(() => UnitSort.Sort([Unit.Unknown, Unit.Group("G")], [1])).Should().Throw<ArgumentException>();
    }
}
