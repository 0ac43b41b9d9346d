using System.Text;
using System.Text.RegularExpressions;

namespace CollabMetrics.IO;

/// <summary>
/// The publication files that a list of inputs names: files, directories read recursively (such as the OpenAlex
/// snapshot's <c>works/updated_date=YYYY-MM-DD/part_NNN.gz</c>), and shell patterns (<c>works/**/*.gz</c>), with the
/// files found but not read and why. Every file entry point accepts the same inputs
/// (<see cref="PublicationReader.ReadFiles"/>, <see cref="Corpus.FromFiles"/>, <see cref="PublicationFiles.Open"/>).
/// </summary>
/// <remarks>
/// <para>
/// The files of a directory or a pattern are listed in ordinal order of their path, so a listing does not depend on
/// the file system's order. A file named twice is read once. A file found in a directory or by a pattern is read when
/// its name looks like a publication file: <c>.json</c>, <c>.jsonl</c>, <c>.ndjson</c>, <c>.txt</c>, <c>.csv</c>,
/// <c>.tsv</c> or <c>.tab</c>, each optionally followed by <c>.gz</c>, or <c>.gz</c> alone (the snapshot's
/// <c>part_000.gz</c>). Others -- the snapshot's <c>manifest</c>, hidden files, other extensions -- are listed in
/// <see cref="Skipped"/> and in the reading's <see cref="IngestReport.SkippedFiles"/>. A file named explicitly is
/// always read, whatever its name (its format is detected from its content).
/// </para>
/// <para>
/// Patterns: <c>*</c> matches any characters within one path segment, <c>?</c> one character, <c>[abc]</c> and
/// <c>[a-z]</c> one of a set, and a segment <c>**</c> any number of directories (none included). A pattern is
/// expanded only when no file or directory has its literal name.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// PublicationFileList list = PublicationFileList.Find(["openalex-snapshot/data/works"]);
/// Console.WriteLine($"{list.Files.Count} files, {list.Skipped.Count} skipped");
/// </code>
/// </example>
public sealed class PublicationFileList
{
    private static readonly string[] s_extensions = [".json", ".jsonl", ".ndjson", ".txt", ".csv", ".tsv", ".tab"];
    private static readonly char[] s_wildcards = ['*', '?', '['];

    private PublicationFileList(IReadOnlyList<string> files, IReadOnlyList<SkippedFile> skipped)
    {
        Files = files;
        Skipped = skipped;
    }

    /// <summary>The files to read, in order: each input's files in turn, a directory's or pattern's in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Files found in a directory or by a pattern that are not publication files, with the reason.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }

    /// <summary>Lists the files that <paramref name="inputs"/> name.</summary>
    /// <param name="inputs">Files, directories and patterns; <see cref="PublicationReader.StandardInputPath"/> ("-") is standard input.</param>
    /// <exception cref="ArgumentException">No input is given, or an input is empty.</exception>
    /// <exception cref="FileNotFoundException">
    /// An input is neither a file, a directory nor a pattern that matches a file; or a directory or pattern holds no
    /// publication file (the message lists what it holds).
    /// </exception>
    public static PublicationFileList Find(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string[] given = [.. inputs];
        if (given.Length == 0)
        {
            throw new ArgumentException("Name at least one file.", nameof(inputs));
        }

        var files = new List<string>();
        var skipped = new List<SkippedFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in given)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(input, nameof(inputs));
            if (input == PublicationReader.StandardInputPath || File.Exists(input))
            {
                Add(input);
                continue;
            }

            List<string> found;
            string what;
            if (Directory.Exists(input))
            {
                found = ListDirectory(input);
                what = $"The directory '{input}'";
            }
            else if (input.IndexOfAny(s_wildcards) >= 0)
            {
                found = Expand(input);
                if (found.Count == 0)
                {
                    throw new FileNotFoundException($"The pattern '{input}' matches no file.", input);
                }

                what = $"The pattern '{input}'";
            }
            else
            {
                throw new FileNotFoundException($"The publication file '{input}' does not exist.", input);
            }

            int publicationFiles = 0;
            int skippedBefore = skipped.Count;
            foreach (var file in found)
            {
                if (NotPublicationFile(file) is { } reason)
                {
                    skipped.Add(new SkippedFile(file, reason));
                }
                else
                {
                    publicationFiles++;
                    Add(file);
                }
            }

            if (publicationFiles == 0 && found.Count > 0)
            {
                var examples = string.Join("; ", skipped.Skip(skippedBefore).Take(3));
                throw new FileNotFoundException($"{what} holds no publication file ({skipped.Count - skippedBefore} other files, such as {examples}). Name the files explicitly to read them whatever their names.", input);
            }

            if (found.Count == 0)
            {
                throw new FileNotFoundException($"{what} holds no file.", input);
            }
        }

        return new PublicationFileList(files, skipped);

        void Add(string file)
        {
            var key = file == PublicationReader.StandardInputPath ? file : Path.GetFullPath(file);
            if (seen.Add(key))
            {
                files.Add(file);
            }
        }
    }

    /// <summary>Why a file found in a directory or by a pattern is not read, or null when it is a publication file.</summary>
    internal static string? NotPublicationFile(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.'))
        {
            return "a hidden file";
        }

        if (string.Equals(name, "manifest", StringComparison.OrdinalIgnoreCase))
        {
            return "the snapshot manifest, not a publication file";
        }

        var stem = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        var extension = Path.GetExtension(stem);
        if (extension.Length == 0)
        {
            return stem.Length < name.Length ? null : "no extension: not a publication file name";
        }

        foreach (var known in s_extensions)
        {
            if (string.Equals(extension, known, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return $"the extension '{extension}' is not one of a publication file ({string.Join(", ", s_extensions)}, optionally .gz)";
    }

    /// <summary>Every file under <paramref name="directory"/>, recursively, in ordinal order of the path.</summary>
    private static List<string> ListDirectory(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        var files = Directory.EnumerateFiles(directory, "*", options).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The files a pattern matches, in ordinal order.</summary>
    private static List<string> Expand(string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        bool rooted = normalized.StartsWith('/');
        var segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // The literal directories before the first wildcard are the base; the rest is matched segment by segment.
        int first = 0;
        while (first < segments.Length && segments[first].IndexOfAny(s_wildcards) < 0)
        {
            first++;
        }

        var baseDirectory = string.Join('/', segments[..first]);
        baseDirectory = rooted ? "/" + baseDirectory : baseDirectory.Length == 0 ? "." : baseDirectory;
        if (first == segments.Length || !Directory.Exists(baseDirectory))
        {
            return [];
        }

        var matchers = segments[first..].Select(s => s == "**" ? null : SegmentRegex(s)).ToArray();
        var results = new List<string>();
        Walk(baseDirectory, 0);
        var found = results.Distinct(StringComparer.Ordinal).ToList();
        found.Sort(StringComparer.Ordinal);
        return found;

        void Walk(string directory, int index)
        {
            if (index == matchers.Length)
            {
                return;
            }

            var matcher = matchers[index];
            if (matcher is null && index == matchers.Length - 1)
            {
                // A last "**": every file below, as a directory is listed (hidden files included, and skipped later).
                results.AddRange(ListDirectory(directory).Select(f => directory == "." && !pattern.StartsWith("./", StringComparison.Ordinal) ? Path.GetRelativePath(".", f) : f));
                return;
            }

            if (matcher is null)
            {
                // "**": zero directories, or one more and still "**".
                Walk(directory, index + 1);
                foreach (var sub in Directory.EnumerateDirectories(directory))
                {
                    Walk(sub, index);
                }

                return;
            }

            bool last = index == matchers.Length - 1;
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
            {
                var name = Path.GetFileName(entry);
                if (!matcher.IsMatch(name) || (name.StartsWith('.') && !segments[first + index].StartsWith('.')))
                {
                    continue;
                }

                if (last)
                {
                    if (File.Exists(entry))
                    {
                        results.Add(Join(directory, name));
                    }
                }
                else if (Directory.Exists(entry))
                {
                    Walk(entry, index + 1);
                }
            }
        }

        string Join(string directory, string name) => directory == "." && !pattern.StartsWith("./", StringComparison.Ordinal) ? name : Path.Combine(directory, name);
    }

    /// <summary>A regular expression for one segment of a pattern: <c>*</c>, <c>?</c> and <c>[...]</c>.</summary>
    private static Regex SegmentRegex(string segment)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < segment.Length; i++)
        {
            char c = segment[i];
            switch (c)
            {
                case '*':
                    sb.Append(".*");
                    break;
                case '?':
                    sb.Append('.');
                    break;
                case '[':
                    int close = segment.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        sb.Append(@"\[");
                        break;
                    }

                    var set = segment[(i + 1)..close];
                    bool negate = set.StartsWith('!') || set.StartsWith('^');
                    if (negate)
                    {
                        set = set[1..];
                    }

                    sb.Append('[').Append(negate ? "^" : string.Empty).Append(set.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("]", @"\]", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
