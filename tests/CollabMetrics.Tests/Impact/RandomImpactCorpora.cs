using CollabMetrics.Aggregation;
using CollabMetrics.Impact;
using CollabMetrics.Model;
using CollabMetrics.Tests.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Impact;

/// <summary>CsCheck generators of small random corpora with citation counts, and helpers to compare statistics.</summary>
internal static class RandomImpactCorpora
{
    /// <summary>The random corpora of the cube tests with citation counts: some unknown, many tied small counts, a few large ones.</summary>
    public static readonly Gen<Publication[]> Publications =
        Gen.Select(RandomCorpora.Publications, Gen.Int[0, 10].Array[40], Gen.Int[0, 5000].Array[40], (publications, kinds, large) =>
        {
            for (int i = 0; i < publications.Length; i++)
            {
                publications[i] = publications[i] with
                {
                    Citations = kinds[i] switch
                    {
                        0 => null,
                        <= 6 => kinds[i] - 1,
                        <= 8 => large[i] % 40,
                        _ => large[i],
                    },
                };
            }

            return publications;
        });

    /// <summary>x in percent: the usual values and arbitrary ones with up to two decimals.</summary>
    public static readonly Gen<double> Percent =
        Gen.Select(Gen.Int[0, 9], Gen.Int[100, 5000], (choice, hundredths) => choice switch
        {
            0 => 1.0,
            1 => 5.0,
            2 => 10.0,
            3 => 25.0,
            4 => 50.0,
            _ => hundredths / 100.0,
        });

    /// <summary>Reference-set classes (such as document types) for up to 40 publications, or null for one class.</summary>
    public static readonly Gen<byte[]?> Classes =
        Gen.Select(Gen.Bool, Gen.Byte[0, 2].Array[40], (use, classes) => use ? classes : null);

    /// <summary>Every slice of the statistics: each year and all years, for all technologies and each technology.</summary>
    public static IEnumerable<SliceKey> Keys(ImpactStatistics statistics)
    {
        if (statistics.Years.Length == 0)
        {
            yield break;
        }

        string?[] technologies = [null, .. statistics.Technologies];
        foreach (var technology in technologies)
        {
            yield return SliceKey.ForAllYears(technology);
            foreach (int year in statistics.Years)
            {
                yield return SliceKey.ForYear(year, technology);
            }
        }
    }

    /// <summary>Asserts that two statistics are identical, bit for bit.</summary>
    public static void Identical(ImpactStatistics actual, ImpactStatistics expected) => Compare(actual, expected, 0);

    /// <summary>Asserts that two statistics have the same units, cells and values, counts exactly and sums within <paramref name="tolerance"/>.</summary>
    public static void Compare(ImpactStatistics actual, ImpactStatistics expected, double tolerance)
    {
        actual.Diagnostics.Should().Be(expected.Diagnostics);
        actual.Units.Should().Equal(expected.Units);
        actual.Technologies.Should().Equal(expected.Technologies);
        actual.Years.Should().Equal(expected.Years);
        actual.Cells.Keys.Order().Should().Equal(expected.Cells.Keys.Order());
        foreach (var (key, cell) in expected.Cells)
        {
            var other = actual.Cells[key];
            other.Values.Should().Equal(cell.Values, $"values of {key}");
            other.Counts.Should().Equal(cell.Counts, $"counts of {key}");
            Close(other.Weighted, cell.Weighted, tolerance, $"weighted counts of {key}");
            other.Units.Should().Equal(cell.Units, $"units of {key}");
            other.UnitStart.Should().Equal(cell.UnitStart);
            other.UnitValue.Should().Equal(cell.UnitValue);
            Close(other.UnitStats, cell.UnitStats, tolerance, $"unit histograms of {key}");
            other.Pairs.Should().Equal(cell.Pairs, $"pairs of {key}");
            other.PairStart.Should().Equal(cell.PairStart);
            other.PairValue.Should().Equal(cell.PairValue);
            Close(other.PairStats, cell.PairStats, tolerance, $"pair histograms of {key}");
        }
    }

    private static void Close(double[] actual, double[] expected, double tolerance, string because)
    {
        actual.Should().HaveSameCount(expected, because);
        for (int i = 0; i < expected.Length; i++)
        {
            if (tolerance == 0)
            {
                BitConverter.DoubleToInt64Bits(actual[i]).Should().Be(BitConverter.DoubleToInt64Bits(expected[i]), $"{because} [{i}]");
            }
            else
            {
                actual[i].Should().BeApproximately(expected[i], tolerance * Math.Max(1, Math.Abs(expected[i])), $"{because} [{i}]");
            }
        }
    }
}
