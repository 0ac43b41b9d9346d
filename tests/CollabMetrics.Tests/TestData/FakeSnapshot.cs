using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace CollabMetrics.Tests.TestData;

/// <summary>
/// A small OpenAlex snapshot folder made from the works-50 fixture, laid out as the real one:
/// <c>works/updated_date=YYYY-MM-DD/part_NNN.gz</c> (gzip-compressed JSON Lines, one work a line) and a
/// <c>works/manifest</c>. Deleted on dispose.
/// </summary>
internal sealed class FakeSnapshot : IDisposable
{
    private FakeSnapshot(string root, string works, IReadOnlyList<string> parts)
    {
        Root = root;
        Works = works;
        Parts = parts;
    }

    /// <summary>The folder holding <c>works</c>.</summary>
    public string Root { get; }

    /// <summary>The <c>works</c> folder.</summary>
    public string Works { get; }

    /// <summary>The part files, in path order.</summary>
    public IReadOnlyList<string> Parts { get; }

    /// <summary>The fixture's works as JSON lines, in file order.</summary>
    public static IReadOnlyList<string> FixtureLines()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        return [.. document.RootElement.EnumerateArray().Select(w => w.GetRawText().ReplaceLineEndings(" "))];
    }

    /// <summary>
    /// Splits the fixture's 50 works, in order, over <paramref name="parts"/> part files spread over three
    /// updated_date folders, and writes a manifest listing them.
    /// </summary>
    public static FakeSnapshot Create(int parts = 7)
    {
        var root = Directory.CreateTempSubdirectory("collabmetrics-snapshot-").FullName;
        var works = Path.Combine(root, "works");
        var lines = FixtureLines();
        var paths = new List<string>();
        int perPart = (lines.Count + parts - 1) / parts;
        for (int p = 0; p < parts; p++)
        {
            var folder = Path.Combine(works, $"updated_date=2024-0{1 + (p * 3 / parts)}-15");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"part_{p:D3}.gz");
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                var text = string.Concat(lines.Skip(p * perPart).Take(perPart).Select(l => l + "\n"));
                gzip.Write(Encoding.UTF8.GetBytes(text));
            }

            paths.Add(path);
        }

        var manifest = new StringBuilder("{\"entries\": [");
        manifest.AppendJoin(", ", paths.Select(p => $"{{\"url\": \"s3://openalex/data/works/{Path.GetRelativePath(works, p).Replace('\\', '/')}\", \"meta\": {{\"record_count\": {perPart}}}}}"));
        manifest.Append("]}");
        File.WriteAllText(Path.Combine(works, "manifest"), manifest.ToString());
        paths.Sort(StringComparer.Ordinal);
        return new FakeSnapshot(root, works, paths);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
