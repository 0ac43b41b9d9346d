using System.Text;
using CollabMetrics.Model;

namespace CollabMetrics.Cli.Output;

/// <summary>
/// Writes a corpus as a Parquet file in the long format of the CollabMetrics CSV (docs/formats.md): the same sixteen
/// columns in the same order, one row per publication, author and affiliation, typed (years, positions and citations
/// INT32, the four flags BOOLEAN, the rest UTF-8 strings) with nulls where the CSV leaves a cell empty. Publications
/// are read one at a time and rows go out in row groups (<see cref="ParquetTableWriter"/>), so memory stays bounded by
/// one row group whatever the size of the corpus.
/// </summary>
internal static class CorpusParquet
{
    /// <summary>The columns, in the CSV's order.</summary>
    public static readonly ParquetColumn[] Columns =
    [
        new("publication_id", ParquetColumnType.String),
        new("source", ParquetColumnType.String),
        new("doi", ParquetColumnType.String),
        new("year", ParquetColumnType.Int32),
        new("author_position", ParquetColumnType.Int32),
        new("author_id", ParquetColumnType.String),
        new("corresponding", ParquetColumnType.Boolean),
        new("institution_id", ParquetColumnType.String),
        new("institution_name", ParquetColumnType.String),
        new("country", ParquetColumnType.String),
        new("technologies", ParquetColumnType.String),
        new("citations", ParquetColumnType.Int32),
        new("document_type", ParquetColumnType.String),
        new("retracted", ParquetColumnType.Boolean),
        new("paratext", ParquetColumnType.Boolean),
        new("authors_truncated", ParquetColumnType.Boolean),
    ];

    /// <summary>Writes <paramref name="corpus"/> to <paramref name="stream"/> (writable, seekable; left open).</summary>
    /// <param name="corpus">The corpus or view.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="rowGroupRows">The most rows of a row group; null for the default bound.</param>
    /// <param name="cancellationToken">Stops between publications.</param>
    /// <returns>The number of rows written.</returns>
    public static long Write(Corpus corpus, Stream stream, int? rowGroupRows = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        KeyValuePair<string, string>[] metadata = [new("format", "collabmetrics-long"), new("publications", corpus.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        using var writer = new ParquetTableWriter(Columns, metadata, stream, rowGroupRows);
        var scratch = new StringBuilder();
        int done = 0;
        foreach (var record in corpus.Records)
        {
            if ((++done & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            WritePublication(writer, record.ToPublication(), scratch);
        }

        long rows = writer.RowsWritten;
        writer.Complete();
        return rows;
    }

    private static void WritePublication(ParquetTableWriter writer, Publication publication, StringBuilder scratch)
    {
        string? technologies = JoinTechnologies(publication.Technologies, scratch);
        if (publication.Authors.Count == 0)
        {
            Row(writer, publication, technologies, position: null, author: null, affiliation: null);
            return;
        }

        for (int a = 0; a < publication.Authors.Count; a++)
        {
            var author = publication.Authors[a];
            if (author.Affiliations.Count == 0)
            {
                Row(writer, publication, technologies, a + 1, author, affiliation: null);
                continue;
            }

            for (int f = 0; f < author.Affiliations.Count; f++)
            {
                Row(writer, publication, technologies, a + 1, author, author.Affiliations[f]);
            }
        }
    }

    private static void Row(ParquetTableWriter writer, Publication publication, string? technologies, int? position, Author? author, Affiliation? affiliation)
    {
        writer.BeginRow();
        writer.WriteText(publication.Id);
        writer.WriteText(publication.Source.ToString());
        writer.WriteText(publication.Doi);
        writer.WriteInteger(publication.Year);
        writer.WriteInteger(position);
        writer.WriteText(author?.Id);
        writer.WriteBoolean(author?.IsCorresponding);
        writer.WriteText(affiliation?.InstitutionId);
        writer.WriteText(affiliation?.InstitutionName);
        writer.WriteText(affiliation is { Country.IsKnown: true } ? affiliation.Country.Code : null);
        writer.WriteText(technologies);
        writer.WriteInteger(publication.Citations);
        writer.WriteText(publication.DocumentType == DocumentType.Unknown ? null : publication.DocumentType.ToName());
        writer.WriteBoolean(publication.IsRetracted);
        writer.WriteBoolean(publication.IsParatext);
        writer.WriteBoolean(publication.AuthorsTruncated);
        writer.EndRow();
    }

    /// <summary>The labels joined by <c>;</c>, a <c>;</c> or <c>\</c> inside a label escaped with <c>\</c>, as the CSV writes them; null without labels.</summary>
    private static string? JoinTechnologies(IReadOnlyList<string> labels, StringBuilder scratch)
    {
        if (labels.Count == 0)
        {
            return null;
        }

        scratch.Clear();
        for (int i = 0; i < labels.Count; i++)
        {
            if (i > 0)
            {
                scratch.Append(';');
            }

            foreach (char c in labels[i])
            {
                if (c is '\\' or ';')
                {
                    scratch.Append('\\');
                }

                scratch.Append(c);
            }
        }

        return scratch.ToString();
    }
}
