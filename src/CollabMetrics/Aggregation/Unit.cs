using CollabMetrics.Geography;

namespace CollabMetrics.Aggregation;

/// <summary>
/// A unit of analysis: a country, an institution, a group of countries, or the unknown unit. Units compare by
/// <see cref="Kind"/>, then <see cref="Code"/> (ordinal), so countries sort by ISO code.
/// </summary>
/// <example>
/// <code>
/// Unit china = Country.China;                 // implicit conversion
/// UnitCounts counts = cube.All()[china];
/// Unit eyes = Unit.Group("Five Eyes");
/// </code>
/// </example>
public readonly struct Unit : IEquatable<Unit>, IComparable<Unit>
{
    private static readonly UnitResolver Resolver = new(AggregationOptions.Default with { Groups = UnitGroups.All }, static () => []);

    private readonly string? _code;
    private readonly string? _label;

    private Unit(UnitKind kind, int id, string code, string label)
    {
        Kind = kind;
        Id = id;
        _code = code;
        _label = label;
    }

    /// <summary>The unknown unit (authors with no resolved unit, under <see cref="UnknownAuthorPolicy.AsUnknownUnit"/>).</summary>
    public static Unit Unknown { get; } = new(UnitKind.Unknown, 0, "?", "Unknown");

    /// <summary>For a country, its <see cref="Geography.Country.Id"/>; 0 for other kinds. Not part of equality.</summary>
    public int Id { get; }

    /// <summary>The kind.</summary>
    public UnitKind Kind { get; }

    /// <summary>The identity within the kind: the alpha-2 code, the institution key (id, else name), the group name, or "?".</summary>
    public string Code => _code ?? string.Empty;

    /// <summary>A display name: the country's common name, the institution name, the group name, or "Unknown".</summary>
    public string Label => _label ?? string.Empty;

    /// <summary>The country, when <see cref="Kind"/> is <see cref="UnitKind.Country"/>; else <see cref="Country.Unknown"/>.</summary>
    public Country Country => Kind == UnitKind.Country ? Country.FromIdUnchecked(Id) : Country.Unknown;

    /// <summary>The unit of a country.</summary>
    /// <exception cref="ArgumentException">The country is <see cref="Country.Unknown"/>.</exception>
    public static Unit FromCountry(Country country)
    {
        if (!country.IsKnown)
        {
            throw new ArgumentException("Country.Unknown is not a unit; use Unit.Unknown for unresolved authors.", nameof(country));
        }

        return new Unit(UnitKind.Country, country.Id, country.Code, country.CommonName);
    }

    /// <summary>The unit of an institution.</summary>
    /// <param name="key">The institution key (<see cref="Model.Institution.Key"/>: its id, else its name).</param>
    /// <param name="name">The display name; default the key.</param>
    public static Unit Institution(string key, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new Unit(UnitKind.Institution, 0, key, name ?? key);
    }

    /// <summary>The unit of a group (see <see cref="UnitGroup"/>).</summary>
    /// <param name="name">The group name.</param>
    public static Unit Group(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new Unit(UnitKind.Group, 0, name, name);
    }

    /// <summary>A unit of the given kind and code, as stored in serialized cubes.</summary>
    /// <exception cref="FormatException">The code is not valid for the kind.</exception>
    public static Unit Create(UnitKind kind, string code, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        switch (kind)
        {
            case UnitKind.Country:
                if (!Country.TryParseAlpha2(code, out var country))
                {
                    throw new FormatException($"'{code}' is not an ISO 3166-1 alpha-2 country code.");
                }

                return FromCountry(country);
            case UnitKind.Institution:
                return code.Length == 0 ? throw new FormatException("An institution unit needs a non-empty key.") : Institution(code, label);
            case UnitKind.Group:
                return code.Length == 0 ? throw new FormatException("A group unit needs a non-empty name.") : Group(code);
            case UnitKind.Unknown:
                return Unknown;
            default:
                throw new FormatException($"'{kind}' is not a unit kind.");
        }
    }

    /// <summary>
    /// The unit a name stands for, read by the library's one unit name table (the one behind
    /// <c>CollaborationAnalysis.Focus(string)</c> and every lookup of a result table): a country by alpha-2 or
    /// alpha-3 code, ISO or common English name (<c>UK</c>, <c>Russia</c>), a ready-made group of
    /// <see cref="UnitGroups.All"/> by name, or the unknown unit (<c>?</c>, <c>Unknown</c>). Institutions are named
    /// through an analysis, whose corpus knows their keys; no territory policy is applied here.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">No unit, or several countries, have this name; the message gives the closest names or the choices.</exception>
    /// <example><code>Unit japan = Unit.Parse("Japan");   // JP</code></example>
    public static Unit Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return Resolver.Resolve(name, nameof(name));
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message.Replace(" (Parameter 'name')", string.Empty, StringComparison.Ordinal), e);
        }
    }

    /// <summary>Tries to read a unit name (see <see cref="Parse"/>); false for an unknown or ambiguous name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="unit">The unit, when the name stands for one.</param>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name, out Unit unit)
    {
        unit = default;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            unit = Resolver.Resolve(name, nameof(name));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The unit of a country.</summary>
    /// <param name="country">A known country.</param>
    public static implicit operator Unit(Country country) => FromCountry(country);

    /// <inheritdoc/>
    public bool Equals(Unit other) => Kind == other.Kind && string.Equals(Code, other.Code, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Unit other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Code));

    /// <inheritdoc/>
    public int CompareTo(Unit other)
    {
        int c = ((int)Kind).CompareTo((int)other.Kind);
        return c != 0 ? c : string.CompareOrdinal(Code, other.Code);
    }

    /// <summary>The code.</summary>
    public override string ToString() => Code;

    /// <summary>Equality.</summary>
    public static bool operator ==(Unit left, Unit right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Unit left, Unit right) => !left.Equals(right);

    /// <summary>Order by kind, then code.</summary>
    public static bool operator <(Unit left, Unit right) => left.CompareTo(right) < 0;

    /// <summary>Order by kind, then code.</summary>
    public static bool operator >(Unit left, Unit right) => left.CompareTo(right) > 0;

    /// <summary>Order by kind, then code.</summary>
    public static bool operator <=(Unit left, Unit right) => left.CompareTo(right) <= 0;

    /// <summary>Order by kind, then code.</summary>
    public static bool operator >=(Unit left, Unit right) => left.CompareTo(right) >= 0;
}
