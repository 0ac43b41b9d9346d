using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.Metrics;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// The inputs of a command that computes one table: files streamed without a corpus (<see cref="PublicationFiles"/>),
/// or a corpus when the inputs cannot be read twice (standard input, a rejects file that would get every rejected
/// record twice). Both give the same answers.
/// </summary>
internal sealed class TableSource
{
    private readonly PublicationFiles? _files;
    private readonly Corpus? _corpus;
    private readonly CancellationToken _cancellationToken;

    /// <summary>Files read again by each question.</summary>
    public TableSource(PublicationFiles files) => _files = files;

    /// <summary>A corpus read once; <paramref name="cancellationToken"/> stops its aggregation (Ctrl+C).</summary>
    public TableSource(Corpus corpus, CancellationToken cancellationToken)
    {
        _corpus = corpus;
        _cancellationToken = cancellationToken;
    }

    /// <summary>A cube file's counts (<c>--cube</c>), already restricted to <c>--years</c>.</summary>
    /// <param name="cube">The cube.</param>
    /// <param name="shown">The file's name as given, for messages.</param>
    public TableSource(CollaborationCube cube, string shown)
    {
        _cube = cube;
        _cubeName = shown;
    }

    private readonly CollaborationCube? _cube;
    private readonly string? _cubeName;

    /// <summary>The report of the latest read, or null before the first (and for a cube, which keeps no report).</summary>
    public IngestReport? Report => _cube is not null ? null : _files is not null ? _files.Report : _corpus!.Report;

    /// <summary>The country analysis under the input's territory policy (see <see cref="AnalysisSettings"/>).</summary>
    public CollaborationAnalysis Countries(InputSettings input, LinkWeighting links = LinkWeighting.Full) =>
        _cube is not null ? FromCube(UnitLevel.Country, links)
        : _files is not null ? AnalysisSettings.Countries(_files, input, links) : AnalysisSettings.Countries(_corpus!, input, _cancellationToken, links);

    /// <summary>The institution analysis (see <see cref="AnalysisSettings"/>).</summary>
    public CollaborationAnalysis Institutions(LinkWeighting links = LinkWeighting.Full) =>
        _cube is not null ? FromCube(UnitLevel.Institution, links)
        : _files is not null ? AnalysisSettings.Institutions(_files, links) : AnalysisSettings.Institutions(_corpus!, _cancellationToken, links);

    /// <summary>The ingest report of the inputs.</summary>
    public IngestReport Inspect() => _files is not null ? _files.Inspect() : _corpus!.Report;

    private CollaborationAnalysis FromCube(UnitLevel level, LinkWeighting links)
    {
        if (_cube!.Options.Level != level)
        {
            throw new CliUsageException(
                $"--cube: {_cubeName} counts {_cube.Options.Level.ToName()} units, and this question needs {level.ToName()} units; build a cube with 'cube build --level {level.ToName()}'.");
        }

        return CollaborationAnalysis.Of(_cube).WithLinkWeighting(links);
    }
}
