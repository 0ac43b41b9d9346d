namespace CollabMetrics.IO;

/// <summary>The publication years every reader accepts; anything else is <see cref="SkipReason.InvalidYear"/>.</summary>
internal static class YearRange
{
    public const int Min = 1000;
    public const int Max = 2999;
}
