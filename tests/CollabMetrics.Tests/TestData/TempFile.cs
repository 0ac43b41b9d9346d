using System.IO.Compression;
using System.Text;

namespace CollabMetrics.Tests.TestData;

/// <summary>A file in the temporary directory, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    private TempFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new empty file name with the given extension (".json", ".jsonl.gz", ...); nothing is written.</summary>
    public static TempFile Named(string extension) =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"collabmetrics-{Guid.NewGuid():N}{extension}"));

    /// <summary>A file holding <paramref name="text"/> as UTF-8 (gzip-compressed when the extension ends with .gz).</summary>
    public static TempFile WithText(string extension, string text) => WithBytes(extension, Encoding.UTF8.GetBytes(text));

    /// <summary>A file holding <paramref name="bytes"/> (gzip-compressed when the extension ends with .gz).</summary>
    public static TempFile WithBytes(string extension, byte[] bytes)
    {
        var file = Named(extension);
        if (extension.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var output = File.Create(file.Path);
            using var gzip = new GZipStream(output, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(file.Path, bytes);
        }

        return file;
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that records reports synchronously (Progress&lt;T&gt; posts them later).</summary>
internal sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(T value)
    {
        lock (_gate)
        {
            _reports.Add(value);
        }
    }
}
