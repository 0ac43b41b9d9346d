using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics.Synthetic;

/// <summary>
/// Writes the publications of a synthetic corpus straight into a reader's <see cref="RecordBatch"/>, as a file reader
/// writes the records it decodes (id and DOI hashed, institutions interned per batch): the publications
/// <see cref="SyntheticCorpus.Generate(SyntheticCorpusOptions?)"/> yields, without an object per publication, so that a
/// stream of any length allocates nothing per publication. Author ids are not written (a streamed read of files does
/// not keep them). Not thread-safe.
/// </summary>
internal sealed class SyntheticBatches
{
    private readonly SyntheticModel _model;
    private readonly SyntheticPaper _paper = new();
    private readonly byte[][] _institutionIds;
    private readonly byte[][] _institutionNames;
    private readonly int[] _institutionCountries;
    private readonly byte[][] _technologies;
    private readonly bool _dois;
    private long _next;

    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal SyntheticBatches(SyntheticCorpusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _model = new SyntheticModel(options);
        _institutionIds = [.. _model.InstitutionIds.Select(Encoding.UTF8.GetBytes)];
        _institutionNames = [.. _model.InstitutionNames.Select(Encoding.UTF8.GetBytes)];
        _institutionCountries = [.. _model.InstitutionCountries.Select(c => c.Id)];
        _technologies = [.. _model.TechnologyNames.Select(Encoding.UTF8.GetBytes)];
        _dois = options.Dois;
    }

    /// <summary>Publications written so far (the index of the next one).</summary>
    internal long Written => _next;

    /// <summary>
    /// Clears <paramref name="batch"/> and writes the next publications into it, at most <paramref name="count"/>;
    /// returns how many (0 at the end of the corpus).
    /// </summary>
    internal int Fill(RecordBatch batch, int count)
    {
        batch.Clear();
        int n = (int)Math.Min(count, _model.Options.Publications - _next);
        Span<byte> id = stackalloc byte[32];
        Span<byte> doi = stackalloc byte[48];
        var paper = _paper;
        for (int i = 0; i < n; i++, _next++)
        {
            long index = _next;
            _model.Sample(index, paper);
            Utf8.TryWrite(id, CultureInfo.InvariantCulture, $"SYN-{index + 1:D9}", out int idLength);
            int doiLength = 0;
            if (_dois)
            {
                Utf8.TryWrite(doi, CultureInfo.InvariantCulture, $"10.5555/syn-{index + 1:D9}", out doiLength);
            }

            batch.BeginPublication(PublicationSource.Synthetic, paper.Year, paper.Citations >= 0 ? paper.Citations : RecordBatch.NoCitations, 0, index + 1, id[..idLength], doi[..doiLength], _dois);
            for (int u = 0; u < paper.AuthorCount; u++)
            {
                batch.BeginAuthor(u == paper.Corresponding, default, false, default, false);
                int to = paper.AffiliationStart[u + 1];
                for (int a = paper.AffiliationStart[u]; a < to; a++)
                {
                    int institution = paper.Institutions[a];
                    int country = _institutionCountries[institution];
                    int kept = batch.Institution(_institutionIds[institution], true, _institutionNames[institution], true, country);
                    batch.AddAffiliation(country, kept, default, false);
                }
            }

            for (int t = 0; t < paper.TechnologyCount; t++)
            {
                batch.AddTechnology(_technologies[paper.Technologies[t]]);
            }

            batch.EndPublication();
        }

        return n;
    }
}
