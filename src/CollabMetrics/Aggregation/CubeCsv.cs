namespace CollabMetrics.Aggregation;

/// <summary>The CSV tables of a <see cref="CollaborationCube"/>.</summary>
internal static class CubeCsv
{
    internal static void Write(CollaborationCube cube, string directory) => throw new NotImplementedException();

    internal static Task WriteAsync(CollaborationCube cube, string directory, CancellationToken cancellationToken) => throw new NotImplementedException();

    internal static CollaborationCube Read(string directory) => throw new NotImplementedException();

    internal static Task<CollaborationCube> ReadAsync(string directory, CancellationToken cancellationToken) => throw new NotImplementedException();
}
