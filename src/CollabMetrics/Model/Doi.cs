namespace CollabMetrics.Model;

/// <summary>DOI normalization shared by every reader and the corpus's duplicate detection.</summary>
public static class Doi
{
    private static readonly string[] s_prefixes =
    [
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:",
    ];

    /// <summary>
    /// Lower-cases a DOI and removes a resolver prefix (<c>https://doi.org/</c>, <c>doi:</c>, ...) and surrounding
    /// white space. Returns null for null, empty or white-space input, or text that does not start with <c>10.</c>.
    /// </summary>
    /// <example><code>Doi.Normalize("https://doi.org/10.1038/S41586-020-2649-2") // "10.1038/s41586-020-2649-2"</code></example>
    public static string? Normalize(string? doi)
    {
        if (string.IsNullOrWhiteSpace(doi))
        {
            return null;
        }

        var span = doi.AsSpan().Trim();
        foreach (var prefix in s_prefixes)
        {
            if (span.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                span = span[prefix.Length..].TrimStart();
                break;
            }
        }

        if (!span.StartsWith("10.", StringComparison.Ordinal))
        {
            return null;
        }

        return span.ToString().ToLowerInvariant();
    }
}
