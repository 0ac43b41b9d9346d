using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Metrics;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// The options shared by the commands, defined once so that every command spells and documents them the same way.
/// Each command adds the ones that apply to it; <c>--quiet</c> and <c>--verbose</c> apply to all.
/// </summary>
internal sealed class CommonOptions
{
    /// <summary>The names <c>--index</c> accepts, as the <c>partners</c> columns name them.</summary>
    public static readonly string[] IndexNames = [.. CollaborationIndices.AllNames];

    /// <summary>Suppresses the progress bar and notes on standard error.</summary>
    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress bar and no notes on standard error (errors are still reported).",
        Recursive = true,
    };

    /// <summary>Shows details, stack traces included, when something fails.</summary>
    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print the stack trace on standard error when something fails.",
        Recursive = true,
    };

    /// <summary>Input files.</summary>
    public Option<string[]> Input { get; } = new("--input", "-i")
    {
        Description = "An input file: OpenAlex JSON/JSONL, Web of Science plain or tab-delimited, Scopus CSV or "
            + "CollabMetrics CSV, optionally gzip-compressed (.gz); - reads standard input. Repeat for several files; formats may be mixed.",
        HelpName = "PATH",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>A cube file read instead of <see cref="Input"/> files.</summary>
    public Option<string?> Cube { get; } = new("--cube")
    {
        Description = "Answer from a cube file (made by 'cube build' or 'cube merge') instead of reading --input files.",
        HelpName = "FILE",
    };

    /// <summary>The input format.</summary>
    public Option<string> Format { get; } = Choice(
        "--format", "The input format; auto detects it from each file's content, so mixed inputs need no option.", "auto",
        [.. PublicationFormats.AllNames]);

    /// <summary>The publication years to keep.</summary>
    public Option<YearRange?> Years { get; } = new("--years")
    {
        Description = "Keep publications of these years only: FROM-TO (2005-2024) or one year. Default: every year present.",
        HelpName = "FROM-TO",
        CustomParser = ParseYears,
    };

    /// <summary>The technologies to keep.</summary>
    public Option<string[]> Technology { get; } = new("--technology", "-t")
    {
        Description = "Keep publications labelled with this technology (exact label). Repeat for several; a "
            + "publication with any of them is kept. Default: all.",
        HelpName = "LABEL",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>The document types to keep.</summary>
    public Option<string[]> Types { get; } = new("--types")
    {
        Description = "Keep publications of these document types only: names separated by commas (article,review), or the option repeated. "
            + "Names: " + string.Join(", ", Model.DocumentTypes.AllNames) + " (docs/formats.md, Document types). Default: every type.",
        HelpName = "TYPE,...",
        Arity = ArgumentArity.OneOrMore,
        Validators = { ValidateTypes },
    };

    /// <summary>Rows per technology.</summary>
    public Option<bool> ByTechnology { get; } = new("--by-technology")
    {
        Description = "Rows per technology (a technology column after year), every technology of the inputs (or of --technology-map) in one pass.",
    };

    /// <summary>The territory policy.</summary>
    public Option<string> Territory { get; } = Choice(
        "--territory",
        "How CN, HK, MO and TW are counted: iso keeps four units; leiden counts HK and MO as CN; greater-china also TW.",
        "iso",
        [.. TerritoryPolicies.AllNames]);

    /// <summary>Whole or fractional counting.</summary>
    public Option<string> Counting { get; } = Choice(
        "--counting",
        "Whole counting (a paper counts 1 for each of its countries) or fractional (author-fractional shares).",
        "whole",
        "whole", "fractional");

    /// <summary>How pair links are weighted.</summary>
    public Option<string> Links { get; } = Choice(
        "--links",
        "The weight a paper gives a country pair: full (1), country-set (1/(m-1)), author (author pairs, "
            + "1/(n-1)) or author-refined (author pairs, 2/(n(n-1))).",
        "full",
        [.. LinkWeightings.AllNames]);

    /// <summary>Slices: a row per year or all years together.</summary>
    public Option<string> By { get; } = Choice(
        "--by", "A row per year (year) or one for all selected years together (all).", "year", "year", "all");

    /// <summary>Rolling windows of years.</summary>
    public Option<int?> Window { get; } = new("--window")
    {
        Description = "With --by year: rolling windows of N years, one ending at each year (rows labelled 2015-2019).",
        HelpName = "N",
        CustomParser = r => WholeNumber(r, 1),
    };

    /// <summary>The index to rank and chart by.</summary>
    public Option<string> Index { get; } = IndexOption("partner_share");

    /// <summary>The focus country.</summary>
    public Option<string> Focus { get; } = new("--focus", "-f")
    {
        Description = "The focus country: an ISO 3166-1 alpha-2 or alpha-3 code, or an English name.",
        HelpName = "CODE",
        DefaultValueFactory = _ => "CN",
        Validators = { ValidateCountry },
    };

    /// <summary>How many rows per slice.</summary>
    public Option<int> Top { get; } = new("--top", "-n")
    {
        Description = "Keep the top N rows of each slice (partners, countries or pairs); 0 keeps all.",
        HelpName = "N",
        DefaultValueFactory = _ => 10,
        CustomParser = r => WholeNumber(r, 0) ?? 10,
    };

    /// <summary>The result format.</summary>
    public Option<string> Output { get; } = Choice(
        "--output", "How results are written: aligned columns for people (table), CSV or a JSON array.", "table",
        "table", "csv", "json");

    /// <summary>The result file.</summary>
    public Option<string?> Out { get; } = new("--out", "-o")
    {
        Description = "Write the results to FILE instead of standard output.",
        HelpName = "FILE",
    };

    /// <summary>The reading options beyond input and format: rejects file, error limit, size limits, raw affiliations.</summary>
    public InputOptions Reading { get; } = new();

    /// <summary>Strict mode.</summary>
    public Option<bool> Strict { get; } = new("--strict")
    {
        Description = "Stop at the first bad record (exit code 3) instead of skipping it and counting it in the ingest report.",
    };

    /// <summary>An option that accepts one of <paramref name="values"/>, compared ignoring case, with a one-line error otherwise.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] values)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = values.Length <= 6 ? string.Join('|', values) : "NAME",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && !values.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"{name}: '{value}' is not one of {string.Join(", ", values)}.");
            }
        });
        return option;
    }

    /// <summary>An <c>--index NAME</c> option with the given default; names as <see cref="CollaborationIndices.Parse"/> reads them.</summary>
    public static Option<string> IndexOption(string defaultName) => new("--index")
    {
        Description = "The index partners are ranked and charted by: " + string.Join(", ", IndexNames) + ".",
        HelpName = "NAME",
        DefaultValueFactory = _ => defaultName,
        Validators =
        {
            result =>
            {
                var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
                if (value is not null && !CollaborationIndices.TryParse(value, out _))
                {
                    result.AddError($"--index: '{value}' is not an index; use one of {string.Join(", ", IndexNames)}.");
                }
            },
        },
    };

    /// <summary>The index of an <see cref="IndexOption"/>.</summary>
    public static CollaborationIndex IndexValue(ParseResult parse, Option<string> option) =>
        CollaborationIndices.Parse(parse.GetValue(option) ?? "partner_share");

    /// <summary>The value of a <see cref="Choice"/> option, lower-cased.</summary>
    public static string ChoiceValue(ParseResult parse, Option<string> option) =>
        (parse.GetValue(option) ?? string.Empty).ToLowerInvariant();

    private static YearRange? ParseYears(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        if (YearRange.TryParse(result.Tokens[0].Value, out var range, out var error))
        {
            return range;
        }

        result.AddError(error!);
        return null;
    }

    /// <summary>The <c>--types</c> values as document types, distinct, in the order given (commas split a value).</summary>
    public static IReadOnlyList<Model.DocumentType> TypeValues(ParseResult parse, Option<string[]> option)
    {
        var types = new List<Model.DocumentType>();
        foreach (var name in SplitTypes(parse.GetValue(option) ?? []))
        {
            var type = Model.DocumentTypes.Parse(name);
            if (!types.Contains(type))
            {
                types.Add(type);
            }
        }

        return types;
    }

    private static IEnumerable<string> SplitTypes(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries));

    private static void ValidateTypes(OptionResult result)
    {
        foreach (var name in SplitTypes(result.Tokens.Select(t => t.Value)))
        {
            if (name.Length == 0)
            {
                result.AddError("--types: an empty type name; separate names with single commas (article,review).");
                return;
            }

            if (!Model.DocumentTypes.TryParse(name, out _))
            {
                // The library's message: every name, then the closest ones.
                try
                {
                    _ = Model.DocumentTypes.Parse(name);
                }
                catch (FormatException ex)
                {
                    result.AddError($"--types: {ex.Message}");
                }

                return;
            }
        }
    }

    private static void ValidateCountry(OptionResult result)
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
        if (value is not null && !Country.TryParse(value, out _))
        {
            // The library's message: the closest names, or the choices of an ambiguous name ("Korea").
            string reason;
            try
            {
                _ = Country.Parse(value);
                reason = $"'{value}' is not a country.";
            }
            catch (FormatException ex)
            {
                reason = ex.Message.Replace(" Use an address resolver for free-text addresses.", string.Empty, StringComparison.Ordinal);
            }

            result.AddError($"{result.Option.Name}: {reason} Use an ISO 3166-1 code such as CN, US or DE, or an English country name.");
        }
    }

    /// <summary>
    /// Parses a whole-number option from <paramref name="minimum"/> to <see cref="int.MaxValue"/>, with a one-line
    /// message naming the option and the range for anything else (a word, a fraction, a number too large).
    /// </summary>
    public static int? WholeNumber(ArgumentResult result, int minimum)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[^1].Value;
        var name = (result.Parent as OptionResult)?.Option.Name ?? "option";
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            result.AddError($"{name}: '{text}' is not a whole number; use one from {minimum} to {int.MaxValue}.");
            return null;
        }

        if (value < minimum || value > int.MaxValue)
        {
            result.AddError($"{name}: {text} is out of range; use a whole number from {minimum} to {int.MaxValue}.");
            return null;
        }

        return (int)value;
    }
}
