using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CollabMetrics.Aggregation;

/// <remarks>
/// Storage follows the library's I/O scheme: <c>ToJson()</c> returns the text, <c>ToJson(Stream)</c> writes to a
/// stream left open, <c>ToJsonFile(path)</c> writes a file, each with an <c>Async</c> twin; <c>FromJson</c> and
/// <c>FromJsonFile</c> read them back. The CSV form is a folder of four tables:
/// <c>ToCsvDirectory(path)</c> and <c>FromCsvDirectory(path)</c>. Loading checks the format version and every
/// invariant of the counts (see docs/aggregation.md): a changed or damaged cube fails to load with a message that
/// names the cell, the unit or pair, and the field.
/// </remarks>
[SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Stream and file twins share the optional token; the first parameter's type tells them apart.")]
public sealed partial class CollaborationCube
{
    /// <summary>
    /// The version of the JSON and CSV formats written by this library: 2 stores every sum exactly (fixed point, see
    /// docs/aggregation.md). Readers accept this version and version 1 (plain doubles, each read as its exact value).
    /// </summary>
    public const int FormatVersion = 2;

    /// <summary>The cube as JSON text (format <see cref="FormatVersion"/>, see docs/aggregation.md).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        CubeJson.Write(this, stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

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

    /// <summary>Writes the cube as a JSON file, replacing it; its folder is created when missing.</summary>
    /// <param name="path">The file path.</param>
    /// <example>
    /// <code>
    /// cube.ToJsonFile("cube-2023.json");
    /// CollaborationCube again = CollaborationCube.FromJsonFile("cube-2023.json");
    /// </code>
    /// </example>
    public void ToJsonFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = TabularText.CreateFile(path);
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

    /// <summary>The asynchronous twin of <see cref="ToJsonFile(string)"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task ToJsonFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = TabularText.CreateFile(path, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await CubeJson.WriteAsync(this, stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a cube from JSON text written by <see cref="ToJson()"/>. To read a file, use <see cref="FromJsonFile"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="FormatException">The text is not a valid cube of a supported format version; the message names what is wrong and where.</exception>
    public static CollaborationCube FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return CubeJson.Read(stream);
    }

    /// <summary>Reads a cube written by <see cref="ToJson(Stream)"/>.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <exception cref="FormatException">The content is not a valid cube of a supported format version; the message names what is wrong and where.</exception>
    public static CollaborationCube FromJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return CubeJson.Read(stream);
    }

    /// <summary>Reads a cube from a JSON file written by <see cref="ToJsonFile"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The content is not a valid cube of a supported format version; the message names the file, what is wrong and where.</exception>
    public static CollaborationCube FromJsonFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        try
        {
            return CubeJson.Read(stream);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The asynchronous twin of <see cref="FromJson(Stream)"/>.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static Task<CollaborationCube> FromJsonAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return CubeJson.ReadAsync(stream, cancellationToken);
    }

    /// <summary>The asynchronous twin of <see cref="FromJsonFile"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<CollaborationCube> FromJsonFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await CubeJson.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{path}: {e.Message}", e);
            }
        }
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
    /// cube.ToCsvDirectory("out/cube-2023");
    /// var merged = CollaborationCube.Merge(CollaborationCube.FromCsvDirectory("out/cube-2023"), CollaborationCube.FromCsvDirectory("out/cube-2024"));
    /// </code>
    /// </example>
    public void ToCsvDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        CubeCsv.Write(this, directory);
    }

    /// <summary>The asynchronous twin of <see cref="ToCsvDirectory(string)"/>.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public Task ToCsvDirectoryAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return CubeCsv.WriteAsync(this, directory, cancellationToken);
    }

    /// <summary>Reads a cube written by <see cref="ToCsvDirectory(string)"/>.</summary>
    /// <param name="directory">The directory holding the four tables.</param>
    /// <exception cref="FileNotFoundException">A table is missing.</exception>
    /// <exception cref="FormatException">A table is malformed or a count breaks an invariant; the message names the file, line and field.</exception>
    public static CollaborationCube FromCsvDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return CubeCsv.Read(directory);
    }

    /// <summary>The asynchronous twin of <see cref="FromCsvDirectory(string)"/>.</summary>
    /// <param name="directory">The directory holding the four tables.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static Task<CollaborationCube> FromCsvDirectoryAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return CubeCsv.ReadAsync(directory, cancellationToken);
    }
}
