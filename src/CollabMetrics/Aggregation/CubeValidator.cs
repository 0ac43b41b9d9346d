using System.Globalization;

namespace CollabMetrics.Aggregation;

/// <summary>
/// Checks that a stored cube is one this library could have written, before it is handed to anyone: every count
/// finite and non-negative; per cell N_int &lt;= N; per unit I &lt;= P &lt;= N, F &lt;= P, E &lt;= P,
/// SCP + MCP &lt;= P; per pair CountrySet, AuthorRefined and the Nature Index score &lt;= Full and
/// C_XY &lt;= min(P_X, P_Y); the whole counts (N, N_int, T, P, I, SCP, MCP, C_XY) integral in the
/// all-technologies cells, and in every cell when technologies are assigned whole. The message names where
/// (file or format), the cell (year and technology), the unit or pair, and the field.
/// </summary>
internal static class CubeValidator
{
    private const double Tolerance = 1e-9;

    private static readonly string[] s_unitFields = ["P", "F", "E", "I", "C (link total)", "SCP", "MCP"];
    private static readonly string[] s_pairFields = ["copublications (Full)", "CountrySet", "Author", "AuthorRefined", "Nature Index score"];

    /// <summary>Throws a <see cref="FormatException"/> naming the first broken invariant.</summary>
    /// <param name="cube">The cube just read.</param>
    /// <param name="where">How to name the source: "JSON", or a function of the table ("units.csv") for the CSV form.</param>
    public static void Validate(CollaborationCube cube, Func<string, string> where)
    {
        bool wholeTechnologies = cube.Options.Technologies == TechnologyAssignment.Whole;
        foreach (var ((year, technology), cell) in CubeJson.SortedCells(cube))
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"cell {year}/{(technology == CollaborationCube.AllTechnologies ? "all" : cube.TechnologyArray[technology])}");
            bool whole = wholeTechnologies || technology == CollaborationCube.AllTechnologies;
            string slices = where("slices");
            CheckCount(cell.N, "n", whole, slices, name);
            CheckCount(cell.NInternational, "n_international", whole, slices, name);
            CheckCount(cell.Links, "links", whole, slices, name);
            CheckOrder(cell.NInternational, "n_international", cell.N, "n", slices, name);

            string units = where("units");
            var v = cell.UnitValues;
            for (int i = 0; i < cell.UnitIndex.Length; i++)
            {
                var unit = cube.UnitAt(cell.UnitIndex[i]);
                string at = $"{name}, unit {Describe(unit)}";
                int o = i * SliceData.UnitStride;
                for (int f = 0; f < SliceData.UnitStride; f++)
                {
                    bool integral = whole && f is 0 or 3 or 5 or 6;
                    CheckCount(v[o + f], s_unitFields[f], integral, units, at);
                }

                double p = v[o], fractional = v[o + 1], equal = v[o + 2], international = v[o + 3], scp = v[o + 5], mcp = v[o + 6];
                CheckOrder(international, "I", p, "P", units, at);
                CheckOrder(p, "P", cell.N, "the cell's n", units, at);
                CheckOrder(fractional, "F", p, "P", units, at);
                CheckOrder(equal, "E", p, "P", units, at);
                CheckOrder(scp + mcp, "SCP + MCP", p, "P", units, at);
            }

            string pairs = where("pairs");
            var w = cell.PairValues;
            for (int i = 0; i < cell.PairKeys.Length; i++)
            {
                int a = SliceData.PairFirst(cell.PairKeys[i]), b = SliceData.PairSecond(cell.PairKeys[i]);
                string at = $"{name}, pair {Describe(cube.UnitAt(a))}-{Describe(cube.UnitAt(b))}";
                int o = i * SliceData.PairStride;
                for (int f = 0; f < SliceData.PairStride; f++)
                {
                    CheckCount(w[o + f], s_pairFields[f], whole && f == 0, pairs, at);
                }

                double full = w[o];
                CheckOrder(w[o + 1], "CountrySet", full, "Full", pairs, at);
                CheckOrder(w[o + 3], "AuthorRefined", full, "Full", pairs, at);
                CheckOrder(w[o + 4], "Nature Index score", full, "Full", pairs, at);
                double pa = UnitP(cell, a), pb = UnitP(cell, b);
                CheckOrder(full, "copublications", Math.Min(pa, pb), $"min(P) of the two units ({Format(pa)}, {Format(pb)})", pairs, at);
            }
        }
    }

    private static double UnitP(SliceData cell, int unit)
    {
        int at = cell.FindUnit(unit);
        return at < 0 ? 0 : cell.UnitValue(at, 0);
    }

    private static string Describe(Unit unit) => unit.Kind == UnitKind.Country ? unit.Code : $"{CubeFormat.KindName(unit.Kind)} '{unit.Code}'";

    private static void CheckCount(double value, string field, bool integral, string where, string at)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            Fail(where, at, $"{field} is {Format(value)}; counts are finite and non-negative");
        }

        if (integral && Math.Abs(value - Math.Round(value)) > Tolerance * Math.Max(1, value))
        {
            Fail(where, at, $"{field} is {Format(value)}; it counts whole publications, so it is an integer");
        }
    }

    private static void CheckOrder(double small, string smallName, double large, string largeName, string where, string at)
    {
        if (small > large + (Tolerance * Math.Max(1, large)))
        {
            Fail(where, at, $"{smallName} ({Format(small)}) is greater than {largeName} ({Format(large)})");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string where, string at, string what) =>
        throw new FormatException($"{where}: {at}: {what}. The stored cube was changed or damaged; build it again from the publications.");
}
