using System.Text;
using CollabMetrics.Model;

namespace CollabMetrics.IO;

/// <summary>
/// What happened while reading and building: records read and accepted, what was skipped and why, duplicates,
/// publications without any country, and affiliations whose country could not be resolved (with their text).
/// </summary>
/// <remarks>
/// Readers and <see cref="CorpusBuilder"/> fill a report as they go; read it when they are done. Counts are
/// complete; individual problems are kept as examples up to <see cref="ReadOptions.MaxIssueSamples"/>.
/// All members are thread-safe. The public surface is read-only: only the library's readers and builders add to a
/// report. The report of a corpus (<see cref="Corpus.Report"/>) is read-only for good (<see cref="IsReadOnly"/>):
/// a reader given it throws instead of changing what the corpus reports.
/// </remarks>
public sealed class IngestReport
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SkipReason, long> _skipped = [];
    private readonly Dictionary<ExclusionReason, long> _excluded = [];
    private readonly List<SkippedFile> _skippedFiles = [];
    private readonly Dictionary<string, long> _unresolved = new(StringComparer.Ordinal);
    private readonly List<IngestIssue> _issues = [];
    private readonly List<string> _files = [];
    private long _recordsRead;
    private long _accepted;
    private long _duplicateIds;
    private long _duplicateDois;
    private long _mergeConflicts;
    private long _withoutCountry;
    private long _withoutYear;
    private long _bytesRead;
    private bool _readOnly;
    private long _rawFallbacks;
    private long _warnings;
    private long _repeatedHeaders;
    private long _authorsTruncated;
    private readonly List<string> _unknownColumns = [];

    /// <summary>Creates an empty report.</summary>
    /// <param name="maxIssueSamples">How many individual problems to keep as examples.</param>
    public IngestReport(int maxIssueSamples = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxIssueSamples);
        MaxIssueSamples = maxIssueSamples;
    }

    /// <summary>Whether the report belongs to a built corpus and can no longer change.</summary>
    public bool IsReadOnly { get { lock (_gate) { return _readOnly; } } }

    /// <summary>How many individual problems are kept as examples.</summary>
    public int MaxIssueSamples { get; }

    /// <summary>The files read, in order.</summary>
    public IReadOnlyList<string> Files { get { lock (_gate) { return [.. _files]; } } }

    /// <summary>Records found in the input, good or bad.</summary>
    public long RecordsRead { get { lock (_gate) { return _recordsRead; } } }

    /// <summary>Bytes read from the input files (compressed bytes for .gz).</summary>
    public long BytesRead { get { lock (_gate) { return _bytesRead; } } }

    /// <summary>
    /// Publications that went into the corpus, as counted by <see cref="CorpusBuilder"/>. Readers do not count
    /// them (so that one report shared by readers and builder counts each publication once): for a reader alone,
    /// the publications it produced are <see cref="RecordsRead"/> minus <see cref="SkippedTotal"/>.
    /// </summary>
    public long Accepted { get { lock (_gate) { return _accepted; } } }

    /// <summary>Records skipped, all reasons together.</summary>
    public long SkippedTotal { get { lock (_gate) { return _skipped.Values.Sum(); } } }

    /// <summary>Records skipped, by reason; reasons that never occurred are absent.</summary>
    public IReadOnlyDictionary<SkipReason, long> Skipped { get { lock (_gate) { return new System.Collections.ObjectModel.ReadOnlyDictionary<SkipReason, long>(new Dictionary<SkipReason, long>(_skipped)); } } }

    /// <summary>
    /// Publications read and merged but left out of the corpus by its <see cref="DocumentFilter"/> (retracted works and
    /// paratext by default, hyper-authored works on request), by reason; reasons that never occurred are absent. A
    /// publication is counted under the first reason that applies, in the order of <see cref="ExclusionReason"/>.
    /// </summary>
    public IReadOnlyDictionary<ExclusionReason, long> Excluded { get { lock (_gate) { return new System.Collections.ObjectModel.ReadOnlyDictionary<ExclusionReason, long>(new Dictionary<ExclusionReason, long>(_excluded)); } } }

    /// <summary>Publications left out by the <see cref="DocumentFilter"/>, all reasons together.</summary>
    public long ExcludedTotal { get { lock (_gate) { return _excluded.Values.Sum(); } } }

    /// <summary>
    /// Accepted publications whose author list the source cut short (OpenAlex <c>is_authors_truncated</c>): their
    /// counts cover the authors given only. Flagged, not left out.
    /// </summary>
    public long AuthorsTruncated { get { lock (_gate) { return _authorsTruncated; } } }

    /// <summary>
    /// Files found in a directory or by a pattern that were not read because they are not publication files (the
    /// OpenAlex snapshot's <c>manifest</c>, hidden files, other extensions), in order, with the reason.
    /// </summary>
    public IReadOnlyList<SkippedFile> SkippedFiles { get { lock (_gate) { return [.. _skippedFiles]; } } }

    /// <summary>Records merged with one read before because their (source, id) had been seen already.</summary>
    public long DuplicateIds { get { lock (_gate) { return _duplicateIds; } } }

    /// <summary>Publications merged into an earlier one with the same DOI (from another source or record).</summary>
    public long DuplicateDois { get { lock (_gate) { return _duplicateDois; } } }

    /// <summary>
    /// Records merged with another record of the same publication (same DOI, or same source and id) whose year,
    /// number of authors or countries of an author position differ from the record the merge rule puts first; each
    /// is kept as an example (<see cref="IngestIssueKind.MergeConflict"/>) naming the file and record of both.
    /// </summary>
    public long MergeConflicts { get { lock (_gate) { return _mergeConflicts; } } }

    /// <summary>Accepted publications with no resolved country at all: they are excluded from every country metric.</summary>
    public long PublicationsWithoutCountry { get { lock (_gate) { return _withoutCountry; } } }

    /// <summary>Accepted publications without a publication year: they are excluded from every year slice.</summary>
    public long PublicationsWithoutYear { get { lock (_gate) { return _withoutYear; } } }

    /// <summary>
    /// OpenAlex affiliations whose country came from the authorship's <c>raw_affiliation_strings</c> through the
    /// address resolver, because OpenAlex gave the authorship no country (see <see cref="ReadOptions.ResolveRawAffiliations"/>).
    /// </summary>
    public long RawAffiliationFallbacks { get { lock (_gate) { return _rawFallbacks; } } }

    /// <summary>Problems in inputs that were read anyway (unknown columns, repeated header rows), each also in <see cref="Issues"/>.</summary>
    public long Warnings { get { lock (_gate) { return _warnings; } } }

    /// <summary>Header rows found again inside a file (exports concatenated into one file): recognised and skipped, not records.</summary>
    public long RepeatedHeaderRows { get { lock (_gate) { return _repeatedHeaders; } } }

    /// <summary>Columns of CSV and tab-delimited headers that the reader does not know and ignored, as "file: column", in order.</summary>
    public IReadOnlyList<string> UnknownColumns { get { lock (_gate) { return [.. _unknownColumns]; } } }

    /// <summary>Records skipped because they were larger than a limit of <see cref="ReadOptions.Limits"/>.</summary>
    public long TooLarge { get { lock (_gate) { return _skipped.GetValueOrDefault(SkipReason.TooLarge); } } }

    /// <summary>Records or inputs reported as cut off (<see cref="SkipReason.Truncated"/>): a file or a compressed stream that ends too early.</summary>
    public long Truncated { get { lock (_gate) { return _skipped.GetValueOrDefault(SkipReason.Truncated); } } }

    /// <summary>Affiliation texts whose country could not be resolved, with how often each occurred, most frequent first.</summary>
    public IReadOnlyList<UnresolvedAffiliation> UnresolvedAffiliations
    {
        get
        {
            lock (_gate)
            {
                // Sorted in place rather than through LINQ: every read asks for this list, and LINQ's iterators over
                // these types are compiled at run time (not in the ReadyToRun image).
                var list = new UnresolvedAffiliation[_unresolved.Count];
                int i = 0;
                foreach (var (text, count) in _unresolved)
                {
                    list[i++] = new UnresolvedAffiliation(text, count);
                }

                Array.Sort(list, static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Text, b.Text));
                return list;
            }
        }
    }

    /// <summary>Individual problems (skipped records, duplicates), in the order they occurred, up to <see cref="MaxIssueSamples"/>.</summary>
    public IReadOnlyList<IngestIssue> Issues { get { lock (_gate) { return [.. _issues]; } } }

    /// <summary>Adds another report's counts into this one (for example, one report per file).</summary>
    internal void Add(IngestReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("A report cannot be added to itself.", nameof(other));
        }

        var files = other.Files;
        var skipped = other.Skipped;
        var excluded = other.Excluded;
        var skippedFiles = other.SkippedFiles;
        var unresolved = other.UnresolvedAffiliations;
        var issues = other.Issues;
        lock (_gate)
        {
            ThrowIfReadOnly();
            _files.AddRange(files);
            _recordsRead += other.RecordsRead;
            _bytesRead += other.BytesRead;
            _accepted += other.Accepted;
            _duplicateIds += other.DuplicateIds;
            _duplicateDois += other.DuplicateDois;
            _mergeConflicts += other.MergeConflicts;
            _withoutCountry += other.PublicationsWithoutCountry;
            _withoutYear += other.PublicationsWithoutYear;
            _rawFallbacks += other.RawAffiliationFallbacks;
            _warnings += other.Warnings;
            _repeatedHeaders += other.RepeatedHeaderRows;
            _authorsTruncated += other.AuthorsTruncated;
            _skippedFiles.AddRange(skippedFiles);
            foreach (var (reason, count) in excluded)
            {
                _excluded[reason] = _excluded.GetValueOrDefault(reason) + count;
            }
            _unknownColumns.AddRange(other.UnknownColumns);
            foreach (var (reason, count) in skipped)
            {
                _skipped[reason] = _skipped.GetValueOrDefault(reason) + count;
            }

            foreach (var u in unresolved)
            {
                _unresolved[u.Text] = _unresolved.GetValueOrDefault(u.Text) + u.Count;
            }

            foreach (var issue in issues)
            {
                if (_issues.Count < MaxIssueSamples)
                {
                    _issues.Add(issue);
                }
            }
        }
    }

    /// <summary>A readable multi-line summary, as the command-line tool's <c>inspect</c> prints it.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Records read: ").Append(RecordsRead).AppendLine();
        sb.Append("Accepted: ").Append(Accepted).AppendLine();
        sb.Append("Skipped: ").Append(SkippedTotal).AppendLine();
        foreach (var (reason, count) in Skipped.OrderBy(kv => kv.Key))
        {
            sb.Append("  ").Append(reason).Append(": ").Append(count).AppendLine();
        }

        var excluded = Excluded;
        if (excluded.Count > 0)
        {
            sb.Append("Left out: ").Append(ExcludedTotal).AppendLine();
            foreach (var (reason, count) in excluded.OrderBy(kv => kv.Key))
            {
                sb.Append("  ").Append(reason).Append(": ").Append(count).AppendLine();
            }
        }

        if (AuthorsTruncated > 0)
        {
            sb.Append("Author lists cut short by the source: ").Append(AuthorsTruncated).AppendLine();
        }

        var skippedFiles = SkippedFiles;
        if (skippedFiles.Count > 0)
        {
            sb.Append("Files not read: ").Append(skippedFiles.Count).Append(" (").Append(string.Join("; ", skippedFiles.Take(5))).Append(skippedFiles.Count > 5 ? "; ..." : string.Empty).Append(')').AppendLine();
        }

        sb.Append("Duplicate ids: ").Append(DuplicateIds).AppendLine();
        sb.Append("Merged by DOI: ").Append(DuplicateDois).AppendLine();
        sb.Append("Merge conflicts: ").Append(MergeConflicts).AppendLine();
        sb.Append("Without any country: ").Append(PublicationsWithoutCountry).AppendLine();
        sb.Append("Without a year: ").Append(PublicationsWithoutYear).AppendLine();
        if (RawAffiliationFallbacks > 0)
        {
            sb.Append("Countries from raw affiliation strings: ").Append(RawAffiliationFallbacks).AppendLine();
        }

        if (Warnings > 0)
        {
            sb.Append("Warnings: ").Append(Warnings).AppendLine();
        }

        if (RepeatedHeaderRows > 0)
        {
            sb.Append("Repeated header rows: ").Append(RepeatedHeaderRows).AppendLine();
        }

        var unknownColumns = UnknownColumns;
        if (unknownColumns.Count > 0)
        {
            sb.Append("Unknown columns (ignored): ").Append(string.Join("; ", unknownColumns)).AppendLine();
        }

        var unresolved = UnresolvedAffiliations;
        sb.Append("Unresolved affiliations: ").Append(unresolved.Sum(u => u.Count)).Append(" (").Append(unresolved.Count).Append(" distinct)").AppendLine();
        return sb.ToString();
    }

    internal void AddFile(string file)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _files.Add(file);
        }
    }

    internal void AddRecordRead(long count = 1)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _recordsRead += count;
        }
    }

    internal void AddBytes(long bytes)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _bytesRead += bytes;
        }
    }

    internal void AddAccepted(long count = 1)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _accepted += count;
        }
    }

    internal void AddWithoutCountry(long count = 1)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _withoutCountry += count;
        }
    }

    internal void AddExcluded(ExclusionReason reason, long count = 1)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _excluded[reason] = _excluded.GetValueOrDefault(reason) + count;
        }
    }

    internal void AddAuthorsTruncated(long count = 1)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _authorsTruncated += count;
        }
    }

    internal void AddSkippedFile(string path, string reason)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _skippedFiles.Add(new SkippedFile(path, reason));
        }
    }

    internal void AddWithoutYear(long count = 1)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _withoutYear += count;
        }
    }

    internal void AddUnresolved(string text, long count = 1)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _unresolved[text] = _unresolved.GetValueOrDefault(text) + count;
        }
    }

    internal void AddDuplicateId(SourcePosition position, string id)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _duplicateIds++;
            AddIssueLocked(new IngestIssue(position, null, IngestIssueKind.DuplicateId, null, $"Duplicate id '{id}': merged with the record read before (see the merge rule)."));
        }
    }

    internal void AddDuplicateDoi(SourcePosition position, string doi, string keptId)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _duplicateDois++;
            AddIssueLocked(new IngestIssue(position, "DOI", IngestIssueKind.DuplicateDoi, null, $"DOI '{doi}' already read as '{keptId}': merged with it."));
        }
    }

    internal void AddMergeConflict(SourcePosition position, string field, string message)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _mergeConflicts++;
            AddIssueLocked(new IngestIssue(position, field, IngestIssueKind.MergeConflict, null, message));
        }
    }

    internal void AddRawFallback(long count = 1)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _rawFallbacks += count;
        }
    }

    internal void AddWarning(SourcePosition position, string? field, string message)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _warnings++;
            AddIssueLocked(new IngestIssue(position, field, IngestIssueKind.Warning, null, message));
        }
    }

    internal void AddRepeatedHeader(SourcePosition position)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _repeatedHeaders++;
            _warnings++;
            AddIssueLocked(new IngestIssue(position, null, IngestIssueKind.Warning, null, "the header row is repeated here (exports concatenated into one file?): skipped, not counted as a record."));
        }
    }

    internal void AddUnknownColumn(SourcePosition position, string column, string message)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _unknownColumns.Add($"{position.File ?? "input"}: {column}");
            _warnings++;
            AddIssueLocked(new IngestIssue(position, column, IngestIssueKind.Warning, null, message));
        }
    }

    /// <summary>Skipped records so far and records read so far, read together.</summary>
    internal (long Skipped, long Read) ErrorCounts()
    {
        lock (_gate)
        {
            long skipped = 0;
            foreach (var count in _skipped.Values)
            {
                skipped += count;
            }

            return (skipped, _recordsRead);
        }
    }

    /// <summary>Records a skipped record (lenient mode).</summary>
    internal void AddSkipped(SourcePosition position, string? field, SkipReason reason, string message)
    {
        lock (_gate)
        {
            ThrowIfReadOnly();
            _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;
            AddIssueLocked(new IngestIssue(position, field, IngestIssueKind.Skipped, reason, message));
        }
    }

    /// <summary>Makes the report read-only for good (the report of a built corpus) and returns it.</summary>
    internal IngestReport Freeze()
    {
        lock (_gate)
        {
            _readOnly = true;
        }

        return this;
    }

    private void ThrowIfReadOnly()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("This ingest report belongs to a built corpus and is read-only: give the reader or builder a new IngestReport.");
        }
    }

    private void AddIssueLocked(IngestIssue issue)
    {
        if (_issues.Count < MaxIssueSamples)
        {
            _issues.Add(issue);
        }
    }
}

/// <summary>A file found in a directory or by a pattern and not read, and why.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">Why it was not read ("not a publication file: the snapshot manifest", "hidden file", ...).</param>
public readonly record struct SkippedFile(string Path, string Reason)
{
    /// <summary>"path (reason)".</summary>
    public override string ToString() => $"{Path} ({Reason})";
}

/// <summary>An affiliation text whose country could not be resolved, and how often it occurred.</summary>
/// <param name="Text">The address or affiliation text as the source gives it.</param>
/// <param name="Count">How many affiliations had exactly this text.</param>
public readonly record struct UnresolvedAffiliation(string Text, long Count);

/// <summary>One problem met while reading or building.</summary>
/// <param name="Position">Where.</param>
/// <param name="Field">The field or column, or null.</param>
/// <param name="Kind">Skipped record, duplicate id, DOI merge or warning.</param>
/// <param name="Reason">For a skipped record, why.</param>
/// <param name="Message">What was wrong, in words.</param>
public sealed record IngestIssue(SourcePosition Position, string? Field, IngestIssueKind Kind, SkipReason? Reason, string Message)
{
    /// <summary>"position, field F: message".</summary>
    public override string ToString() => Field is null ? $"{Position}: {Message}" : $"{Position}, field {Field}: {Message}";
}

/// <summary>The kind of an <see cref="IngestIssue"/>.</summary>
public enum IngestIssueKind
{
    /// <summary>A record was skipped (lenient mode).</summary>
    Skipped = 0,

    /// <summary>A record repeated a (source, id) already read; the two were merged by the merge rule.</summary>
    DuplicateId = 1,

    /// <summary>A record had the DOI of one already read; it was merged into that one.</summary>
    DuplicateDoi = 2,

    /// <summary>Two records of one publication disagreed (year, number of authors or countries of an author); they were merged by the merge rule.</summary>
    MergeConflict = 3,

    /// <summary>A problem in an input that was read anyway: an unknown column, a repeated header row.</summary>
    Warning = 4,
}
