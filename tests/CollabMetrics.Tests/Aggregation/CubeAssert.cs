using CollabMetrics.Aggregation;

namespace CollabMetrics.Tests.Aggregation;

/// <summary>Compares two cubes slice by slice: every year and technology, every unit and pair.</summary>
internal static class CubeAssert
{
    /// <summary>Same years, technologies, units, diagnostics, and every value equal bit for bit.</summary>
    public static void Identical(CollaborationCube actual, CollaborationCube expected) => Compare(actual, expected, tolerance: null);

    /// <summary>Same years, technologies, units and diagnostics, and every value within <paramref name="tolerance"/>.</summary>
    public static void Close(CollaborationCube actual, CollaborationCube expected, double tolerance = 1e-9) => Compare(actual, expected, tolerance);

    /// <summary>Every slice key of a cube: each year and all years, for all technologies and each technology.</summary>
    public static IEnumerable<SliceKey> Keys(CollaborationCube cube)
    {
        var technologies = new List<string?> { null };
        technologies.AddRange(cube.Technologies);
        foreach (var technology in technologies)
        {
            yield return SliceKey.ForAllYears(technology);
            foreach (var year in cube.Years)
            {
                yield return SliceKey.ForYear(year, technology);
            }
        }
    }

    private static void Compare(CollaborationCube actual, CollaborationCube expected, double? tolerance)
    {
        actual.Years.Should().Equal(expected.Years);
        actual.Technologies.Should().Equal(expected.Technologies);
        actual.Units.Should().Equal(expected.Units);
        actual.Diagnostics.Should().Be(expected.Diagnostics);
        foreach (var key in Keys(expected))
        {
            var a = actual.Slice(key);
            var e = expected.Slice(key);
            Value(a.N, e.N, tolerance, $"{key} N");
            Value(a.NInternational, e.NInternational, tolerance, $"{key} N_int");
            Value(a.T, e.T, tolerance, $"{key} T");
            a.Units.Select(u => u.Unit).Should().Equal(e.Units.Select(u => u.Unit), $"units of {key}");
            for (int i = 0; i < e.Units.Count; i++)
            {
                var (x, y) = (a.Units[i], e.Units[i]);
                var what = $"{key} {y.Unit}";
                Value(x.P, y.P, tolerance, what + " P");
                Value(x.F, y.F, tolerance, what + " F");
                Value(x.E, y.E, tolerance, what + " E");
                Value(x.I, y.I, tolerance, what + " I");
                Value(x.LinkTotal, y.LinkTotal, tolerance, what + " C_i");
                Value(x.ScpCorresponding, y.ScpCorresponding, tolerance, what + " SCP");
                Value(x.McpCorresponding, y.McpCorresponding, tolerance, what + " MCP");
            }

            var actualPairs = a.Pairs.ToList();
            var expectedPairs = e.Pairs.ToList();
            actualPairs.Select(p => (p.A, p.B)).Should().Equal(expectedPairs.Select(p => (p.A, p.B)), $"pairs of {key}");
            for (int i = 0; i < expectedPairs.Count; i++)
            {
                var (x, y) = (actualPairs[i], expectedPairs[i]);
                var what = $"{key} {y.A}-{y.B}";
                Value(x.Copublications, y.Copublications, tolerance, what + " Full");
                Value(x.CountrySet, y.CountrySet, tolerance, what + " CountrySet");
                Value(x.Author, y.Author, tolerance, what + " Author");
                Value(x.AuthorRefined, y.AuthorRefined, tolerance, what + " AuthorRefined");
                Value(x.NatureIndexScore, y.NatureIndexScore, tolerance, what + " NatureIndex");
            }
        }
    }

    private static void Value(double actual, double expected, double? tolerance, string what)
    {
        if (tolerance is { } t)
        {
            actual.Should().BeApproximately(expected, t, what);
        }
        else
        {
            actual.Should().Be(expected, what);
        }
    }
}
