using System.Globalization;

namespace CollabMetrics;

/// <summary>
/// The one rule for questions the data cannot answer, shared by corpus views, <see cref="PublicationFiles"/> and
/// cubes: a technology label no publication carries, or years wholly outside the first to last year of the data, is
/// an <see cref="ArgumentException"/> naming what the data has (the closest labels, the span of years), never an empty
/// answer that would read as "no collaboration". A year inside the span without publications is a real zero.
/// </summary>
internal static class Unanswerable
{
    /// <summary>Throws for a label of <paramref name="wanted"/> that is not one of <paramref name="known"/>, naming the closest labels.</summary>
    /// <param name="wanted">The labels asked for.</param>
    /// <param name="known">The labels of the data.</param>
    /// <param name="whose">What holds the data, for the message: "the corpus", "the files", "the cube".</param>
    /// <param name="parameter">The parameter that named the labels.</param>
    public static void ThrowIfUnknownTechnology(IEnumerable<string> wanted, IReadOnlyCollection<string> known, string whose, string parameter)
    {
        foreach (var technology in wanted)
        {
            if (!known.Contains(technology, StringComparer.Ordinal))
            {
                throw UnknownTechnology(technology, known, whose, parameter);
            }
        }
    }

    /// <summary>The error for a technology label that is not one of <paramref name="known"/>, naming the closest labels.</summary>
    public static ArgumentException UnknownTechnology(string technology, IReadOnlyCollection<string> known, string whose, string parameter)
    {
        if (known.Count == 0)
        {
            return new ArgumentException($"No publication of {whose} carries a technology label, so '{technology}' selects nothing.", parameter);
        }

        var closest = Geography.NameDistance.Closest(technology, known);
        return new ArgumentException(
            $"No publication of {whose} is labelled '{technology}' (labels compare exactly)"
            + (closest.Count > 0
                ? $"; closest: {string.Join(", ", closest.Select(c => $"'{c}'"))}."
                : $"; there are {known.Count} labels, such as '{known.First()}'."),
            parameter);
    }

    /// <summary>
    /// Throws when no type of <paramref name="wanted"/> is the type of any publication (<paramref name="counts"/>: the
    /// publications of each <see cref="Model.DocumentType"/>, by value), naming the types the data has with their counts;
    /// when no publication has a type at all, says that the data gives no types.
    /// </summary>
    /// <param name="wanted">The types asked for, indexed by value.</param>
    /// <param name="counts">The publications of each type, indexed by value.</param>
    /// <param name="whose">What holds the data, for the message: "the corpus", "the files".</param>
    /// <param name="parameter">The parameter that named the types.</param>
    public static void ThrowIfNoneOfTypes(ReadOnlySpan<bool> wanted, ReadOnlySpan<long> counts, string whose, string parameter)
    {
        long total = 0;
        for (int t = 0; t < counts.Length; t++)
        {
            if (t < wanted.Length && wanted[t] && counts[t] > 0)
            {
                return;
            }

            total += counts[t];
        }

        if (total == 0)
        {
            // Nothing was read (or everything was left out): zero is the answer, as for any other filter.
            return;
        }

        var asked = new List<string>();
        for (int t = 0; t < wanted.Length; t++)
        {
            if (wanted[t])
            {
                asked.Add(Model.DocumentTypes.ToName((Model.DocumentType)t));
            }
        }

        string what = asked.Count == 1 ? $"type {asked[0]}" : $"types {string.Join(", ", asked)}";
        if (counts[(int)Model.DocumentType.Unknown] == total)
        {
            throw new ArgumentException(
                $"No publication of {whose} has a document type (CollabMetrics CSV without a document_type column, synthetic data), so {what} selects nothing. Read the export the types come from (OpenAlex, Web of Science, Scopus).",
                parameter);
        }

        var present = new List<(string Name, long Count)>();
        foreach (var type in Model.DocumentTypes.All)
        {
            if (counts[(int)type] > 0)
            {
                present.Add((Model.DocumentTypes.ToName(type), counts[(int)type]));
            }
        }

        throw new ArgumentException(
            $"No publication of {whose} is of {what}; the types present are "
            + string.Join(", ", present.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} ({p.Count})")))
            + ".",
            parameter);
    }

    /// <summary>
    /// Throws when the years <paramref name="from"/> to <paramref name="to"/> lie wholly outside
    /// <paramref name="first"/> to <paramref name="last"/> (the first and last years with publications; null when no
    /// publication has a year), naming the span.
    /// </summary>
    public static void ThrowIfOutside(int from, int to, int? first, int? last, string whose, string parameter)
    {
        if (first is { } f && last is { } l && to >= f && from <= l)
        {
            return;
        }

        throw OutsideYears(from, to, first, last, whose, parameter);
    }

    /// <summary>The error for years outside the data's span.</summary>
    public static ArgumentOutOfRangeException OutsideYears(int from, int to, int? first, int? last, string whose, string parameter)
    {
        string asked = from == to ? from.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{from}-{to}");
        string has = first is { } f && last is { } l
            ? $"the years with publications are {Span(f, l)}"
            : "no publication has a year";
        return new ArgumentOutOfRangeException(parameter, $"No publication of {whose} is of {asked} ({has}).");
    }

    private static string Span(int first, int last) =>
        first == last ? first.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{first}-{last}");
}
