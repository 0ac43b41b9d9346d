using System.Globalization;

namespace CollabMetrics.Impact;

/// <summary>
/// The x of "top x%": a percentage from 1 to 50, held as a decimal so that the CWTS threshold
/// F(tau) &gt;= 1 - x is decided exactly (10 means exactly one tenth, not the nearest double).
/// </summary>
internal readonly record struct TopPercent
{
    /// <summary>The smallest x accepted.</summary>
    internal const double Minimum = 1;

    /// <summary>The largest x accepted.</summary>
    internal const double Maximum = 50;

    private TopPercent(decimal percent) => Percent = percent;

    /// <summary>The CWTS default, the top 10%.</summary>
    internal static TopPercent Ten { get; } = new(10m);

    /// <summary>x in percent, exactly as given (at most 15 significant digits).</summary>
    internal decimal Percent { get; }

    /// <summary>x as a fraction of one.</summary>
    internal double Fraction => (double)(Percent / 100m);

    /// <summary>x percent, validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">x is not a number from 1 to 50.</exception>
    internal static TopPercent Of(double percent)
    {
        if (!(percent >= Minimum && percent <= Maximum))
        {
            throw new ArgumentOutOfRangeException(
                nameof(percent),
                percent,
                $"The top percentage must be from {Minimum} to {Maximum} (10 for the top 10%).");
        }

        return new TopPercent((decimal)percent);
    }

    /// <summary>
    /// (1 - x) |R|: the share of a reference set of <paramref name="size"/> publications that lies below the top x%,
    /// exact.
    /// </summary>
    internal decimal Below(long size) => size - (size * Percent / 100m);

    /// <summary>"10" or "2.5".</summary>
    public override string ToString() => Percent.ToString(CultureInfo.InvariantCulture);
}
