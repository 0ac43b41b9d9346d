namespace CollabMetrics.IO;

/// <summary>
/// How far a consumer of record batches has mapped the institutions and labels of the batch it reads. A reader hands
/// a batch out while it fills, so the batch gains institutions and labels after its first publications were read, and
/// a reused batch is cleared and filled again (a new <see cref="RecordBatch.Version"/>): the consumer maps what is new
/// and starts over for another batch or version.
/// </summary>
internal struct BatchMapping
{
    private RecordBatch? _batch;
    private int _version;
    private int _institutions;
    private int _technologies;

    /// <summary>
    /// Brings the mapping to <paramref name="batch"/>: its institutions from <paramref name="institutionsFrom"/> and its
    /// labels from <paramref name="technologiesFrom"/> on are not mapped yet (from 0 for a batch or version not seen
    /// before). False when there is nothing new to map.
    /// </summary>
    internal bool Update(RecordBatch batch, out int institutionsFrom, out int technologiesFrom)
    {
        if (batch != _batch || batch.Version != _version)
        {
            _batch = batch;
            _version = batch.Version;
            _institutions = 0;
            _technologies = 0;
        }

        institutionsFrom = _institutions;
        technologiesFrom = _technologies;
        if (batch.InstitutionCount == _institutions && batch.TechnologyCount == _technologies)
        {
            return false;
        }

        _institutions = batch.InstitutionCount;
        _technologies = batch.TechnologyCount;
        return true;
    }

    /// <summary>Grows <paramref name="map"/> to at least <paramref name="count"/> entries (doubling) and sets the entries from <paramref name="from"/> to <paramref name="count"/> to <paramref name="unmapped"/>.</summary>
    internal static void Extend<T>(ref T[] map, int from, int count, T unmapped)
    {
        Grow(ref map, count);
        Array.Fill(map, unmapped, from, count - from);
    }

    /// <summary>Grows <paramref name="map"/> to at least <paramref name="count"/> entries, doubling.</summary>
    internal static void Grow<T>(ref T[] map, int count)
    {
        if (map.Length < count)
        {
            Array.Resize(ref map, Math.Max(count, map.Length * 2));
        }
    }
}
