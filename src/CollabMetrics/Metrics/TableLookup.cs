using System.Globalization;
using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// The lookups of result tables: a unit given by name goes through the one <see cref="UnitResolver"/> (so "Japan",
/// "JPN" and "JP" are the same partner); a unit or a slice that the table does not hold is an error that says so,
/// never a null or an empty table that would read as "never" or "none".
/// </summary>
internal static class TableLookup
{
    /// <summary>The unit named <paramref name="name"/> under the table's options, resolved against <paramref name="units"/> at the institution level.</summary>
    public static Unit Resolve(ResultContext context, IReadOnlyList<Unit> units, string name, string parameterName) =>
        new UnitResolver(context.Options, () => units).Resolve(name, parameterName);

    /// <summary>Throws unless <paramref name="unit"/> is one of <paramref name="units"/>.</summary>
    public static void RequirePresent(Unit unit, IReadOnlyList<Unit> units, string role, string parameterName)
    {
        foreach (var u in units)
        {
            if (u == unit)
            {
                return;
            }
        }

        var listed = new List<string>();
        foreach (var u in units)
        {
            listed.Add(u.Code);
            if (listed.Count == 12)
            {
                listed.Add("...");
                break;
            }
        }

        throw new ArgumentException(
            $"'{unit.Code}' ({unit.Label}) is not a {role} in this table"
            + (units.Count == 0 ? " (the table has none)." : $"; its {role}s are {string.Join(", ", listed)}.")
            + " A table cut with Top keeps only the top of each slice: look it up in the uncut table.",
            parameterName);
    }

    /// <summary>The position of the slice of <paramref name="year"/> in <paramref name="slices"/>: the single year, else the window ending in it.</summary>
    public static int SliceOfYear(IReadOnlyList<SliceKey> slices, int year, string parameterName)
    {
        for (int i = 0; i < slices.Count; i++)
        {
            if (slices[i].FromYear == year && slices[i].ToYear == year)
            {
                return i;
            }
        }

        for (int i = 0; i < slices.Count; i++)
        {
            if (slices[i].ToYear == year)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(parameterName, year, $"{year.ToString(CultureInfo.InvariantCulture)} is not a slice of this table; {DescribeSlices(slices)}");
    }

    /// <summary>The position of <paramref name="slice"/> (same years; same technology when it names one) in <paramref name="slices"/>.</summary>
    public static int SliceOf(IReadOnlyList<SliceKey> slices, SliceKey slice, string parameterName)
    {
        for (int i = 0; i < slices.Count; i++)
        {
            if (slices[i].FromYear == slice.FromYear && slices[i].ToYear == slice.ToYear
                && (slice.Technology is null || string.Equals(slices[i].Technology, slice.Technology, StringComparison.Ordinal)))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{slice}' is not a slice of this table; {DescribeSlices(slices)}", parameterName);
    }

    /// <summary>"its slices are 2005 ... 2024." or "it has no slices."</summary>
    public static string DescribeSlices(IReadOnlyList<SliceKey> slices) => slices.Count switch
    {
        0 => "it has no slices.",
        1 => $"its slice is {slices[0]}.",
        2 => $"its slices are {slices[0]} and {slices[1]}.",
        _ => $"its slices are {slices[0]}, {slices[1]} ... {slices[^1]}.",
    };
}
