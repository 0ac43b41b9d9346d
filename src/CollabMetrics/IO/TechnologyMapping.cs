using System.Collections.Frozen;

namespace CollabMetrics.IO;

/// <summary>
/// Maps source labels (OpenAlex topic or concept names and ids, Web of Science categories, Scopus subject
/// areas) to technology labels. A source label may map to several technologies; labels without a mapping are
/// dropped unless <see cref="KeepUnmapped"/> is set.
/// </summary>
/// <example>
/// <code>
/// var map = TechnologyMapping.FromPairs(
///     ("Quantum Computing Algorithms and Architecture", "Quantum computing"),
///     ("https://openalex.org/T10682", "Quantum computing"));
/// </code>
/// </example>
public sealed class TechnologyMapping
{
    private readonly FrozenDictionary<string, string[]> _map;

    private TechnologyMapping(FrozenDictionary<string, string[]> map, bool keepUnmapped)
    {
        _map = map;
        KeepUnmapped = keepUnmapped;
    }

    /// <summary>Keeps every source label as it is.</summary>
    public static TechnologyMapping Identity { get; } =
        new(FrozenDictionary<string, string[]>.Empty, keepUnmapped: true);

    /// <summary>Whether labels without a mapping are kept as they are (true) or dropped (false).</summary>
    public bool KeepUnmapped { get; }

    /// <summary>Builds a mapping from (source label, technology) pairs; source labels compare ignoring case.</summary>
    public static TechnologyMapping FromPairs(params IEnumerable<(string Source, string Technology)> pairs) =>
        FromPairs(pairs, keepUnmapped: false);

    /// <summary>Builds a mapping from (source label, technology) pairs; source labels compare ignoring case.</summary>
    public static TechnologyMapping FromPairs(IEnumerable<(string Source, string Technology)> pairs, bool keepUnmapped)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var lists = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (source, technology) in pairs)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(source);
            ArgumentException.ThrowIfNullOrWhiteSpace(technology);
            if (!lists.TryGetValue(source.Trim(), out var list))
            {
                lists[source.Trim()] = list = [];
            }

            if (!list.Contains(technology.Trim()))
            {
                list.Add(technology.Trim());
            }
        }

        return new TechnologyMapping(
            lists.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase),
            keepUnmapped);
    }

    /// <summary>Whether <paramref name="sourceLabel"/> has an explicit mapping.</summary>
    internal bool IsMapped(string sourceLabel) => _map.ContainsKey(sourceLabel.Trim());

    /// <summary>Adds the technologies <paramref name="sourceLabel"/> maps to into <paramref name="into"/>, without duplicates.</summary>
    public void Map(string sourceLabel, ICollection<string> into)
    {
        ArgumentNullException.ThrowIfNull(sourceLabel);
        ArgumentNullException.ThrowIfNull(into);
        if (_map.TryGetValue(sourceLabel.Trim(), out var technologies))
        {
            foreach (var t in technologies)
            {
                if (!into.Contains(t))
                {
                    into.Add(t);
                }
            }
        }
        else if (KeepUnmapped && sourceLabel.Trim() is { Length: > 0 } label && !into.Contains(label))
        {
            into.Add(label);
        }
    }
}
