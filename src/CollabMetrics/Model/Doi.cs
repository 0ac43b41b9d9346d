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

    /// <summary>
    /// <see cref="Normalize"/> over UTF-8: the normalized DOI of <paramref name="utf8"/> written into
    /// <paramref name="buffer"/> (grown when needed); its length, or -1 when there is none. ASCII text (every DOI in
    /// practice) is normalized in place without a string; other text goes through <see cref="Normalize"/>.
    /// </summary>
    internal static int NormalizeUtf8(ReadOnlySpan<byte> utf8, ref byte[] buffer)
    {
        if (System.Text.Ascii.IsValid(utf8))
        {
            var span = utf8.Trim(" \t\n\v\f\r"u8);

            // A bare DOI (no resolver prefix starts with '1') needs no prefix comparisons; a prefix starts with 'd' or 'h'.
            if (!span.StartsWith("10."u8) && !span.IsEmpty && (span[0] | 0x20) is (byte)'d' or (byte)'h')
            {
                foreach (var prefix in s_prefixes)
                {
                    if (span.Length >= prefix.Length && System.Text.Ascii.EqualsIgnoreCase(span[..prefix.Length], prefix))
                    {
                        span = span[prefix.Length..].TrimStart(" \t\n\v\f\r"u8);
                        break;
                    }
                }
            }

            if (!span.StartsWith("10."u8))
            {
                return -1;
            }

            if (buffer.Length < span.Length)
            {
                buffer = new byte[Math.Max(span.Length, buffer.Length * 2)];
            }

            System.Text.Ascii.ToLower(span, buffer, out int written);
            return written;
        }

        var text = Normalize(System.Text.Encoding.UTF8.GetString(utf8));
        if (text is null)
        {
            return -1;
        }

        int max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (buffer.Length < max)
        {
            buffer = new byte[max];
        }

        return System.Text.Encoding.UTF8.GetBytes(text, buffer);
    }
}
