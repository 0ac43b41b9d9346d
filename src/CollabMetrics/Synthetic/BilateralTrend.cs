using CollabMetrics.Geography;

namespace CollabMetrics.Synthetic;

/// <summary>
/// A designed drift in the collaboration preference between two countries: a multiplier on the weight with which
/// either country picks the other as a partner, interpolated log-linearly from <paramref name="Start"/> in the first
/// year to <paramref name="Peak"/> in <paramref name="PeakYear"/> and on to <paramref name="End"/> in the last year.
/// </summary>
/// <param name="A">One country.</param>
/// <param name="B">The other country.</param>
/// <param name="Start">The multiplier in the first year (1 = no preference).</param>
/// <param name="PeakYear">The year of <paramref name="Peak"/>; clamped to the corpus's years.</param>
/// <param name="Peak">The multiplier in <paramref name="PeakYear"/>.</param>
/// <param name="End">The multiplier in the last year.</param>
/// <example>
/// <code>
/// // CN-US collaboration rises until 2019, then falls below its 2005 level.
/// var trend = new BilateralTrend("CN", "US", Start: 2.0, PeakYear: 2019, Peak: 3.0, End: 0.9);
/// </code>
/// </example>
public sealed record BilateralTrend(Country A, Country B, double Start, int PeakYear, double Peak, double End)
{
    /// <summary>The multiplier in <paramref name="year"/> of a corpus spanning <paramref name="firstYear"/> to <paramref name="lastYear"/>.</summary>
    public double MultiplierAt(int year, int firstYear, int lastYear)
    {
        int peak = Math.Clamp(PeakYear, firstYear, lastYear);
        year = Math.Clamp(year, firstYear, lastYear);
        if (year <= peak)
        {
            return peak == firstYear ? Peak : Interpolate(Start, Peak, (double)(year - firstYear) / (peak - firstYear));
        }

        return Interpolate(Peak, End, (double)(year - peak) / (lastYear - peak));
    }

    private static double Interpolate(double from, double to, double t) => Math.Exp(Math.Log(from) + (t * (Math.Log(to) - Math.Log(from))));
}
