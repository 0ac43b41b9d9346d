using System.Text;

namespace CollabMetrics.IO;

/// <summary>
/// A small direct-mapped cache of strings made from UTF-8 bytes: the same bytes give back the same string while their
/// slot holds it, so values that repeat from record to record (institution ids and names, raw affiliation strings,
/// topic names) are decoded and allocated once instead of once per record. A miss decodes the bytes as
/// <see cref="Encoding.UTF8"/> would and takes the slot; values longer than <see cref="MaxBytes"/> are not cached.
/// Not thread-safe: one cache per reader.
/// </summary>
internal sealed class Utf8StringCache
{
    /// <summary>The longest value (in UTF-8 bytes) that is cached.</summary>
    public const int MaxBytes = 96;

    private readonly Entry[] _entries;
    private readonly int _mask;

    /// <param name="slots">The number of slots, a power of two.</param>
    public Utf8StringCache(int slots = 2048)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "The number of slots must be a power of two.");
        }

        _entries = new Entry[slots];
        _mask = slots - 1;
    }

    /// <summary>The string of <paramref name="utf8"/> (valid UTF-8), from the cache when the same bytes were seen last in its slot.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var entry = ref _entries[(int)CorpusHashIndex.Hash(utf8) & _mask];
        if (entry.Value is not null && entry.Length == utf8.Length && entry.Bytes.AsSpan(0, entry.Length).SequenceEqual(utf8))
        {
            return entry.Value;
        }

        var value = Encoding.UTF8.GetString(utf8);
        entry.Bytes ??= new byte[MaxBytes];
        utf8.CopyTo(entry.Bytes);
        entry.Length = utf8.Length;
        entry.Value = value;
        return value;
    }

    private struct Entry
    {
        public byte[]? Bytes;
        public int Length;
        public string? Value;
    }
}
