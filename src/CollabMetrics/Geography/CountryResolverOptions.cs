namespace CollabMetrics.Geography;

/// <summary>
/// Options of a <see cref="CountryResolver"/>. Immutable; change with <c>with</c> or <see cref="WithAlias"/>.
/// </summary>
/// <example>
/// <code>
/// var options = CountryResolverOptions.Default
///     .WithAlias("Rep of Kosovo", Country.Parse("XK"))
///     .WithAlias("Bavaria", Country.Parse("DE"));
/// var resolver = new CountryResolver(options);
/// </code>
/// </example>
public sealed record CountryResolverOptions
{
    private static readonly IReadOnlyDictionary<string, Country> s_empty = new System.Collections.ObjectModel.ReadOnlyDictionary<string, Country>(new Dictionary<string, Country>());
    private readonly IReadOnlyDictionary<string, Country> _aliases = s_empty;

    /// <summary>No extra aliases: the built-in tables only.</summary>
    public static CountryResolverOptions Default { get; } = new();

    /// <summary>
    /// Extra country names, checked before the built-in tables, so an alias can also override a built-in choice
    /// (for example map "Yugoslavia" to <c>ME</c> instead of <c>RS</c>). Keys compare the way country names do:
    /// ignoring case, diacritics and punctuation. An alias matches a whole address segment (or the last two or
    /// three segments joined), never a part of one. Default: empty. The options keep a read-only copy of the
    /// dictionary given.
    /// </summary>
    public IReadOnlyDictionary<string, Country> Aliases
    {
        get => _aliases;
        init => _aliases = value is null ? null! : new System.Collections.ObjectModel.ReadOnlyDictionary<string, Country>(new Dictionary<string, Country>(value, StringComparer.Ordinal));
    }

    /// <summary>Returns options with one more alias (replacing an existing alias with the same key).</summary>
    /// <param name="alias">The name as it appears as the last segment of addresses.</param>
    /// <param name="country">The country it stands for; must not be <see cref="Country.Unknown"/>.</param>
    /// <exception cref="ArgumentException">The alias is blank or the country is unknown.</exception>
    public CountryResolverOptions WithAlias(string alias, Country country)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        if (!country.IsKnown)
        {
            CountryResolver.ThrowBadAlias(alias, "maps to no country. Pass a known Country, for example Country.Parse(\"DE\")", nameof(country));
        }

        var copy = new Dictionary<string, Country>(Aliases, StringComparer.Ordinal)
        {
            [alias] = country,
        };
        return this with { Aliases = copy };
    }
}
