using System.Runtime.CompilerServices;
using System.Text;

namespace CollabMetrics.IO;

/// <summary>What happened at one point of a chunk's parse, in input order (see <see cref="ReadEventLog"/>).</summary>
internal enum ReadEventKind : byte
{
    /// <summary>A record starts: counted as read; for a CSV publication, its id (for the contiguity check).</summary>
    RecordStart,

    /// <summary>A record is rejected (<see cref="ReadNote"/>).</summary>
    Fail,

    /// <summary>A header row found again (a warning).</summary>
    RepeatedHeader,

    /// <summary>A publication is complete: <see cref="ReadEvent.Index"/> in the batch.</summary>
    Publication,

    /// <summary>An affiliation text of the record whose country could not be resolved: the note's message (before the record's <see cref="Publication"/>).</summary>
    Unresolved,

    /// <summary>Affiliations of the record whose country came from a raw affiliation string: <see cref="ReadEvent.Index"/> of them.</summary>
    RawFallback,
}

/// <summary>
/// One event of a parse. Positions are relative to the chunk chain's start (the consumer makes them absolute). For
/// <see cref="ReadEventKind.RecordStart"/>, <see cref="Start"/> and <see cref="Length"/> are the id's bytes in the
/// batch pool, <see cref="RawStart"/> and <see cref="RawLength"/> the first row's raw text (-1 when not kept) and
/// <see cref="Hash"/> the id's hash for the CSV contiguity check, computed by the parser (0 when the read has no such
/// check) and <see cref="Index"/> <see cref="FollowsInOrder"/> when the parser found the id greater, in byte order, than
/// the id of the chunk's record start before it with an id (0 otherwise: the first of the chunk, or not greater); for a
/// <see cref="ReadEventKind.Fail"/> or a repeated header, <see cref="Index"/> is the note; for a publication, its index
/// in the batch.
/// </summary>
internal readonly record struct ReadEvent(
    ReadEventKind Kind, long Line, long Record, int Index, int Start = 0, int Length = -1, int RawStart = 0, int RawLength = -1, ulong Hash = 0)
{
    /// <summary>
    /// <see cref="Index"/> of a CSV record start whose id is greater than the chunk's id before it (the contiguity
    /// check need not compare them again).
    /// </summary>
    internal const int FollowsInOrder = 1;
}

/// <summary>A problem found while parsing: field, reason, message and raw text (strings are made only for problems).</summary>
internal sealed record ReadNote(string? Field, SkipReason Reason, string Message, string? Raw);

/// <summary>The events and problems of a chunk's parse, in input order, with the batch they refer to.</summary>
internal sealed class ReadEventLog
{
    private ReadEvent[] _events = new ReadEvent[1024];

    internal int Count { get; private set; }

    internal List<ReadNote> Notes { get; } = [];

    internal ref readonly ReadEvent this[int index] => ref _events[index];

    internal void Clear()
    {
        Count = 0;
        Notes.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(in ReadEvent e)
    {
        var events = _events;
        int count = Count;
        if ((uint)count >= (uint)events.Length)
        {
            events = Grow();
        }

        events[count] = e;
        Count = count + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReadEvent[] Grow()
    {
        Array.Resize(ref _events, _events.Length * 2);
        return _events;
    }

    /// <summary>Adds a note and returns its index.</summary>
    internal int Note(string? field, SkipReason reason, string message, string? raw)
    {
        Notes.Add(new ReadNote(field, reason, message, raw));
        return Notes.Count - 1;
    }

    /// <summary>The raw text kept for rejects: the first <see cref="RejectedRecord.MaxRawLength"/> bytes as text.</summary>
    internal static string Raw(ReadOnlySpan<byte> utf8) => RejectedRecord.Cut(utf8);

    /// <summary>Text of UTF-8 bytes for a message.</summary>
    internal static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
