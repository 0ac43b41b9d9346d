namespace CollabMetrics.Aggregation;

public sealed partial class CollaborationCube
{
    /// <summary>The version of the JSON and CSV formats written by this library; readers accept this version.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes the cube as JSON (format <see cref="FormatVersion"/>, see docs/aggregation.md). The stream is left open.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <example>
    /// <code>
    /// using (var file = File.Create("cube-2023.json")) { cube.ToJson(file); }
    /// using (var file = File.OpenRead("cube-2023.json")) { var again = CollaborationCube.FromJson(file); }
    /// </code>
    /// </example>
    public void ToJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CubeJson.Write(this, stream);
    }

    /// <summary>The asynchronous twin of <see cref="ToJson(Stream)"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public Task ToJsonAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return CubeJson.WriteAsync(this, stream, cancellationToken);
    }

    /// <summary>Reads a cube written by <see cref="ToJson(Stream)"/>.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <exception cref="FormatException">The content is not a cube of a supported format version.</exception>
    public static CollaborationCube FromJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return CubeJson.Read(stream);
    }

    /// <summary>The asynchronous twin of <see cref="FromJson(Stream)"/>.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static Task<CollaborationCube> FromJsonAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return CubeJson.ReadAsync(stream, cancellationToken);
    }

    /// <summary>
    /// Writes the cube as CollabMetrics CSV tables into <paramref name="directory"/> (created when missing):
    /// <c>slices.csv</c> (N, N_int, T per year and technology), <c>units.csv</c>, <c>pairs.csv</c> and
    /// <c>cube.csv</c> (format version, options and diagnostics as key-value rows). Invariant culture; an empty
    /// technology is the all-technologies slice.
    /// </summary>
    /// <param name="directory">The directory.</param>
    /// <example>
    /// <code>
    /// cube.ToCsv("out/cube-2023");
    /// var merged = CollaborationCube.Merge(CollaborationCube.FromCsv("out/cube-2023"), CollaborationCube.FromCsv("out/cube-2024"));
    /// </code>
    /// </example>
    public void ToCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        CubeCsv.Write(this, directory);
    }

    /// <summary>The asynchronous twin of <see cref="ToCsv(string)"/>.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public Task ToCsvAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return CubeCsv.WriteAsync(this, directory, cancellationToken);
    }

    /// <summary>Reads a cube written by <see cref="ToCsv(string)"/>.</summary>
    /// <param name="directory">The directory holding the four tables.</param>
    /// <exception cref="FileNotFoundException">A table is missing.</exception>
    /// <exception cref="FormatException">A table is malformed; the message names the file, line and field.</exception>
    public static CollaborationCube FromCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return CubeCsv.Read(directory);
    }

    /// <summary>The asynchronous twin of <see cref="FromCsv(string)"/>.</summary>
    /// <param name="directory">The directory holding the four tables.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static Task<CollaborationCube> FromCsvAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return CubeCsv.ReadAsync(directory, cancellationToken);
    }
}
