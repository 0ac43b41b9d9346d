namespace CollabMetrics.IO;

/// <summary>
/// The largest input a reader accepts in one record, so that no file, however hostile, can take unbounded memory or
/// time. Immutable; change with <c>with</c>. Every limit must be positive.
/// </summary>
/// <remarks>
/// <para>
/// A record over a limit is rejected with <see cref="SkipReason.TooLarge"/>, found while streaming: the part over
/// the limit is never buffered. In strict mode that is an <see cref="IngestException"/> naming the file, the
/// record, the field and the limit; in lenient mode the record is skipped and counted, and reading goes on at the
/// next record where the format allows it (the next JSON line or work, the next <c>PT</c>/<c>ER</c> of Web of
/// Science, the next row of a tab-delimited or CollabMetrics CSV file: a CollabMetrics CSV row over
/// <see cref="MaxRecordBytes"/> is read through without being kept and rejects the publication it belongs to). The
/// Scopus reader cannot find the next row after a row larger than the limit: the rest of that file is reported as
/// one <see cref="SkipReason.TooLarge"/> record and the other files are still read.
/// </para>
/// <para>
/// The defaults leave ample headroom over real exports (the largest real records have a few thousand authors and
/// a few megabytes of text) while bounding memory: a reader holds at most about <see cref="MaxRecordBytes"/> of one
/// record, plus its fixed buffers. docs/formats.md lists the limits and the CLI options that change them.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var options = ReadOptions.Default with { Limits = ReadLimits.Default with { MaxAuthors = 500_000 } };
/// </code>
/// </example>
public sealed record ReadLimits
{
    /// <summary>The default limits, as documented on each property.</summary>
    public static ReadLimits Default { get; } = new();

    /// <summary>
    /// The largest record, in bytes of (decompressed) input: one OpenAlex work, one Web of Science record from
    /// <c>PT</c> to <c>ER</c> or one tab-delimited row, one Scopus row, all rows of one CollabMetrics CSV publication.
    /// Default 64 MiB.
    /// </summary>
    public int MaxRecordBytes
    {
        get;
        init => field = Positive(value);
    } = 64 << 20;

    /// <summary>
    /// The largest single field, cell or line, in bytes (characters for the text formats). Default 16 MiB.
    /// </summary>
    public int MaxFieldBytes
    {
        get;
        init => field = Positive(value);
    } = 16 << 20;

    /// <summary>The most authors in one record. Default 100,000 (real records reach a few thousand).</summary>
    public int MaxAuthors
    {
        get;
        init => field = Positive(value);
    } = 100_000;

    /// <summary>The most affiliations in one record, all authors together. Default 100,000.</summary>
    public int MaxAffiliations
    {
        get;
        init => field = Positive(value);
    } = 100_000;

    /// <summary>The deepest nesting of JSON objects and arrays in one OpenAlex work. Default 128.</summary>
    public int MaxJsonDepth
    {
        get;
        init => field = Positive(value);
    } = 128;

    private static int Positive(int value, [System.Runtime.CompilerServices.CallerMemberName] string? name = null)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "A read limit must be positive.");
        }

        return value;
    }
}
