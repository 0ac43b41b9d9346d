using System.Buffers;
using System.Text.Unicode;

namespace CollabMetrics.IO.OpenAlex;

/// <summary>
/// Parses the lines of a <see cref="JsonLinesChunk"/> (one work each) into a chunk result: the publications in its
/// batch and, in input order, an event per record (started, rejected with its note, unresolved affiliation strings,
/// raw-string fallbacks, accepted), with lines and records counted from the start of the chunk. One instance per
/// thread; the consumer replays the events in input order.
/// </summary>
internal sealed class JsonLinesChunkParser : IChunkParser<JsonLinesChunk>
{
    private readonly OpenAlexWorkParser _parser;
    private readonly string? _fileName;
    private readonly int _maxRecord;
    private readonly bool _wantsRaw;

    /// <param name="context">The read.</param>
    /// <param name="institutions">Whether the batches carry institutions and addresses (see <see cref="RecordNeeds.Institutions"/>).</param>
    internal JsonLinesChunkParser(ReadContext context, bool institutions = true)
    {
        var options = context.Options;
        var resolver = options.ResolveRawAffiliations
            ? new AddressResolution(options.Resolver is { } resolverOptions ? new Geography.CountryResolver(resolverOptions) : Geography.CountryResolver.Default, context)
            : null;
        _parser = new OpenAlexWorkParser(options.Technologies, options.Limits, resolver, authorDetails: !options.AuthorDetailsUnused, institutionDetails: institutions);
        _fileName = context.FileName;
        _maxRecord = options.Limits.MaxRecordBytes;
        _wantsRaw = context.WantsRawText;
    }

    public void Parse(JsonLinesChunk chunk, ChunkResult result)
    {
        var batch = result.Batch;
        var log = result.Log;
        batch.Clear();
        log.Clear();
        batch.FileName = _fileName;
        long line = 0;
        long records = 0;
        if (chunk.Oversized)
        {
            records = 1;
            TooLarge(log, 0, 1);
            line = chunk.OversizedTerminated ? 1 : 0;
        }
        else
        {
            var data = chunk.Buffer.AsSpan(0, chunk.Length);
            int pos = 0;
            while (pos < data.Length)
            {
                int newline = data[pos..].IndexOf((byte)'\n');
                bool terminated = newline >= 0;
                int end = terminated ? pos + newline : data.Length;
                var raw = data[pos..end];
                if (!terminated && chunk.Error is not null && raw.Length <= _maxRecord)
                {
                    // Cut off by the broken input before it was whole (nor over the limit): never a record.
                    break;
                }

                if (raw.Length > _maxRecord)
                {
                    records++;
                    TooLarge(log, line, records);
                }
                else
                {
                    var element = raw.Trim(" \t\r"u8);
                    if (!element.IsEmpty)
                    {
                        records++;
                        Work(element, line, records, terminated, batch, log);
                    }
                }

                if (!terminated)
                {
                    break;
                }

                line++;
                pos = end + 1;
            }
        }

        result.Lines = line;
        result.Records = records;
        result.Continues = false;
        result.Error = chunk.Error;
        result.Sequence = chunk.Sequence;
        if (chunk.Buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
        }
    }

    private void TooLarge(ReadEventLog log, long line, long record)
    {
        log.Add(new ReadEvent(ReadEventKind.RecordStart, line, record, 0));
        int note = log.Note(null, SkipReason.TooLarge, JsonWorkSplitter.TooLongMessage(_maxRecord), null);
        log.Add(new ReadEvent(ReadEventKind.Fail, line, record, note));
    }

    /// <summary>One work, as the sequential reader reads a line: validated as UTF-8, parsed, rejected or added.</summary>
    private void Work(ReadOnlySpan<byte> element, long line, long record, bool terminated, RecordBatch batch, ReadEventLog log)
    {
        log.Add(new ReadEvent(ReadEventKind.RecordStart, line, record, 0));
        if (!Utf8.IsValid(element))
        {
            int note = log.Note(
                null,
                SkipReason.InvalidEncoding,
                $"the bytes are not valid UTF-8 (first bad byte at offset {OpenAlexReader.FirstInvalidByte(element)} of the record); save the file as UTF-8.",
                Raw(element));
            log.Add(new ReadEvent(ReadEventKind.Fail, line, record, note));
            return;
        }

        int index = batch.Count;
        try
        {
            _parser.ParseInto(batch, element, line, record);
        }
        catch (RecordRejectedException ex)
        {
            var (field, reason, message) = OpenAlexReader.Rejection(ex, element, isJsonLines: true, terminated);
            int note = log.Note(field, reason, message, Raw(element));
            log.Add(new ReadEvent(ReadEventKind.Fail, line, record, note));
            return;
        }

        foreach (var text in _parser.Unresolved)
        {
            log.Add(new ReadEvent(ReadEventKind.Unresolved, line, record, log.Note(null, SkipReason.Malformed, text, null)));
        }

        if (_parser.RawFallbacks > 0)
        {
            log.Add(new ReadEvent(ReadEventKind.RawFallback, line, record, _parser.RawFallbacks));
        }

        log.Add(new ReadEvent(ReadEventKind.Publication, line, record, index));
    }

    private string? Raw(ReadOnlySpan<byte> element) => _wantsRaw ? RejectedRecord.Cut(element) : null;
}
