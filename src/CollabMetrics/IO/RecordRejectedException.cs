namespace CollabMetrics.IO;

/// <summary>
/// Thrown inside a reader when one record is bad; the reader catches it and passes it to
/// <see cref="ReadContext.Fail(CollabMetrics.Model.SourcePosition, string, SkipReason, string)"/>, which throws an <see cref="IngestException"/> (strict) or counts it (lenient).
/// </summary>
internal sealed class RecordRejectedException : Exception
{
    public RecordRejectedException(string? field, SkipReason reason, string message)
        : base(message)
    {
        Field = field;
        Reason = reason;
    }

    public string? Field { get; }

    public SkipReason Reason { get; }
}
