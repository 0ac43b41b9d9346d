using CollabMetrics.Model;

namespace CollabMetrics.IO;

/// <summary>
/// A bad record or file in strict mode. The message names the file, the line or record, the field and the
/// reason, and says what to do.
/// </summary>
public sealed class IngestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IngestException(SourcePosition position, string? field, SkipReason reason, string message, Exception? innerException = null)
        : base(Format(position, field, message), innerException)
    {
        Position = position;
        Field = field;
        Reason = reason;
        Detail = message;
    }

    /// <summary>Where the problem is.</summary>
    public SourcePosition Position { get; }

    /// <summary>The field or column concerned, or null when the problem is not in one field.</summary>
    public string? Field { get; }

    /// <summary>The kind of problem.</summary>
    public SkipReason Reason { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Detail { get; }

    private static string Format(SourcePosition position, string? field, string message) =>
        field is null ? $"{position}: {message}" : $"{position}, field {field}: {message}";
}
