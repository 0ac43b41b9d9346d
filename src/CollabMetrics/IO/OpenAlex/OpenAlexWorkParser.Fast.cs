using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.IO.OpenAlex;

/// <summary>
/// The fast reading of a work: <see cref="Utf8JsonScanner"/> over its bytes, into the same rows as
/// <see cref="ParseCore"/>. It handles the works that read cleanly; anything else (an error of any kind, an escape in a
/// key, a limit reached, an escaped value that is not unescaped here, a technology mapping) makes it give up, and the
/// work is read again by <see cref="ParseCore"/>, so that every error, field and skip reason is the reference's.
/// </summary>
internal sealed partial class OpenAlexWorkParser
{
    /// <summary>Whether works are read by the scanner first (the default); off, every work is read by <see cref="ParseCore"/> alone.</summary>
    internal bool FastPath { get; set; } = true;

    /// <summary>Whether the last work was read by the scanner (false: by the reference parser, or it was rejected).</summary>
    internal bool ReadByScanner { get; private set; }

    /// <summary>
    /// Reads a work with the scanner into the parser's rows, as <see cref="ParseCore"/> does. False when the scanner
    /// gave up; the rows are then incomplete and must be read again by <see cref="ParseCore"/> (which clears them).
    /// </summary>
    internal bool TryParseFast(ReadOnlySpan<byte> json)
    {
        if (_mapping is not null)
        {
            // Concepts, keywords and mapped topics are read by the reference parser only.
            return false;
        }

        ResetWork();
        var scanner = new Utf8JsonScanner(json, _options.MaxDepth - 1);
        if (!scanner.BeginObject(out bool more))
        {
            return false;
        }

        var seen = WorkKeys.None;
        while (more)
        {
            if (!scanner.ReadKey(out var key) || !FastWorkMember(ref scanner, key, ref seen) || !scanner.EndMember(out more))
            {
                return false;
            }
        }

        if (!scanner.AtEnd() || _id.IsNull || IO.Csv.CsvLayout.IsWhiteSpace(Span(_id)))
        {
            return false;
        }

        AddFieldLabel();
        return true;
    }

    /// <summary>One member of the work: the keys <see cref="ParseCore"/> reads, in the same way; any other skipped.</summary>
    private bool FastWorkMember(ref Utf8JsonScanner scanner, ReadOnlySpan<byte> key, ref WorkKeys seen)
    {
        switch (key.Length)
        {
            case 2 when key.SequenceEqual("id"u8):
                return FastOnce(ref seen, WorkKeys.Id) && FastText(ref scanner, out _id);
            case 3 when key.SequenceEqual("doi"u8):
                return FastOnce(ref seen, WorkKeys.Doi) && FastText(ref scanner, out _doi);
            case 4 when key.SequenceEqual("type"u8):
                return FastDocumentType(ref scanner);
            case 4 when key.SequenceEqual("fwci"u8):
                return FastFwci(ref scanner);
            case 6 when key.SequenceEqual("topics"u8):
                return FastOnce(ref seen, WorkKeys.Topics) && FastTopics(ref scanner);
            case 8 when key.SequenceEqual("concepts"u8):
                return FastOnce(ref seen, WorkKeys.Concepts) && scanner.SkipValue();
            case 8 when key.SequenceEqual("keywords"u8):
                return FastOnce(ref seen, WorkKeys.Keywords) && scanner.SkipValue();
            case 11 when key.SequenceEqual("authorships"u8):
                return FastOnce(ref seen, WorkKeys.Authorships) && FastAuthorships(ref scanner);
            case 11 when key.SequenceEqual("is_paratext"u8):
                return FastDocumentFlag(ref scanner, 4);
            case 12 when key.SequenceEqual("is_retracted"u8):
                return FastDocumentFlag(ref scanner, 2);
            case 13 when key.SequenceEqual("primary_topic"u8):
                return FastOnce(ref seen, WorkKeys.PrimaryTopic) && FastTopic(ref scanner, primary: true);
            case 14 when key.SequenceEqual("cited_by_count"u8):
                return FastOnce(ref seen, WorkKeys.Citations) && FastCount(ref scanner);
            case 16 when key.SequenceEqual("publication_year"u8):
                return FastOnce(ref seen, WorkKeys.Year) && FastYear(ref scanner);
            case 20 when key.SequenceEqual("is_authors_truncated"u8):
                return FastDocumentFlag(ref scanner, 8);
            case 30 when key.SequenceEqual("citation_normalized_percentile"u8):
                return FastPercentile(ref scanner);
            default:
                return scanner.SkipValue();
        }
    }

    /// <summary>Marks a key of the work as seen; false when it was seen already (the reference rejects a repeated key).</summary>
    private static bool FastOnce(ref WorkKeys seen, WorkKeys key)
    {
        if ((seen & key) != 0)
        {
            return false;
        }

        seen |= key;
        return true;
    }

    /// <summary>Marks a key of an object as seen, by its bit; false when it was seen already.</summary>
    private static bool FastOnce(ref int seen, int bit)
    {
        if ((seen & bit) != 0)
        {
            return false;
        }

        seen |= bit;
        return true;
    }

    /// <summary>As <see cref="ReadText"/>: a string within the size limit (unescaped into the work's text buffer) or null.</summary>
    private bool FastText(ref Utf8JsonScanner scanner, out TextRef text)
    {
        text = TextRef.Null;
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.ReadString(out var raw, out bool escaped) || raw.Length > _limits.MaxFieldBytes)
        {
            return false;
        }

        if (_text.Length - _textUsed < raw.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textUsed + raw.Length));
        }

        int start = _textUsed;
        int length;
        if (escaped)
        {
            if (!Utf8JsonScanner.TryUnescape(raw, _text.AsSpan(start), out length))
            {
                return false;
            }
        }
        else
        {
            raw.CopyTo(_text.AsSpan(start));
            length = raw.Length;
        }

        _textUsed = start + length;
        text = new TextRef(start, length);
        return true;
    }

    /// <summary>As <see cref="SkipText"/>: checked as <see cref="FastText"/> checks it (an escaped string unescaped into scratch space), not kept.</summary>
    private bool FastSkipText(ref Utf8JsonScanner scanner, out TextRef text)
    {
        text = TextRef.Null;
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.ReadString(out var raw, out bool escaped) || raw.Length > _limits.MaxFieldBytes)
        {
            return false;
        }

        if (!escaped)
        {
            return true;
        }

        if (_text.Length - _textUsed < raw.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textUsed + raw.Length));
        }

        return Utf8JsonScanner.TryUnescape(raw, _text.AsSpan(_textUsed), out _);
    }

    /// <summary>
    /// As <see cref="ReadShared"/>: null, or an unescaped string of at most <see cref="Utf8StringCache.MaxBytes"/>
    /// through the string cache. Other strings are left to the reference parser (they are rare).
    /// </summary>
    private bool FastShared(ref Utf8JsonScanner scanner, bool keep, out string? value)
    {
        value = null;
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.ReadString(out var raw, out bool escaped) || escaped || raw.Length > Utf8StringCache.MaxBytes || raw.Length > _limits.MaxFieldBytes)
        {
            return false;
        }

        if (keep)
        {
            value = _strings.Get(raw);
        }

        return true;
    }

    /// <summary>As <see cref="ReadYear"/>, for the years written as numbers; strings and anything out of range are left to the reference.</summary>
    private bool FastYear(ref Utf8JsonScanner scanner)
    {
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.ReadSmallNatural(out int year) || year < YearRange.Min || year > YearRange.Max)
        {
            return false;
        }

        _year = year;
        return true;
    }

    /// <summary>As <see cref="ReadCount"/>, for counts of at most nine digits.</summary>
    private bool FastCount(ref Utf8JsonScanner scanner)
    {
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.ReadSmallNatural(out int count))
        {
            return false;
        }

        _citations = count;
        return true;
    }

    /// <summary>As <see cref="ReadDocumentField"/> on <c>type</c>.</summary>
    private bool FastDocumentType(ref Utf8JsonScanner scanner)
    {
        if (!FastOnce(ref _document.Seen, 1) || !FastShared(ref scanner, keep: true, out var type))
        {
            return false;
        }

        if (type is not null)
        {
            _document.Type = DocumentTypes.FromOpenAlex(type);
        }

        return true;
    }

    /// <summary>As <see cref="ReadDocumentField"/> on a flag (true, false or null).</summary>
    private bool FastDocumentFlag(ref Utf8JsonScanner scanner, int bit)
    {
        if (!FastOnce(ref _document.Seen, bit) || !scanner.ReadLiteral(out bool? flag))
        {
            return false;
        }

        SetDocumentFlag(bit, flag == true);
        return true;
    }

    /// <summary>As <see cref="ReadImpactField"/> on <c>fwci</c>.</summary>
    private bool FastFwci(ref Utf8JsonScanner scanner)
    {
        if (!FastOnce(ref _impact.Seen, 1))
        {
            return false;
        }

        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.ReadDouble(out double value) || value < 0)
        {
            return false;
        }

        _impact.Fwci = value;
        return true;
    }

    /// <summary>As <see cref="ReadImpactField"/> on <c>citation_normalized_percentile</c>.</summary>
    private bool FastPercentile(ref Utf8JsonScanner scanner)
    {
        if (!FastOnce(ref _impact.Seen, 2))
        {
            return false;
        }

        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.BeginObject(out bool more))
        {
            return false;
        }

        double? value = null;
        bool? top1 = null, top10 = null;
        int seen = 0;
        while (more)
        {
            if (!scanner.ReadKey(out var key))
            {
                return false;
            }

            bool ok;
            if (key.SequenceEqual("value"u8))
            {
                ok = FastOnce(ref seen, 1) && FastPercentileValue(ref scanner, out value);
            }
            else if (key.SequenceEqual("is_in_top_1_percent"u8))
            {
                ok = FastOnce(ref seen, 2) && scanner.ReadLiteral(out top1);
            }
            else if (key.SequenceEqual("is_in_top_10_percent"u8))
            {
                ok = FastOnce(ref seen, 4) && scanner.ReadLiteral(out top10);
            }
            else
            {
                ok = scanner.SkipValue();
            }

            if (!ok || !scanner.EndMember(out more))
            {
                return false;
            }
        }

        if (value is { } v)
        {
            _impact.Percentile = new CitationPercentile(v, top1 ?? v >= 0.99, top10 ?? v >= 0.9);
        }

        return true;
    }

    private static bool FastPercentileValue(ref Utf8JsonScanner scanner, out double? value)
    {
        value = null;
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.ReadDouble(out double v) || v < 0 || v > 1)
        {
            return false;
        }

        value = v;
        return true;
    }

    /// <summary>As <see cref="ReadAuthorships"/>.</summary>
    private bool FastAuthorships(ref Utf8JsonScanner scanner)
    {
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.BeginArray(out bool more))
        {
            return false;
        }

        int index = 0;
        while (more)
        {
            if (index >= _limits.MaxAuthors || !FastAuthorship(ref scanner) || !scanner.EndItem(out more))
            {
                return false;
            }

            index++;
        }

        return true;
    }

    /// <summary>As <see cref="ReadAuthorship"/>: the same members, the same repeated-key checks, the same affiliations built.</summary>
    private bool FastAuthorship(ref Utf8JsonScanner scanner)
    {
        if (!scanner.BeginObject(out bool more))
        {
            return false;
        }

        ClearAuthorship();
        var authorId = TextRef.Null;
        var name = TextRef.Null;
        bool corresponding = false;
        int seen = 0;
        while (more)
        {
            if (!scanner.ReadKey(out var key))
            {
                return false;
            }

            bool ok;
            switch (key.Length)
            {
                case 6 when key.SequenceEqual("author"u8):
                    ok = FastOnce(ref seen, 1) && FastAuthor(ref scanner, ref authorId, ref name);
                    break;
                case 9 when key.SequenceEqual("countries"u8):
                    ok = FastOnce(ref seen, 4) && FastCountries(ref scanner);
                    break;
                case 12 when key.SequenceEqual("institutions"u8):
                    ok = FastOnce(ref seen, 2) && FastInstitutions(ref scanner);
                    break;
                case 12 when key.SequenceEqual("affiliations"u8):
                    ok = FastOnce(ref seen, 32) && FastRawLinks(ref scanner);
                    break;
                case 16 when key.SequenceEqual("is_corresponding"u8):
                    ok = FastOnce(ref seen, 8) && FastCorresponding(ref scanner, out corresponding);
                    break;
                case 23 when key.SequenceEqual("raw_affiliation_strings"u8):
                    ok = FastOnce(ref seen, 16) && FastRawStrings(ref scanner);
                    break;
                default:
                    ok = scanner.SkipValue();
                    break;
            }

            if (!ok || !scanner.EndMember(out more))
            {
                return false;
            }
        }

        int first = _affiliations.Count;
        BuildAffiliations(first);
        _authors.Add(new AuthorRow(authorId, name, corresponding, first, _affiliations.Count));
        return true;
    }

    /// <summary>
    /// As the reference reads <c>is_corresponding</c>: true for <c>true</c>, false for <c>false</c> and <c>null</c>.
    /// Any other value is left to the reference, which rejects it naming the field.
    /// </summary>
    private static bool FastCorresponding(ref Utf8JsonScanner scanner, out bool corresponding)
    {
        bool read = scanner.ReadLiteral(out bool? value);
        corresponding = value == true;
        return read;
    }

    /// <summary>The author object of an authorship (its <c>id</c> and <c>display_name</c>); any other value skipped.</summary>
    private bool FastAuthor(ref Utf8JsonScanner scanner, ref TextRef authorId, ref TextRef name)
    {
        if (scanner.Peek() != (byte)'{')
        {
            return scanner.SkipValue();
        }

        if (!scanner.BeginObject(out bool more))
        {
            return false;
        }

        int seen = 0;
        while (more)
        {
            if (!scanner.ReadKey(out var key))
            {
                return false;
            }

            bool ok;
            if (key.SequenceEqual("id"u8))
            {
                ok = FastOnce(ref seen, 1) && (_authorDetails ? FastText(ref scanner, out authorId) : FastSkipText(ref scanner, out authorId));
            }
            else if (key.SequenceEqual("display_name"u8))
            {
                ok = FastOnce(ref seen, 2) && (_authorDetails ? FastText(ref scanner, out name) : FastSkipText(ref scanner, out name));
            }
            else
            {
                ok = scanner.SkipValue();
            }

            if (!ok || !scanner.EndMember(out more))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>As <see cref="ReadInstitutions"/>.</summary>
    private bool FastInstitutions(ref Utf8JsonScanner scanner)
    {
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.BeginArray(out bool more))
        {
            return false;
        }

        while (more)
        {
            if (++_affiliationCount > _limits.MaxAffiliations || !scanner.BeginObject(out bool members))
            {
                return false;
            }

            var id = TextRef.Null;
            var name = TextRef.Null;
            var country = Country.Unknown;
            int seen = 0;
            while (members)
            {
                if (!scanner.ReadKey(out var key))
                {
                    return false;
                }

                bool ok;
                if (key.SequenceEqual("id"u8))
                {
                    ok = FastOnce(ref seen, 1) && FastText(ref scanner, out id);
                }
                else if (key.SequenceEqual("display_name"u8))
                {
                    // The name is only written into a batch that keeps institutions (the id also finds the address).
                    ok = FastOnce(ref seen, 2) && (_institutionDetails ? FastText(ref scanner, out name) : FastSkipText(ref scanner, out name));
                }
                else if (key.SequenceEqual("country_code"u8))
                {
                    ok = FastOnce(ref seen, 4) && FastCountry(ref scanner, out country);
                }
                else
                {
                    ok = scanner.SkipValue();
                }

                if (!ok || !scanner.EndMember(out members))
                {
                    return false;
                }
            }

            _institutions.Add(new InstitutionEntry(id, name, country));
            if (!scanner.EndItem(out more))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>As <see cref="ReadCountries"/>.</summary>
    private bool FastCountries(ref Utf8JsonScanner scanner)
    {
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.BeginArray(out bool more))
        {
            return false;
        }

        while (more)
        {
            if (++_affiliationCount > _limits.MaxAffiliations || !FastCountry(ref scanner, out var country))
            {
                return false;
            }

            if (country.IsKnown && !_countries.Contains(country))
            {
                _countries.Add(country);
            }

            if (!scanner.EndItem(out more))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>As <see cref="ReadCountry"/>: null or "" is no country, a known alpha-2 code is that country; anything else is left to the reference.</summary>
    private static bool FastCountry(ref Utf8JsonScanner scanner, out Country country)
    {
        country = Country.Unknown;
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.ReadString(out var raw, out bool escaped))
        {
            return false;
        }

        return raw.Length == 0 || (!escaped && Country.TryParseAlpha2Utf8(raw, out country));
    }

    /// <summary>As <see cref="ReadStrings"/> into the raw affiliation strings.</summary>
    private bool FastRawStrings(ref Utf8JsonScanner scanner)
    {
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.BeginArray(out bool more))
        {
            return false;
        }

        while (more)
        {
            if (!FastText(ref scanner, out var text))
            {
                return false;
            }

            if (text.Length > 0)
            {
                if (++_affiliationCount > _limits.MaxAffiliations)
                {
                    return false;
                }

                _raw.Add(text);
            }

            if (!scanner.EndItem(out more))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>As <see cref="ReadRawLinks"/>: which raw affiliation string names which institution.</summary>
    private bool FastRawLinks(ref Utf8JsonScanner scanner)
    {
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.BeginArray(out bool more))
        {
            return false;
        }

        while (more)
        {
            if (scanner.Peek() != (byte)'{')
            {
                if (!scanner.SkipValue() || !scanner.EndItem(out more))
                {
                    return false;
                }

                continue;
            }

            if (!scanner.BeginObject(out bool members))
            {
                return false;
            }

            var raw = TextRef.Null;
            int firstLink = _rawLinks.Count;
            while (members)
            {
                if (!scanner.ReadKey(out var key))
                {
                    return false;
                }

                bool ok;
                if (key.SequenceEqual("raw_affiliation_string"u8))
                {
                    ok = FastText(ref scanner, out raw);
                }
                else if (key.SequenceEqual("institution_ids"u8) && scanner.Peek() == (byte)'[')
                {
                    ok = FastInstitutionIds(ref scanner);
                }
                else
                {
                    ok = scanner.SkipValue();
                }

                if (!ok || !scanner.EndMember(out members))
                {
                    return false;
                }
            }

            for (int i = firstLink; i < _rawLinks.Count; i++)
            {
                _rawLinks[i] = new RawLink(raw.IsNull ? TextRef.Empty : raw, _rawLinks[i].InstitutionId);
            }

            if (!scanner.EndItem(out more))
            {
                return false;
            }
        }

        return true;
    }

    private bool FastInstitutionIds(ref Utf8JsonScanner scanner)
    {
        if (!scanner.BeginArray(out bool more))
        {
            return false;
        }

        while (more)
        {
            if (!FastText(ref scanner, out var institutionId))
            {
                return false;
            }

            if (!institutionId.IsNull)
            {
                _rawLinks.Add(new RawLink(TextRef.Empty, institutionId));
            }

            if (!scanner.EndItem(out more))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>As <see cref="ReadTopics"/>.</summary>
    private bool FastTopics(ref Utf8JsonScanner scanner)
    {
        if (scanner.TryReadNull())
        {
            return true;
        }

        if (!scanner.BeginArray(out bool more))
        {
            return false;
        }

        while (more)
        {
            if (!FastTopic(ref scanner, primary: false) || !scanner.EndItem(out more))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>As <see cref="ReadTopic"/> without a technology mapping: the display name of the topic's field.</summary>
    private bool FastTopic(ref Utf8JsonScanner scanner, bool primary)
    {
        if (scanner.Peek() != (byte)'{')
        {
            return scanner.SkipValue();
        }

        if (!scanner.BeginObject(out bool more))
        {
            return false;
        }

        string? field = null;
        while (more)
        {
            if (!scanner.ReadKey(out var key))
            {
                return false;
            }

            bool ok;
            if (key.SequenceEqual("id"u8) || key.SequenceEqual("display_name"u8))
            {
                // Read and checked by the reference, not used without a mapping.
                ok = FastShared(ref scanner, keep: false, out _);
            }
            else if (key.SequenceEqual("field"u8))
            {
                ok = FastNestedName(ref scanner, out field);
            }
            else
            {
                ok = scanner.SkipValue();
            }

            if (!ok || !scanner.EndMember(out more))
            {
                return false;
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

        return true;
    }

    /// <summary>As <see cref="ReadNested"/> for <c>display_name</c>: the last one of an object, null for any other value.</summary>
    private bool FastNestedName(ref Utf8JsonScanner scanner, out string? name)
    {
        name = null;
        if (scanner.Peek() != (byte)'{')
        {
            return scanner.SkipValue();
        }

        if (!scanner.BeginObject(out bool more))
        {
            return false;
        }

        while (more)
        {
            if (!scanner.ReadKey(out var key))
            {
                return false;
            }

            bool ok = key.SequenceEqual("display_name"u8) ? FastShared(ref scanner, keep: true, out name) : scanner.SkipValue();
            if (!ok || !scanner.EndMember(out more))
            {
                return false;
            }
        }

        return true;
    }
}
