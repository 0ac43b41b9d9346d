using System.Diagnostics.CodeAnalysis;

namespace CollabMetrics.Graph;

/// <summary>Throw sites of the graph namespace, with messages that say what to do.</summary>
internal static class GraphThrow
{
    [DoesNotReturn]
    internal static void NodeOutOfRange(string paramName, int node, int count) =>
        throw new ArgumentOutOfRangeException(paramName, node, $"Node id {node} is outside the graph's 0..{count - 1}; use an id returned by the builder or IndexOf.");

    [DoesNotReturn]
    internal static void BuilderUsed() =>
        throw new InvalidOperationException("This builder has already built its graph; create a new CoauthorshipGraphBuilder for another graph.");

    [DoesNotReturn]
    internal static void DuplicateNode(string id) =>
        throw new ArgumentException($"A node with id '{id}' already exists; node ids must be unique (use IndexOf to find it).", nameof(id));

    [DoesNotReturn]
    internal static void SelfLink(int target) =>
        throw new ArgumentException($"A link from node {target} to itself is not allowed in a co-authorship graph; links join two different units.", nameof(target));

    [DoesNotReturn]
    internal static void BadWeight(double weight) =>
        throw new ArgumentOutOfRangeException(nameof(weight), weight, "Link weights must be finite and positive; leave out pairs that never co-publish.");

    [DoesNotReturn]
    internal static void UnknownNode(string id) =>
        throw new KeyNotFoundException($"The graph has no node with id '{id}'; check the id (country codes are alpha-2, e.g. 'US').");

    [DoesNotReturn]
    internal static void LengthMismatch(string paramName, int length, int expected) =>
        throw new ArgumentException($"Expected one value per node ({expected}) but got {length}.", paramName);
}
