using System.Globalization;

namespace CollabMetrics.Cli.Commands;

/// <summary>A range of publication years from <c>--years</c>: <c>2005-2024</c>, or one year <c>2019</c>.</summary>
/// <param name="From">The first year.</param>
/// <param name="To">The last year, included.</param>
internal readonly record struct YearRange(int From, int To)
{
    /// <summary>The earliest year accepted.</summary>
    public const int Earliest = 1000;

    /// <summary>The latest year accepted.</summary>
    public const int Latest = 2999;

    /// <summary>Parses <c>FROM-TO</c> or <c>YEAR</c>; the error says what is wrong, in one line.</summary>
    public static bool TryParse(string text, out YearRange range, out string? error)
    {
        range = default;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int from)
            || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int to))
        {
            error = $"--years: '{text}' is not a year range; write FROM-TO (2005-2024) or one year (2019).";
            return false;
        }

        if (from < Earliest || to > Latest)
        {
            error = $"--years: '{text}' is outside {Earliest}-{Latest}.";
            return false;
        }

        if (to < from)
        {
            error = $"--years: '{text}' ends before it starts; write the earlier year first.";
            return false;
        }

        range = new YearRange(from, to);
        error = null;
        return true;
    }

    /// <summary>"2005-2024", or "2019" for one year.</summary>
    public override string ToString() => From == To
        ? From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From}-{To}");
}
