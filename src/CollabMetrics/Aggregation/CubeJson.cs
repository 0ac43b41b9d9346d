namespace CollabMetrics.Aggregation;

/// <summary>The JSON format of a <see cref="CollaborationCube"/>.</summary>
internal static class CubeJson
{
    internal static void Write(CollaborationCube cube, Stream stream) => throw new NotImplementedException();

    internal static Task WriteAsync(CollaborationCube cube, Stream stream, CancellationToken cancellationToken) => throw new NotImplementedException();

    internal static CollaborationCube Read(Stream stream) => throw new NotImplementedException();

    internal static Task<CollaborationCube> ReadAsync(Stream stream, CancellationToken cancellationToken) => throw new NotImplementedException();
}
