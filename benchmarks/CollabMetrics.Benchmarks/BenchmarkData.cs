using System.Collections.Concurrent;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Benchmarks;

/// <summary>The benchmark inputs: synthetic corpora from a fixed seed, and files written from them once.</summary>
internal static class BenchmarkData
{
    /// <summary>The seed of every benchmark corpus.</summary>
    public const ulong Seed = 20_240_601;

    private static readonly ConcurrentDictionary<int, Corpus> s_corpora = new();

    /// <summary>Where the generated files go: $COLLABMETRICS_BENCH_DATA, else a folder in the temporary directory.</summary>
    public static string Directory { get; } = CreateDirectory();

    /// <summary>The generator options of a benchmark corpus of <paramref name="publications"/> publications.</summary>
    public static SyntheticCorpusOptions Options(int publications) =>
        SyntheticCorpusOptions.Default with { Seed = Seed, Publications = publications };

    /// <summary>
    /// The corpus of <paramref name="publications"/> publications as the aggregation benchmarks use it: countries,
    /// institutions, years and technologies; no author ids, DOIs or positions. Built once per process.
    /// </summary>
    public static Corpus Corpus(int publications) =>
        s_corpora.GetOrAdd(publications, n => SyntheticCorpus.BuildCorpus(Options(n), new CorpusOptions { KeepAuthorIds = false, KeepDois = false, KeepRecordDetails = false }));

    /// <summary>The path of a generated file, written by <paramref name="write"/> unless it exists already.</summary>
    public static string File(string name, int publications, Action<string> write)
    {
        var path = Path.Combine(Directory, $"syn-{Seed}-{publications}-{name}");
        if (!System.IO.File.Exists(path))
        {
            var temporary = path + ".tmp";
            write(temporary);
            System.IO.File.Move(temporary, path, overwrite: true);
        }

        return path;
    }

    private static string CreateDirectory()
    {
        var path = Environment.GetEnvironmentVariable("COLLABMETRICS_BENCH_DATA") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "collabmetrics-bench");
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
