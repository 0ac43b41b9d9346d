using System.Diagnostics.CodeAnalysis;

namespace CollabMetrics;

/// <summary>
/// The one spelling of an enum's values in command lines, files and result metadata (lower case, words joined by
/// hyphens, such as <c>country-set</c>), and the parsing of it. Parsing ignores case, hyphens, underscores and
/// spaces, and also accepts the C# member name (<c>CountrySet</c>), so <c>country_set</c>, <c>Country Set</c> and
/// <c>countryset</c> all read the same value.
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class EnumNameTable<T>
    where T : struct, Enum
{
    private readonly T[] _values;
    private readonly string[] _names;
    private readonly (string Key, T Value)[] _keys;
    private readonly string _what;

    /// <param name="what">What a value is, for messages: "link weighting".</param>
    /// <param name="entries">Every value with its name, in the order to list them.</param>
    public EnumNameTable(string what, params (T Value, string Name)[] entries)
    {
        _what = what;
        _values = new T[entries.Length];
        _names = new string[entries.Length];
        var keys = new List<(string, T)>();
        for (int i = 0; i < entries.Length; i++)
        {
            _values[i] = entries[i].Value;
            _names[i] = entries[i].Name;
            keys.Add((Fold(entries[i].Name), entries[i].Value));
            keys.Add((Fold(entries[i].Value.ToString()), entries[i].Value));
        }

        _keys = [.. keys];
    }

    /// <summary>Every value, in listing order (a read-only view).</summary>
    public IReadOnlyList<T> Values => Array.AsReadOnly(_values);

    /// <summary>Every name, in the order of <see cref="Values"/> (a read-only view).</summary>
    public IReadOnlyList<string> Names => Array.AsReadOnly(_names);

    /// <summary>"full, country-set, author or author-refined".</summary>
    public string Choices => _names.Length <= 1 ? string.Concat(_names) : string.Join(", ", _names[..^1]) + " or " + _names[^1];

    /// <summary>The name of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public string ToName(T value, string parameterName = "value")
    {
        for (int i = 0; i < _values.Length; i++)
        {
            if (EqualityComparer<T>.Default.Equals(_values[i], value))
            {
                return _names[i];
            }
        }

        throw new ArgumentOutOfRangeException(parameterName, value, $"Not a defined {_what}; use {Choices}.");
    }

    /// <summary>Reads a name (see the class remarks for what is accepted).</summary>
    public bool TryParse([NotNullWhen(true)] string? text, out T value)
    {
        if (text is not null)
        {
            var key = Fold(text);
            foreach (var (k, v) in _keys)
            {
                if (string.Equals(k, key, StringComparison.Ordinal))
                {
                    value = v;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>Reads a name.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not a name of the enum; the message lists the names.</exception>
    public T Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var value))
        {
            throw new FormatException(Describe(text));
        }

        return value;
    }

    /// <summary>"'x' is not a link weighting; use full, country-set, author or author-refined.", then the closest names when some are close ("Closest: author.").</summary>
    public string Describe(string text)
    {
        var closest = Geography.NameDistance.Closest(text, _names);
        return closest.Count == 0
            ? $"'{text}' is not a {_what}; use {Choices}."
            : $"'{text}' is not a {_what}; use {Choices}. Closest: {string.Join(", ", closest)}.";
    }

    private static string Fold(string text)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 128)];
        int length = 0;
        foreach (char c in text)
        {
            if (c is '-' or '_' or ' ')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return text.ToUpperInvariant();
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..length]);
    }
}
