using CollabMetrics.Model;

namespace CollabMetrics.Aggregation;

/// <summary>The one-pass aggregation behind <see cref="CollaborationCube.Build(Corpus, AggregationOptions?, IProgress{long}?, CancellationToken)"/>.</summary>
internal static class CubeEngine
{
    internal const int MaxGroups = 64;

    internal static CollaborationCube BuildFromCorpus(Corpus corpus, AggregationOptions options, IProgress<long>? progress, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    internal static CollaborationCube BuildFromStream(IEnumerable<Publication> publications, AggregationOptions options, IProgress<long>? progress, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    internal sealed class StreamBuilder
    {
        internal StreamBuilder(AggregationOptions options, IProgress<long>? progress)
        {
            _ = options;
            _ = progress;
        }

        internal void Add(Publication publication) => throw new NotImplementedException();

        internal CollaborationCube Finish() => throw new NotImplementedException();
    }
}
