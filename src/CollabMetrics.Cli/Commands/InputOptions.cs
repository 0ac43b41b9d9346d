using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CollabMetrics.IO;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// The reading options of the input commands besides <c>--input</c>, <c>--format</c> and <c>--strict</c>: where
/// rejected records go, the lenient error limit, the size limits of one record (docs/formats.md), the OpenAlex
/// raw affiliation fallback, the technology map, and the works left out (retracted, paratext, hyper-authored).
/// </summary>
internal sealed class InputOptions
{
    /// <summary>The rejects file.</summary>
    public Option<string?> Rejects { get; } = new("--rejects")
    {
        Description = "Write every rejected record and warning to FILE as CSV (file, line, record, kind, reason, field, message, raw text).",
        HelpName = "FILE",
    };

    /// <summary>The lenient error limit: a count or a percentage.</summary>
    public Option<string?> MaxErrors { get; } = new("--max-errors")
    {
        Description = "Stop with exit code 3 when more than N records are skipped (N) or more than P% of the records read (P%). Default: no limit.",
        HelpName = "N|P%",
        Validators = { ValidateMaxErrors },
    };

    /// <summary>The largest record.</summary>
    public Option<string?> MaxRecordSize { get; } = SizeOption("--max-record-size", "The largest record (one work, one WoS record, one CSV publication); suffixes K, M, G. Default 64M.");

    /// <summary>The largest field or line.</summary>
    public Option<string?> MaxFieldSize { get; } = SizeOption("--max-field-size", "The largest single field, cell or line; suffixes K, M, G. Default 16M.");

    /// <summary>The most authors one record may have to be read (a reading limit).</summary>
    public Option<int?> MaxRecordAuthors { get; } = CountOption("--max-record-authors", "The most authors one record may have to be read (a reading limit against hostile input; a record over it is skipped as too large). Default 100000. To leave out hyper-authored works, use --max-authors.");

    /// <summary>The most affiliations in one record.</summary>
    public Option<int?> MaxAffiliations { get; } = CountOption("--max-affiliations", "The most affiliations in one record, all authors together. Default 100000.");

    /// <summary>The deepest JSON nesting.</summary>
    public Option<int?> MaxJsonDepth { get; } = CountOption("--max-json-depth", "The deepest nesting of JSON objects and arrays in one OpenAlex work. Default 128.");

    /// <summary>Keeps retracted works (left out and counted by default).</summary>
    public Option<bool> IncludeRetracted { get; } = new("--include-retracted")
    {
        Description = "Keep works the source says were retracted (by default they are left out and counted in the summary and in inspect).",
    };

    /// <summary>Keeps paratext (left out and counted by default).</summary>
    public Option<bool> IncludeParatext { get; } = new("--include-paratext")
    {
        Description = "Keep paratext: front matter, tables of contents, covers (by default it is left out and counted).",
    };

    /// <summary>Leaves out hyper-authored works.</summary>
    public Option<int?> MaxAuthors { get; } = CountOption(
        "--max-authors",
        "Leave out works with more than N authors (hyper-authored papers), counted in the summary and in inspect. Default: no limit. Unlike --max-record-authors, this is a choice of analysis, not a reading limit.");

    /// <summary>Turns the OpenAlex raw affiliation fallback off.</summary>
    public Option<bool> NoRawAffiliations { get; } = new("--no-raw-affiliations")
    {
        Description = "OpenAlex: do not resolve raw_affiliation_strings of authorships that OpenAlex gives no country (by default they are resolved and counted in the ingest report).",
    };

    /// <summary>The technology mapping file.</summary>
    public Option<string?> TechnologyMapFile { get; } = new("--technology-map")
    {
        Description = "Label publications with technologies from a CSV file with the columns technology,source (a source is an OpenAlex topic, subfield, field or domain id, full or short such as T13650, subfields/1702, fields/17, or a keyword or concept name); --technology then selects these labels. See docs/formats.md, section Technologies.",
        HelpName = "FILE",
    };

    /// <summary>Only the primary topic counts for the mapping.</summary>
    public Option<bool> PrimaryTopicOnly { get; } = new("--primary-topic-only")
    {
        Description = "With --technology-map: classify OpenAlex works by their primary topic alone.",
    };

    /// <summary>The lowest topic score that counts for the mapping.</summary>
    public Option<double?> MinTopicScore { get; } = new("--min-topic-score")
    {
        Description = "With --technology-map: leave out OpenAlex topics whose score is below S (0 to 1).",
        HelpName = "S",
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<double?>() is { } score && (double.IsNaN(score) || score < 0 || score > 1))
                {
                    result.AddError($"--min-topic-score: {score.ToString(CultureInfo.InvariantCulture)} is not from 0 to 1.");
                }
            },
        },
    };

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [Rejects, MaxErrors, MaxRecordSize, MaxFieldSize, MaxRecordAuthors, MaxAffiliations, MaxJsonDepth, NoRawAffiliations, TechnologyMapFile, PrimaryTopicOnly, MinTopicScore, IncludeRetracted, IncludeParatext, MaxAuthors];

    /// <summary>The works left out when the corpus is built (<c>--include-retracted</c>, <c>--include-paratext</c>, <c>--max-authors</c>), over the library's default.</summary>
    public DocumentFilter Documents(ParseResult parse) => DocumentFilter.Default with
    {
        IncludeRetracted = parse.GetValue(IncludeRetracted),
        IncludeParatext = parse.GetValue(IncludeParatext),
        MaxAuthors = parse.GetValue(MaxAuthors),
    };

    /// <summary>The mapping of <c>--technology-map</c> with its topic options, or null; a missing or malformed file is an input error (exit code 3).</summary>
    public TechnologyMapping? TechnologyMap(ParseResult parse, CliHost host)
    {
        bool primary = parse.GetValue(PrimaryTopicOnly);
        double? score = parse.GetValue(MinTopicScore);
        if (parse.GetValue(TechnologyMapFile) is not { } given)
        {
            if (primary || score is not null)
            {
                throw new CliUsageException("--primary-topic-only and --min-topic-score apply to --technology-map; name the map too.");
            }

            return null;
        }

        var path = host.ResolvePath(given);
        try
        {
            return TechnologyMapping.FromCsvFile(path) with { PrimaryTopicOnly = primary, MinTopicScore = score };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new CliInputException($"--technology-map: {ex.Message}", ex);
        }
    }

    /// <summary>The limits the options give, over the defaults.</summary>
    public ReadLimits Limits(ParseResult parse)
    {
        var limits = ReadLimits.Default;
        if (parse.GetValue(MaxRecordSize) is { } record)
        {
            limits = limits with { MaxRecordBytes = ParseSize(record) };
        }

        if (parse.GetValue(MaxFieldSize) is { } field)
        {
            limits = limits with { MaxFieldBytes = ParseSize(field) };
        }

        if (parse.GetValue(MaxRecordAuthors) is { } authors)
        {
            limits = limits with { MaxAuthors = authors };
        }

        if (parse.GetValue(MaxAffiliations) is { } affiliations)
        {
            limits = limits with { MaxAffiliations = affiliations };
        }

        if (parse.GetValue(MaxJsonDepth) is { } depth)
        {
            limits = limits with { MaxJsonDepth = depth };
        }

        return limits;
    }

    /// <summary>The error limit: a count, or a share when the value ends with %.</summary>
    public (long? Count, double? Share) ErrorLimit(ParseResult parse)
    {
        var value = parse.GetValue(MaxErrors);
        if (value is null)
        {
            return (null, null);
        }

        return value.EndsWith('%')
            ? (null, double.Parse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture) / 100)
            : (long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture), null);
    }

    /// <summary>"64M" as bytes: a whole number with an optional K, M or G suffix (powers of 1024).</summary>
    internal static bool TryParseSize(string text, out int bytes)
    {
        bytes = 0;
        text = text.Trim();
        long factor = 1;
        if (text.Length > 0 && char.ToUpperInvariant(text[^1]) is 'K' or 'M' or 'G')
        {
            factor = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, _ => 1L << 30 };
            text = text[..^1];
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n <= 0 || n > int.MaxValue / factor)
        {
            return false;
        }

        bytes = (int)(n * factor);
        return true;
    }

    private static int ParseSize(string text) => TryParseSize(text, out int bytes) ? bytes : throw new CliUsageException($"'{text}' is not a size.");

    private static Option<string?> SizeOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "SIZE" };
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && !TryParseSize(value, out _))
            {
                result.AddError($"{name}: '{value}' is not a size; use a whole number of bytes from 1 to 2G, optionally with K, M or G (64M).");
            }
        });
        return option;
    }

    private static Option<int?> CountOption(string name, string description)
    {
        return new Option<int?>(name) { Description = description, HelpName = "N", CustomParser = r => CommonOptions.WholeNumber(r, 1) };
    }

    private static void ValidateMaxErrors(OptionResult result)
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
        if (value is null)
        {
            return;
        }

        bool ok = value.EndsWith('%')
            ? double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double p) && p >= 0 && p <= 100
            : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        if (!ok)
        {
            result.AddError($"--max-errors: '{value}' is not a count (100) or a percentage (5%).");
        }
    }
}
