using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.IO.OpenAlex;

/// <summary>
/// Parses the bytes of one OpenAlex work into a <see cref="Publication"/> or a record batch: first with the validating
/// scanner (<see cref="TryParseFast"/>, in OpenAlexWorkParser.Fast.cs), and with a forward-only
/// <see cref="Utf8JsonReader"/> (<see cref="ParseCore"/>, the reference) whenever the scanner gives up. Fields that are
/// not used are skipped without being decoded. One parser per read; its scratch lists are reused from work to work.
/// Bad data throws <see cref="RecordRejectedException"/>, always from the reference parser.
/// </summary>
internal sealed partial class OpenAlexWorkParser
{
    private readonly JsonReaderOptions _options;
    private readonly TechnologyMapping? _mapping;
    private readonly ReadLimits _limits;
    private readonly AddressResolution? _resolution;
    private int _affiliationCount;
    private readonly List<AuthorRow> _authors = [];
    private readonly List<AffiliationRow> _affiliations = [];
    private readonly List<string> _technologies = [];
    private readonly List<InstitutionEntry> _institutions = [];
    private readonly List<Country> _countries = [];
    private readonly List<TextRef> _raw = [];
    private readonly Utf8StringCache _strings = new();
    private readonly bool _authorDetails;
    private readonly bool _institutionDetails;
    private readonly List<RawLink> _rawLinks = [];
    private byte[] _text = new byte[4096];
    private int _textUsed;
    private byte[] _scratch = new byte[256];
    private TextRef _id;
    private TextRef _doi;
    private int? _year;
    private int? _citations;
    private ImpactFields _impact;
    private string _fieldPattern = string.Empty;
    private int _index0;
    private int _index1;
    private string? _primaryField;
    private string? _firstTopicField;
    private DocumentFields _document;

    /// <param name="mapping">Technology mapping, or null for the OpenAlex field.</param>
    /// <param name="limits">Limits of one work; default <see cref="ReadLimits.Default"/>.</param>
    /// <param name="resolution">Resolves raw affiliation strings of authorships without any country; null turns the fallback off.</param>
    /// <param name="authorDetails">Whether author ids and names are kept (false: validated, then left out).</param>
    /// <param name="institutionDetails">
    /// Whether <see cref="ParseInto"/> writes institutions (ids and names) and addresses (raw affiliation strings) into
    /// the batch (false: read and validated as usual, and used to find countries, but the batch's affiliations carry
    /// only their countries, as a consumer that reads no institutions needs them).
    /// </param>
    public OpenAlexWorkParser(TechnologyMapping? mapping, ReadLimits? limits = null, AddressResolution? resolution = null, bool authorDetails = true, bool institutionDetails = true)
    {
        _authorDetails = authorDetails;
        _institutionDetails = institutionDetails;
        _mapping = mapping;
        _limits = limits ?? ReadLimits.Default;
        _resolution = resolution;
        _options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = _limits.MaxJsonDepth };
    }

    /// <summary>Whether <see cref="ParseInto"/> writes institutions and addresses into the batch (see the constructor).</summary>
    internal bool InstitutionDetails => _institutionDetails;

    /// <summary>Raw affiliation strings of the last work whose country could not be resolved (authorships without any country).</summary>
    public List<string> Unresolved { get; } = [];

    /// <summary>Affiliations of the last work whose country came from a raw affiliation string.</summary>
    public int RawFallbacks { get; private set; }

    /// <summary>Parses a work into a <see cref="Publication"/> (the public reader's objects).</summary>
    /// <exception cref="RecordRejectedException">The work is bad.</exception>
    public Publication Parse(ReadOnlySpan<byte> json, SourcePosition position)
    {
        System.Diagnostics.Debug.Assert(_institutionDetails, "A publication object carries its institutions.");
        Read(json);
        var authors = _authors.Count == 0 ? [] : new Author[_authors.Count];
        for (int a = 0; a < _authors.Count; a++)
        {
            var row = _authors[a];
            var affiliations = row.AffiliationEnd == row.AffiliationStart ? [] : new Affiliation[row.AffiliationEnd - row.AffiliationStart];
            for (int f = row.AffiliationStart; f < row.AffiliationEnd; f++)
            {
                var affiliation = _affiliations[f];
                affiliations[f - row.AffiliationStart] = new Affiliation
                {
                    InstitutionId = Shared(affiliation.InstitutionId),
                    InstitutionName = Shared(affiliation.InstitutionName),
                    Country = affiliation.Country,
                    Address = Shared(affiliation.Address),
                };
            }

            authors[a] = new Author
            {
                Id = NewString(row.Id),
                Name = NewString(row.Name),
                IsCorresponding = row.Corresponding,
                Affiliations = affiliations,
            };
        }

        return new Publication
        {
            Id = NewString(_id)!,
            Source = PublicationSource.OpenAlex,
            Fwci = _impact.Fwci,
            CitationPercentile = _impact.Percentile,
            Position = position,
            Doi = Doi.Normalize(NewString(_doi)),
            Year = _year,
            Citations = _citations,
            Authors = authors,
            Technologies = _technologies.Count == 0 ? [] : _technologies.ToArray(),
            DocumentType = _document.Type,
            IsRetracted = _document.Retracted,
            IsParatext = _document.Paratext,
            AuthorsTruncated = _document.AuthorsTruncated,
        };
    }

    /// <summary>
    /// Parses a work straight into <paramref name="batch"/> as UTF-8 (no <see cref="Publication"/>, no string per
    /// author, institution or address): the same publication <see cref="Parse"/> gives, as the batch stores it. A bad
    /// work throws before anything is written, so the batch is left as it was.
    /// </summary>
    /// <exception cref="RecordRejectedException">The work is bad.</exception>
    public void ParseInto(RecordBatch batch, ReadOnlySpan<byte> json, long line, long record)
    {
        Read(json);
        int doiLength = _doi.IsNull ? -1 : Doi.NormalizeUtf8(Span(_doi), ref _scratch);
        batch.BeginPublication(
            PublicationSource.OpenAlex,
            _year ?? RecordBatch.NoYear,
            _citations ?? RecordBatch.NoCitations,
            line,
            record,
            Span(_id),
            doiLength < 0 ? default : _scratch.AsSpan(0, doiLength),
            doiLength >= 0);
        batch.SetDocument(DocumentInfo.Pack(_document.Type, _document.Retracted, _document.Paratext, _document.AuthorsTruncated));
        batch.SetImpact(_impact.Fwci, _impact.Percentile);
        for (int a = 0; a < _authors.Count; a++)
        {
            var row = _authors[a];
            batch.BeginAuthor(row.Corresponding, Span(row.Id), !row.Id.IsNull, Span(row.Name), !row.Name.IsNull);
            for (int f = row.AffiliationStart; f < row.AffiliationEnd; f++)
            {
                var affiliation = _affiliations[f];
                int country = affiliation.Country.Id;
                if (!_institutionDetails)
                {
                    batch.AddAffiliation(country, -1, default, false);
                    continue;
                }

                int institution = affiliation.InstitutionId.IsNull && affiliation.InstitutionName.IsNull
                    ? -1
                    : batch.Institution(Span(affiliation.InstitutionId), !affiliation.InstitutionId.IsNull, Span(affiliation.InstitutionName), !affiliation.InstitutionName.IsNull, country);
                batch.AddAffiliation(country, institution, Span(affiliation.Address), !affiliation.Address.IsNull);
            }
        }

        for (int t = 0; t < _technologies.Count; t++)
        {
            var label = _technologies[t];
            int max = System.Text.Encoding.UTF8.GetMaxByteCount(label.Length);
            if (_scratch.Length < max)
            {
                _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
            }

            int length = System.Text.Encoding.UTF8.GetBytes(label, _scratch);
            batch.AddTechnology(_scratch.AsSpan(0, length));
        }

        batch.EndPublication();
    }

    /// <summary>
    /// Reads a work into the parser's rows: with the scanner (<see cref="TryParseFast"/>) when <see cref="FastPath"/>
    /// is on, and with <see cref="ParseCore"/> whenever the scanner gives up, so that every error is the reference's.
    /// </summary>
    private void Read(ReadOnlySpan<byte> json)
    {
        ReadByScanner = FastPath && TryParseFast(json);
        if (!ReadByScanner)
        {
            ParseCore(json);
        }
    }

    /// <summary>Parses a work into the parser's rows (texts as UTF-8 in <see cref="_text"/>) with <see cref="Utf8JsonReader"/>: the reference reading, and every error's.</summary>
    private void ParseCore(ReadOnlySpan<byte> json)
    {
        ResetWork();
        var reader = new Utf8JsonReader(json, _options);
        var seen = WorkKeys.None;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                Reject(null, SkipReason.Malformed, "a work must be a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = KeyOf(ref reader);
                if (key != WorkKeys.None)
                {
                    if ((seen & key) != 0)
                    {
                        Reject(reader.GetString(), SkipReason.Malformed, $"the key \"{reader.GetString()}\" appears twice in the work; a JSON object must not repeat a key.");
                    }

                    seen |= key;
                }

                if (reader.ValueTextEquals("id"u8))
                {
                    SetField("id");
                    reader.Read();
                    _id = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals("doi"u8))
                {
                    SetField("doi");
                    reader.Read();
                    _doi = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals("publication_year"u8))
                {
                    SetField("publication_year");
                    reader.Read();
                    _year = ReadYear(ref reader);
                }
                else if (reader.ValueTextEquals("cited_by_count"u8))
                {
                    SetField("cited_by_count");
                    reader.Read();
                    _citations = ReadCount(ref reader);
                }
                else if (reader.ValueTextEquals("authorships"u8))
                {
                    SetField("authorships");
                    reader.Read();
                    ReadAuthorships(ref reader);
                }
                else if (reader.ValueTextEquals("primary_topic"u8))
                {
                    SetField("primary_topic");
                    reader.Read();
                    ReadTopic(ref reader, primary: true);
                }
                else if (reader.ValueTextEquals("topics"u8))
                {
                    SetField("topics");
                    reader.Read();
                    ReadTopics(ref reader);
                }
                else if (ReadImpactField(ref reader))
                {
                    // fwci and citation_normalized_percentile (see ReadImpactField).
                }
                else if (reader.ValueTextEquals("concepts"u8) && _mapping is not null)
                {
                    SetField("concepts");
                    reader.Read();
                    ReadNamedEntities(ref reader, keepName: true);
                }
                else if (reader.ValueTextEquals("keywords"u8) && _mapping is not null)
                {
                    SetField("keywords");
                    reader.Read();
                    ReadNamedEntities(ref reader, keepName: false);
                }
                else if (ReadDocumentField(ref reader))
                {
                    // type, is_retracted, is_paratext, is_authors_truncated (see ReadDocumentField).
                }
                else
                {
                    SetField(string.Empty);
                    reader.Read();
                    reader.Skip();
                }
            }

            SetField(string.Empty);
            if (reader.TokenType != JsonTokenType.EndObject)
            {
                Reject(null, SkipReason.Malformed, "the work object is not well-formed.");
            }

            // Anything after the object (another value on the same line) makes the reader throw here.
            reader.Read();
        }
        catch (JsonException ex)
        {
            if (reader.CurrentDepth >= _options.MaxDepth - 1)
            {
                Reject(Field(), SkipReason.TooLarge, ReadContext.TooLargeMessage("the nesting of objects and arrays in the work", nameof(ReadLimits.MaxJsonDepth), _options.MaxDepth, "--max-json-depth"));
            }

            Reject(Field(), SkipReason.Malformed, $"malformed JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // A string or key whose escapes make no text (a lone or reversed surrogate such as \ud800), refused by
            // GetString, CopyString and ValueTextEquals: a bad record naming the field, not an error of the whole read.
            Reject(Field(), SkipReason.Malformed, $"the string is not valid text: {ex.Message}");
        }

        if (_id.IsNull || IO.Csv.CsvLayout.IsWhiteSpace(Span(_id)))
        {
            Reject("id", SkipReason.MissingRequiredField, "the work has no id; every OpenAlex work needs one.");
        }

        AddFieldLabel();
    }

    /// <summary>Without a technology mapping, the work's technology is the field of its primary topic (of its first topic without one).</summary>
    private void AddFieldLabel()
    {
        if (_mapping is null)
        {
            var label = _primaryField ?? _firstTopicField;
            if (label is not null)
            {
                _technologies.Add(label);
            }
        }
    }

    /// <summary>Clears the rows of the previous work.</summary>
    private void ResetWork()
    {
        _authors.Clear();
        _affiliations.Clear();
        _technologies.Clear();
        Unresolved.Clear();
        RawFallbacks = 0;
        _impact = default;
        _affiliationCount = 0;
        _primaryField = null;
        _firstTopicField = null;
        _document = default;
        _textUsed = 0;
        _id = TextRef.Null;
        _doi = TextRef.Null;
        _year = null;
        _citations = null;
        SetField(string.Empty);
    }

    /// <summary>
    /// Reads the document fields of a work when the reader is on one of their keys: <c>type</c> (normalised by
    /// <see cref="DocumentTypes.FromOpenAlex"/>), <c>is_retracted</c>, <c>is_paratext</c> and <c>is_authors_truncated</c>
    /// (true, false or null). Returns false, reading nothing, on any other key. A key given twice, or a value of the
    /// wrong kind, rejects the work as <see cref="SkipReason.Malformed"/>.
    /// </summary>
    private bool ReadDocumentField(ref Utf8JsonReader reader)
    {
        int bit = reader.ValueTextEquals("type"u8) ? 1
            : reader.ValueTextEquals("is_retracted"u8) ? 2
            : reader.ValueTextEquals("is_paratext"u8) ? 4
            : reader.ValueTextEquals("is_authors_truncated"u8) ? 8
            : 0;
        if (bit == 0)
        {
            return false;
        }

        string key = reader.GetString()!;
        if ((_document.Seen & bit) != 0)
        {
            Reject(key, SkipReason.Malformed, $"the key \"{key}\" appears twice in the work; a JSON object must not repeat a key.");
        }

        _document.Seen |= bit;
        SetField(key);
        reader.Read();
        if (bit == 1)
        {
            if (ReadShared(ref reader) is { } type)
            {
                _document.Type = DocumentTypes.FromOpenAlex(type);
            }

            return true;
        }

        bool value = reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False or JsonTokenType.Null => false,
            _ => RejectFlag(key, ref reader),
        };
        SetDocumentFlag(bit, value);
        return true;
    }

    /// <summary>Sets a document flag by its bit in <see cref="DocumentFields.Seen"/>: 2 retracted, 4 paratext, 8 authors truncated.</summary>
    private void SetDocumentFlag(int bit, bool value)
    {
        switch (bit)
        {
            case 2:
                _document.Retracted = value;
                break;
            case 4:
                _document.Paratext = value;
                break;
            default:
                _document.AuthorsTruncated = value;
                break;
        }
    }

    private static bool RejectFlag(string key, ref Utf8JsonReader reader)
    {
        Reject(key, SkipReason.Malformed, $"expected true, false or null, found '{Describe(ref reader)}'.");
        return false;
    }

    /// <summary>The document fields of the work being parsed.</summary>
    private struct DocumentFields
    {
        public int Seen;
        public DocumentType Type;
        public bool Retracted;
        public bool Paratext;
        public bool AuthorsTruncated;
    }

    /// <summary>
    /// Reads OpenAlex's own normalised impact when the reader is on its key: <c>fwci</c> (a number of zero or more, or
    /// null) and <c>citation_normalized_percentile</c> (null, or an object with <c>value</c> from 0 to 1 and the flags
    /// <c>is_in_top_1_percent</c> and <c>is_in_top_10_percent</c>; a flag that is missing or null follows the value:
    /// at least 0.99 and 0.9). Returns false, reading nothing, on any other key. A key given twice is
    /// <see cref="SkipReason.Malformed"/>; a value out of range or of the wrong kind is <see cref="SkipReason.InvalidNumber"/>.
    /// </summary>
    private bool ReadImpactField(ref Utf8JsonReader reader)
    {
        int bit = reader.ValueTextEquals("fwci"u8) ? 1 : reader.ValueTextEquals("citation_normalized_percentile"u8) ? 2 : 0;
        if (bit == 0)
        {
            return false;
        }

        string key = bit == 1 ? "fwci" : "citation_normalized_percentile";
        if ((_impact.Seen & bit) != 0)
        {
            Reject(key, SkipReason.Malformed, $"the key \"{key}\" appears twice in the work; a JSON object must not repeat a key.");
        }

        _impact.Seen |= bit;
        SetField(key);
        reader.Read();
        if (bit == 1)
        {
            _impact.Fwci = ReadImpactNumber(ref reader, key, 0, double.MaxValue, "a number of zero or more (OpenAlex's field-weighted citation impact)");
            return true;
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Reject(key, SkipReason.Malformed, $"expected an object or null, found {reader.TokenType}.");
        }

        double? value = null;
        bool? top1 = null, top10 = null;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int member = reader.ValueTextEquals("value"u8) ? 1 : reader.ValueTextEquals("is_in_top_1_percent"u8) ? 2 : reader.ValueTextEquals("is_in_top_10_percent"u8) ? 4 : 0;
            string name = member switch
            {
                1 => "citation_normalized_percentile.value",
                2 => "citation_normalized_percentile.is_in_top_1_percent",
                4 => "citation_normalized_percentile.is_in_top_10_percent",
                _ => key,
            };
            Once(ref seen, member, ref reader, key);
            SetField(name);
            reader.Read();
            switch (member)
            {
                case 1:
                    value = ReadImpactNumber(ref reader, name, 0, 1, "a percentile from 0 to 1");
                    break;
                case 2:
                    top1 = ReadImpactFlag(ref reader, name);
                    break;
                case 4:
                    top10 = ReadImpactFlag(ref reader, name);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (value is { } v)
        {
            _impact.Percentile = new CitationPercentile(v, top1 ?? v >= 0.99, top10 ?? v >= 0.9);
        }

        return true;
    }

    private static double? ReadImpactNumber(ref Utf8JsonReader reader, string field, double minimum, double maximum, string what)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        double value = double.NaN;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out value) || !double.IsFinite(value) || value < minimum || value > maximum)
        {
            Reject(field, SkipReason.InvalidNumber, $"'{Describe(ref reader)}' is not {what}.");
        }

        return value;
    }

    private static bool? ReadImpactFlag(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => RejectImpactFlag(ref reader, field),
    };

    private static bool? RejectImpactFlag(ref Utf8JsonReader reader, string field)
    {
        Reject(field, SkipReason.Malformed, $"expected true, false or null, found '{Describe(ref reader)}'.");
        return null;
    }

    /// <summary>OpenAlex's normalised impact of the work being parsed.</summary>
    private struct ImpactFields
    {
        public int Seen;
        public double? Fwci;
        public CitationPercentile? Percentile;
    }

    /// <summary>Remembers which field is being read, for messages, without allocating: the pattern is formatted only on error.</summary>
    private void SetField(string pattern, int index0 = 0, int index1 = 0)
    {
        _fieldPattern = pattern;
        _index0 = index0;
        _index1 = index1;
    }

    private string? Field() =>
        _fieldPattern.Length == 0 ? null : string.Format(CultureInfo.InvariantCulture, _fieldPattern, _index0, _index1);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Reject(string? field, SkipReason reason, string message) =>
        throw new RecordRejectedException(field, reason, message);

    [Flags]
    private enum WorkKeys
    {
        None = 0,
        Id = 1,
        Doi = 2,
        Year = 4,
        Citations = 8,
        Authorships = 16,
        PrimaryTopic = 32,
        Topics = 64,
        Concepts = 128,
        Keywords = 256,
    }

    private static WorkKeys KeyOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("id"u8) ? WorkKeys.Id
        : reader.ValueTextEquals("doi"u8) ? WorkKeys.Doi
        : reader.ValueTextEquals("publication_year"u8) ? WorkKeys.Year
        : reader.ValueTextEquals("cited_by_count"u8) ? WorkKeys.Citations
        : reader.ValueTextEquals("authorships"u8) ? WorkKeys.Authorships
        : reader.ValueTextEquals("primary_topic"u8) ? WorkKeys.PrimaryTopic
        : reader.ValueTextEquals("topics"u8) ? WorkKeys.Topics
        : reader.ValueTextEquals("concepts"u8) ? WorkKeys.Concepts
        : reader.ValueTextEquals("keywords"u8) ? WorkKeys.Keywords
        : WorkKeys.None;

    /// <summary>Rejects a key of an authorship, author or institution that was seen already in the same object, naming that key as the field.</summary>
    /// <remarks><paramref name="where"/> is a composite format pattern with the indices <paramref name="index0"/> and <paramref name="index1"/>, formatted only when the key is repeated.</remarks>
    private static void Once(ref int seen, int bit, ref Utf8JsonReader reader, string where, int index0 = 0, int index1 = 0)
    {
        if ((seen & bit) != 0)
        {
            string place = string.Format(CultureInfo.InvariantCulture, where, index0, index1);
            string key = reader.GetString()!;
            Reject($"{place}.{key}", SkipReason.Malformed, $"the key \"{key}\" appears twice in {place}; a JSON object must not repeat a key.");
        }

        seen |= bit;
    }

    private string? ReadString(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (reader.ValueSpan.Length > _limits.MaxFieldBytes)
                {
                    Reject(Field(), SkipReason.TooLarge, ReadContext.TooLargeMessage("a string value", nameof(ReadLimits.MaxFieldBytes), _limits.MaxFieldBytes, "--max-field-size"));
                }

                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            default:
                Reject(Field(), SkipReason.Malformed, $"expected a string, found {reader.TokenType}.");
                return null;
        }
    }

    /// <summary>Checks a value as <see cref="ReadText"/> does (a string within the size limit, or null) without keeping it; returns null.</summary>
    private TextRef SkipText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= _limits.MaxFieldBytes)
        {
            return TextRef.Null;
        }

        int used = _textUsed;
        ReadText(ref reader);
        _textUsed = used;
        return TextRef.Null;
    }

    /// <summary>
    /// Like <see cref="ReadString"/>, without a string: the value (unescaped) as UTF-8 appended to the work's text
    /// buffer, or <see cref="TextRef.Null"/> for null.
    /// </summary>
    private TextRef ReadText(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var value = reader.ValueSpan;
                if (value.Length > _limits.MaxFieldBytes)
                {
                    Reject(Field(), SkipReason.TooLarge, ReadContext.TooLargeMessage("a string value", nameof(ReadLimits.MaxFieldBytes), _limits.MaxFieldBytes, "--max-field-size"));
                }

                // Unescaped text is never longer than its escaped form.
                if (_text.Length - _textUsed < value.Length)
                {
                    Array.Resize(ref _text, Math.Max(_text.Length * 2, _textUsed + value.Length));
                }

                int start = _textUsed;
                int length;
                if (reader.ValueIsEscaped)
                {
                    // The same checks as GetString: invalid escapes and lone surrogates throw.
                    length = reader.CopyString(_text.AsSpan(start));
                }
                else
                {
                    value.CopyTo(_text.AsSpan(start));
                    length = value.Length;
                }

                _textUsed = start + length;
                return new TextRef(start, length);
            case JsonTokenType.Null:
                return TextRef.Null;
            default:
                Reject(Field(), SkipReason.Malformed, $"expected a string, found {reader.TokenType}.");
                return TextRef.Null;
        }
    }

    /// <summary>The UTF-8 bytes of a text of the work being parsed (empty for null).</summary>
    private ReadOnlySpan<byte> Span(TextRef text) => text.IsNull ? default : _text.AsSpan(text.Start, text.Length);

    /// <summary>A text of the work as a new string, or null.</summary>
    private string? NewString(TextRef text) => text.IsNull ? null : System.Text.Encoding.UTF8.GetString(Span(text));

    /// <summary>A text of the work as a string through the string cache (for values that repeat from work to work), or null.</summary>
    private string? Shared(TextRef text) => text.IsNull ? null : _strings.Get(Span(text));

    /// <summary>Whether two texts of the work hold the same bytes (null equals only null).</summary>
    private bool TextEquals(TextRef a, TextRef b) => a.IsNull ? b.IsNull : !b.IsNull && Span(a).SequenceEqual(Span(b));

    /// <summary>
    /// Like <see cref="ReadString"/>, through the parser's string cache: for values that repeat from work to work
    /// (institutions, raw affiliations, topics), so that each is decoded and allocated once rather than once a work.
    /// </summary>
    private string? ReadShared(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= Utf8StringCache.MaxBytes && reader.ValueSpan.Length <= _limits.MaxFieldBytes)
        {
            return _strings.Get(reader.ValueSpan);
        }

        return ReadString(ref reader);
    }

    private int? ReadYear(ref Utf8JsonReader reader)
    {
        int year;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt32(out year):
                break;
            case JsonTokenType.String when !reader.ValueIsEscaped
                && Utf8Parser.TryParse(reader.ValueSpan, out year, out int consumed)
                && consumed == reader.ValueSpan.Length:
                break;
            default:
                Reject(Field(), SkipReason.InvalidYear, $"the year '{Describe(ref reader)}' is not a whole number.");
                return null;
        }

        if (year < YearRange.Min || year > YearRange.Max)
        {
            Reject(Field(), SkipReason.InvalidYear, $"the year {year} is outside {YearRange.Min}-{YearRange.Max}.");
        }

        return year;
    }

    private int? ReadCount(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int count) || count < 0)
        {
            Reject(Field(), SkipReason.InvalidNumber, $"'{Describe(ref reader)}' is not a non-negative whole number.");
            return null;
        }

        return count;
    }

    private static string Describe(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.ValueIsEscaped ? DescribeEscaped(ref reader) : System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "{...}",
            JsonTokenType.StartArray => "[...]",
            _ => reader.TokenType.ToString(),
        };

    /// <summary>An escaped string for a message: unescaped, or as written when its escapes do not make text.</summary>
    private static string DescribeEscaped(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    private void ExpectArrayOrNull(ref Utf8JsonReader reader, out bool isArray)
    {
        isArray = reader.TokenType == JsonTokenType.StartArray;
        if (!isArray && reader.TokenType != JsonTokenType.Null)
        {
            Reject(Field(), SkipReason.Malformed, $"expected an array, found {reader.TokenType}.");
        }
    }

    private void ReadAuthorships(ref Utf8JsonReader reader)
    {
        ExpectArrayOrNull(ref reader, out bool isArray);
        if (!isArray)
        {
            return;
        }

        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Reject(FormattableString.Invariant($"authorships[{index}]"), SkipReason.Malformed, "an authorship must be an object.");
            }

            if (index >= _limits.MaxAuthors)
            {
                Reject("authorships", SkipReason.TooLarge, ReadContext.TooLargeMessage("the number of authorships", nameof(ReadLimits.MaxAuthors), _limits.MaxAuthors, "--max-record-authors"));
            }

            ReadAuthorship(ref reader, index);
            index++;
            SetField("authorships");
        }
    }

    /// <summary>Clears the rows of the previous authorship (institutions, countries, raw strings and their links).</summary>
    private void ClearAuthorship()
    {
        _institutions.Clear();
        _countries.Clear();
        _raw.Clear();
        _rawLinks.Clear();
    }

    private void ReadAuthorship(ref Utf8JsonReader reader, int index)
    {
        ClearAuthorship();
        var authorId = TextRef.Null;
        var name = TextRef.Null;
        bool corresponding = false;
        int seen = 0;
        const string where = "authorships[{0}]";

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("author"u8))
            {
                Once(ref seen, 1, ref reader, where, index);
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    int seenAuthor = 0;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("id"u8))
                        {
                            Once(ref seenAuthor, 1, ref reader, "authorships[{0}].author", index);
                            SetField("authorships[{0}].author.id", index);
                            reader.Read();
                            authorId = _authorDetails ? ReadText(ref reader) : SkipText(ref reader);
                        }
                        else if (reader.ValueTextEquals("display_name"u8))
                        {
                            Once(ref seenAuthor, 2, ref reader, "authorships[{0}].author", index);
                            SetField("authorships[{0}].author.display_name", index);
                            reader.Read();
                            name = _authorDetails ? ReadText(ref reader) : SkipText(ref reader);
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("institutions"u8))
            {
                Once(ref seen, 2, ref reader, where, index);
                SetField("authorships[{0}].institutions", index);
                reader.Read();
                ReadInstitutions(ref reader, index);
            }
            else if (reader.ValueTextEquals("countries"u8))
            {
                Once(ref seen, 4, ref reader, where, index);
                SetField("authorships[{0}].countries", index);
                reader.Read();
                ReadCountries(ref reader, index);
            }
            else if (reader.ValueTextEquals("is_corresponding"u8))
            {
                Once(ref seen, 8, ref reader, where, index);
                SetField("authorships[{0}].is_corresponding", index);
                reader.Read();
                corresponding = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False or JsonTokenType.Null => false,
                    _ => RejectFlag(Field()!, ref reader),
                };
            }
            else if (reader.ValueTextEquals("raw_affiliation_strings"u8))
            {
                Once(ref seen, 16, ref reader, where, index);
                SetField("authorships[{0}].raw_affiliation_strings", index);
                reader.Read();
                ReadStrings(ref reader, _raw);
            }
            else if (reader.ValueTextEquals("affiliations"u8))
            {
                Once(ref seen, 32, ref reader, where, index);
                SetField("authorships[{0}].affiliations", index);
                reader.Read();
                ReadRawLinks(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        int first = _affiliations.Count;
        BuildAffiliations(first);
        _authors.Add(new AuthorRow(authorId, name, corresponding, first, _affiliations.Count));
    }

    /// <summary>
    /// The affiliations of one authorship. <c>countries</c> is authoritative: an institution whose country is not in
    /// it keeps its name but no country; a listed country that no institution carries becomes a country-only
    /// affiliation. Without <c>countries</c>, each institution's <c>country_code</c> is used.
    /// </summary>
    private void BuildAffiliations(int first)
    {
        bool countriesGiven = _countries.Count > 0;
        var soleRaw = _raw.Count == 1 ? _raw[0] : TextRef.Null;
        for (int i = 0; i < _institutions.Count; i++)
        {
            var institution = _institutions[i];
            var country = institution.Country;
            if (countriesGiven && country.IsKnown && !_countries.Contains(country))
            {
                country = Country.Unknown;
            }

            var address = AddressOf(institution.Id);
            _affiliations.Add(new AffiliationRow(institution.Id, institution.Name, country, address.IsNull ? soleRaw : address));
        }

        for (int c = 0; c < _countries.Count; c++)
        {
            var country = _countries[c];
            bool carried = false;
            for (int a = first; a < _affiliations.Count && !carried; a++)
            {
                carried = _affiliations[a].Country == country;
            }

            if (!carried)
            {
                _affiliations.Add(new AffiliationRow(TextRef.Null, TextRef.Null, country, soleRaw));
            }
        }

        bool anyCountry = false;
        for (int a = first; a < _affiliations.Count && !anyCountry; a++)
        {
            anyCountry = _affiliations[a].Country.IsKnown;
        }

        if (!anyCountry)
        {
            if (_resolution is null)
            {
                for (int r = 0; r < _raw.Count; r++)
                {
                    Unresolved.Add(Shared(_raw[r])!);
                }
            }
            else
            {
                ResolveRaw(first);
            }
        }
    }

    /// <summary>
    /// An authorship without any country: its institutions take the country of the raw string that names them, and
    /// every other raw string that resolves adds a country-only affiliation (one per country). Unresolved strings
    /// are reported.
    /// </summary>
    private void ResolveRaw(int first)
    {
        for (int a = first; a < _affiliations.Count; a++)
        {
            var address = _affiliations[a].Address;
            if (address.Length > 0 && _resolution!.Resolve(Shared(address)!) is { IsKnown: true } country)
            {
                _affiliations[a] = _affiliations[a] with { Country = country };
                RawFallbacks++;
            }
        }

        for (int r = 0; r < _raw.Count; r++)
        {
            var raw = _raw[r];
            bool used = false;
            bool carried = false;
            string text = Shared(raw)!;
            var country = _resolution!.Resolve(text);
            for (int a = first; a < _affiliations.Count; a++)
            {
                used |= TextEquals(_affiliations[a].Address, raw) && _affiliations[a].Country.IsKnown;
                carried |= country.IsKnown && _affiliations[a].Country == country;
            }

            if (used)
            {
                continue;
            }

            if (!country.IsKnown)
            {
                Unresolved.Add(text);
            }
            else if (!carried)
            {
                _affiliations.Add(new AffiliationRow(TextRef.Null, TextRef.Null, country, raw));
                RawFallbacks++;
            }
        }
    }

    /// <summary>The raw affiliation string that names institution <paramref name="institutionId"/>, or null.</summary>
    private TextRef AddressOf(TextRef institutionId)
    {
        if (institutionId.IsNull)
        {
            return TextRef.Null;
        }

        for (int i = 0; i < _rawLinks.Count; i++)
        {
            if (TextEquals(_rawLinks[i].InstitutionId, institutionId))
            {
                return _rawLinks[i].Raw;
            }
        }

        return TextRef.Null;
    }

    private void ReadInstitutions(ref Utf8JsonReader reader, int authorship)
    {
        ExpectArrayOrNull(ref reader, out bool isArray);
        if (!isArray)
        {
            return;
        }

        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Reject(FormattableString.Invariant($"authorships[{authorship}].institutions[{index}]"), SkipReason.Malformed, "an institution must be an object.");
            }

            CountAffiliation();
            var id = TextRef.Null;
            var name = TextRef.Null;
            var country = Country.Unknown;
            int seen = 0;
            const string where = "authorships[{0}].institutions[{1}]";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    Once(ref seen, 1, ref reader, where, authorship, index);
                    reader.Read();
                    id = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals("display_name"u8))
                {
                    Once(ref seen, 2, ref reader, where, authorship, index);
                    reader.Read();
                    name = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals("country_code"u8))
                {
                    Once(ref seen, 4, ref reader, where, authorship, index);
                    SetField("authorships[{0}].institutions[{1}].country_code", authorship, index);
                    reader.Read();
                    country = ReadCountry(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            _institutions.Add(new InstitutionEntry(id, name, country));
            index++;
        }
    }

    private void ReadCountries(ref Utf8JsonReader reader, int authorship)
    {
        ExpectArrayOrNull(ref reader, out bool isArray);
        if (!isArray)
        {
            return;
        }

        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            CountAffiliation();
            SetField("authorships[{0}].countries[{1}]", authorship, index);
            var country = ReadCountry(ref reader);
            if (country.IsKnown && !_countries.Contains(country))
            {
                _countries.Add(country);
            }

            index++;
        }
    }

    private void CountAffiliation()
    {
        if (++_affiliationCount > _limits.MaxAffiliations)
        {
            Reject("authorships", SkipReason.TooLarge, ReadContext.TooLargeMessage("the number of affiliations (institutions and countries of all authorships)", nameof(ReadLimits.MaxAffiliations), _limits.MaxAffiliations, "--max-affiliations"));
        }
    }

    private Country ReadCountry(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Country.Unknown;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var value = reader.ValueSpan;
            if (value.Length == 0)
            {
                return Country.Unknown;
            }

            if (value.Length == 2 && !reader.ValueIsEscaped)
            {
                Span<char> code = [(char)value[0], (char)value[1]];
                if (Country.TryParseAlpha2(code, out var country))
                {
                    return country;
                }
            }
        }

        Reject(Field(), SkipReason.UnknownCountryCode, $"'{Describe(ref reader)}' is not an ISO 3166-1 alpha-2 country code.");
        return Country.Unknown;
    }

    private void ReadStrings(ref Utf8JsonReader reader, List<TextRef> into)
    {
        ExpectArrayOrNull(ref reader, out bool isArray);
        if (!isArray)
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (ReadText(ref reader) is { Length: > 0 } text)
            {
                CountAffiliation();
                into.Add(text);
            }
        }
    }

    /// <summary>Reads <c>affiliations: [{raw_affiliation_string, institution_ids: [...]}]</c>: which raw text names which institution.</summary>
    private void ReadRawLinks(ref Utf8JsonReader reader)
    {
        ExpectArrayOrNull(ref reader, out bool isArray);
        if (!isArray)
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var raw = TextRef.Null;
            int firstLink = _rawLinks.Count;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("raw_affiliation_string"u8))
                {
                    reader.Read();
                    raw = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals("institution_ids"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (ReadText(ref reader) is { IsNull: false } institutionId)
                        {
                            _rawLinks.Add(new RawLink(TextRef.Empty, institutionId));
                        }
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // The raw string may come before or after the ids: fill it in afterwards.
            for (int i = firstLink; i < _rawLinks.Count; i++)
            {
                _rawLinks[i] = new RawLink(raw.IsNull ? TextRef.Empty : raw, _rawLinks[i].InstitutionId);
            }
        }
    }

    private void ReadTopics(ref Utf8JsonReader reader)
    {
        ExpectArrayOrNull(ref reader, out bool isArray);
        if (!isArray)
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ReadTopic(ref reader, primary: false);
        }
    }

    private void ReadTopic(ref Utf8JsonReader reader, bool primary)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        if (_mapping is not null)
        {
            ReadMappedTopic(ref reader, primary);
            return;
        }

        string? id = null;
        string? name = null;
        string? field = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = ReadShared(ref reader);
            }
            else if (reader.ValueTextEquals("display_name"u8))
            {
                reader.Read();
                name = ReadShared(ref reader);
            }
            else if (reader.ValueTextEquals("field"u8))
            {
                reader.Read();
                field = ReadNested(ref reader, "display_name"u8);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (primary)
        {
            _primaryField = field;
        }
        else
        {
            _firstTopicField ??= field;
        }
    }

    /// <summary>
    /// The work's concepts or keywords (<c>{id, display_name, ...}</c>), matched by id and display name; an unmapped
    /// concept is kept under its name when the mapping keeps unmapped sources (<paramref name="keepName"/>), a keyword is not.
    /// </summary>
    private void ReadNamedEntities(ref Utf8JsonReader reader, bool keepName)
    {
        ExpectArrayOrNull(ref reader, out bool isArray);
        if (!isArray)
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? id = null;
            string? name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = ReadShared(ref reader);
                }
                else if (reader.ValueTextEquals("display_name"u8))
                {
                    reader.Read();
                    name = ReadShared(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            MapEntity(id, name, keepName);
        }
    }

    /// <summary>
    /// A topic read through the technology mapping: it matches by its id, its subfield's, field's and domain's ids,
    /// and its display name, unless <see cref="TechnologyMapping.PrimaryTopicOnly"/> leaves out a topic that is not
    /// the primary one, or its score is below <see cref="TechnologyMapping.MinTopicScore"/>.
    /// </summary>
    private void ReadMappedTopic(ref Utf8JsonReader reader, bool primary)
    {
        var mapping = _mapping!;
        if (!primary && mapping.PrimaryTopicOnly)
        {
            reader.Skip();
            return;
        }

        string? id = null, name = null, subfield = null, field = null, domain = null;
        double? score = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = ReadShared(ref reader);
            }
            else if (reader.ValueTextEquals("display_name"u8))
            {
                reader.Read();
                name = ReadShared(ref reader);
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                reader.Read();
                score = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double s) ? s : null;
            }
            else if (reader.ValueTextEquals("subfield"u8))
            {
                reader.Read();
                subfield = ReadNested(ref reader, "id"u8);
            }
            else if (reader.ValueTextEquals("field"u8))
            {
                reader.Read();
                field = ReadNested(ref reader, "id"u8);
            }
            else if (reader.ValueTextEquals("domain"u8))
            {
                reader.Read();
                domain = ReadNested(ref reader, "id"u8);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (mapping.MinTopicScore is { } min && !(score >= min))
        {
            return;
        }

        bool mapped = false;
        foreach (var key in (ReadOnlySpan<string?>)[id, subfield, field, domain])
        {
            mapped |= key is not null && mapping.AddId(key, _technologies);
        }

        mapped |= name is not null && mapping.AddName(name, _technologies);
        if (!mapped && mapping.KeepUnmapped)
        {
            KeepUnmapped(id, name);
        }
    }

    /// <summary>One string property of a nested object (the <c>id</c> of a topic's subfield, field or domain, a field's <c>display_name</c>), or null.</summary>
    private string? ReadNested(ref Utf8JsonReader reader, ReadOnlySpan<byte> property)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(property))
            {
                reader.Read();
                id = ReadShared(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return id;
    }

    /// <summary>Adds the technologies a concept or keyword maps to by its id or display name; unmapped, its name when the mapping keeps unmapped sources and <paramref name="keepName"/>.</summary>
    private void MapEntity(string? id, string? name, bool keepName)
    {
        var mapping = _mapping!;
        bool mapped = id is not null && mapping.AddId(id, _technologies);
        mapped |= name is not null && mapping.AddName(name, _technologies);
        if (!mapped && keepName && mapping.KeepUnmapped)
        {
            KeepUnmapped(id, name);
        }
    }

    /// <summary>An unmapped topic or concept kept under its display name (its id when it has none).</summary>
    private void KeepUnmapped(string? id, string? name)
    {
        var label = !string.IsNullOrWhiteSpace(name) ? name.Trim() : id?.Trim();
        if (!string.IsNullOrEmpty(label) && !_technologies.Contains(label))
        {
            _technologies.Add(label);
        }
    }

    private readonly record struct InstitutionEntry(TextRef Id, TextRef Name, Country Country);

    /// <summary>An author of the work being parsed: its affiliations are <c>_affiliations[AffiliationStart..AffiliationEnd]</c>.</summary>
    private readonly record struct AuthorRow(TextRef Id, TextRef Name, bool Corresponding, int AffiliationStart, int AffiliationEnd);

    /// <summary>An affiliation of the work being parsed (an institution when it has an id or a name).</summary>
    private readonly record struct AffiliationRow(TextRef InstitutionId, TextRef InstitutionName, Country Country, TextRef Address);

    /// <summary>A raw affiliation string and an institution it names.</summary>
    private readonly record struct RawLink(TextRef Raw, TextRef InstitutionId);

    /// <summary>A text of the work being parsed: <see cref="Length"/> UTF-8 bytes at <see cref="Start"/> of the parser's text buffer; a length of -1 is null.</summary>
    private readonly record struct TextRef(int Start, int Length)
    {
        public static TextRef Null => new(0, -1);

        public static TextRef Empty => new(0, 0);

        public bool IsNull => Length < 0;
    }
}
