namespace CollabMetrics.IO;

/// <summary>Why a record (or a whole file) was rejected.</summary>
public enum SkipReason
{
    /// <summary>The record is not well-formed in its format (bad JSON, an unterminated record, a wrong column count).</summary>
    Malformed = 0,

    /// <summary>The input ends in the middle of a record.</summary>
    Truncated = 1,

    /// <summary>The bytes are not valid UTF-8.</summary>
    InvalidEncoding = 2,

    /// <summary>A column or field the format requires is absent (the whole file is rejected when a column is missing).</summary>
    MissingRequiredField = 3,

    /// <summary>The year is not a whole number in a plausible range.</summary>
    InvalidYear = 4,

    /// <summary>A number (citations, a position) is not a valid number.</summary>
    InvalidNumber = 5,

    /// <summary>A country code is not an ISO 3166-1 code.</summary>
    UnknownCountryCode = 6,

    /// <summary>The record contradicts itself (for example two rows of one publication with different years).</summary>
    Inconsistent = 7,

    /// <summary>The file's format was not recognised.</summary>
    UnrecognisedFormat = 8,

    /// <summary>
    /// The record is larger than a limit of <see cref="ReadOptions.Limits"/> (bytes, a field, authors, affiliations,
    /// JSON depth); the message names the limit and how to raise it.
    /// </summary>
    TooLarge = 9,
}
