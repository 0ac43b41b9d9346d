namespace CollabMetrics.Cli.Output;

/// <summary>How a result table is written (<c>--output</c>).</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns for people.</summary>
    Table = 0,

    /// <summary>CSV with a header row, invariant culture, undefined values empty.</summary>
    Csv = 1,

    /// <summary>A JSON array of objects with the CSV's column names, undefined values null.</summary>
    Json = 2,

    /// <summary>A Parquet file (<c>--out FILE</c> only): the CSV's columns, typed, undefined values null.</summary>
    Parquet = 3,
}
