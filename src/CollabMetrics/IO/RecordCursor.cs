using CollabMetrics.Model;

namespace CollabMetrics.IO;

/// <summary>
/// Reads one input publication by publication as records of <see cref="RecordBatch"/>es, reporting every problem
/// to the read's <see cref="ReadContext"/> in input order on the way: what the corpus builder and the streamed
/// aggregation consume, so that neither needs <see cref="Publication"/> objects.
/// </summary>
internal abstract class RecordCursor : IDisposable
{
    /// <summary>The batch that holds the current publication.</summary>
    internal RecordBatch Batch { get; private protected set; } = null!;

    /// <summary>The current publication's index in <see cref="Batch"/>.</summary>
    internal int Index { get; private protected set; }

    /// <summary>Moves to the next accepted publication; false at the end of the input.</summary>
    internal abstract bool MoveNext();

    public virtual void Dispose()
    {
    }
}

/// <summary>One record: publication <see cref="Index"/> of <see cref="Batch"/>.</summary>
internal readonly record struct RecordRef(RecordBatch Batch, int Index);

/// <summary>What a consumer of records needs besides countries, authors, years, ids and DOIs.</summary>
/// <param name="Institutions">Institution ids and names, and the addresses of affiliations (a corpus, the institution level).</param>
/// <param name="AuthorKeys">Author ids and names (a corpus that keeps author keys or record details).</param>
internal readonly record struct RecordNeeds(bool Institutions, bool AuthorKeys)
{
    /// <summary>Everything a reader gives.</summary>
    internal static RecordNeeds All => new(Institutions: true, AuthorKeys: true);
}

/// <summary>
/// Records of a reader that produces <see cref="Publication"/> objects: each is written into a batch of one, reused;
/// with <c>keepBatches</c>, into batches of up to <see cref="KeptBatchSize"/> that are never reused.
/// </summary>
internal sealed class PublicationCursor(IEnumerable<Publication> publications, string? fileName, bool keepBatches = false) : RecordCursor
{
    /// <summary>Publications a kept batch holds.</summary>
    internal const int KeptBatchSize = 256;

    private readonly IEnumerator<Publication> _publications = publications.GetEnumerator();
    private RecordBatch _batch = new() { FileName = fileName };

    internal override bool MoveNext()
    {
        if (!_publications.MoveNext())
        {
            return false;
        }

        if (!keepBatches)
        {
            _batch.Clear();
        }
        else if (_batch.Count == KeptBatchSize)
        {
            _batch = new RecordBatch { FileName = fileName };
        }

        _batch.Add(_publications.Current);
        Batch = _batch;
        Index = _batch.Count - 1;
        return true;
    }

    public override void Dispose()
    {
        _publications.Dispose();
        base.Dispose();
    }
}
