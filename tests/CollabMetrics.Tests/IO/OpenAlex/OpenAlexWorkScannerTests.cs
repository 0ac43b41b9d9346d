using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.IO.OpenAlex;

/// <summary>
/// The scanner that reads OpenAlex works first (<see cref="Utf8JsonScanner"/>, <see cref="OpenAlexWorkParser.TryParseFast"/>)
/// against the reference parser (<see cref="Utf8JsonReader"/>, the same parser with the scanner off), work by work:
/// generated works of every shape the parser reads (unicode and escapes, nulls, missing, repeated and unknown members,
/// values of the wrong kind, whitespace between tokens, numbers in every form, deep nesting), the works of the real
/// sample, and mutations of all of them (bytes changed, deleted, inserted, repeated, the work cut short). Either both
/// accept with the same record, or both reject with the same field, reason and message; and what the reference
/// rejects the scanner never accepts.
/// </summary>
public class OpenAlexWorkScannerTests
{
    private static readonly string[] Words = ["Physics", "Università di Pavia", "北京大学", "Zürich", "Ærø", "😀 lab", "O'Brien", "a\"b", "back\\slash", "tab\tin", "x/y", "Ünïcödé ∑", "", " "];

    private static readonly string[] RawStrings =
    [
        "Department of Physics, University of Pavia, Pavia, Italy", "Stanford University, Stanford, CA, USA", "Max Planck Institute, Munich, Germany",
        "Peking University, Beijing, China", "Somewhere unknown", "Université de Paris, France", "Lab 5",
    ];

    private static readonly string[] CountryCodes = ["US", "it", "DE", "CN", "FR", "", "JP"];

    private static readonly string[] Types = ["article", "review", "book-chapter", "preprint", "dataset", "paratext", "erratum"];

    private static readonly string[] Fields = ["Physics and Astronomy", "Medicine", "Computer Science", "Engineering"];

    private static readonly string[] Interesting = ["{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\n", "\t", "\r", "0", "1", "-", ".", "e", "E", "+", "t", "f", "n", "u", "l", "x", "/", "\u0001", "\u001f", "\u007f", "é", "null", "true", "\\u", "\\ud800", ",}", ",]", "//", "/*", "01"];

    private static readonly Lazy<byte[][]> RealWorks = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        var works = new List<byte[]>();
        foreach (var work in document.RootElement.EnumerateArray())
        {
            works.Add(Encoding.UTF8.GetBytes(work.GetRawText()));
            works.Add(JsonSerializer.SerializeToUtf8Bytes(work));
        }

        return [.. works];
    });

    [Fact]
    public void ParseInto_GeneratedWorks_SameRecordOrSameErrorAsTheReference()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var pairs = Parsers();
            var random = new Random(seed);
            for (int w = 0; w < 40; w++)
            {
                var json = Encoding.UTF8.GetBytes(Work(random, clean: random.Next(3) == 0));
                foreach (var (name, fast, reference) in pairs)
                {
                    AssertSame(fast, reference, json, $"seed {seed}, work {w}, {name}");
                }
            }
        }, iter: 60);
    }

    [Fact]
    public void ParseInto_MutatedWorks_SameOutcomeAndNoRejectedWorkAccepted()
    {
        int accepted = 0, rejected = 0, scanned = 0;
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var pairs = Parsers();
            var random = new Random(seed);
            for (int w = 0; w < 40; w++)
            {
                var original = random.Next(4) == 0
                    ? RealWorks.Value[random.Next(RealWorks.Value.Length)]
                    : Encoding.UTF8.GetBytes(Work(random, clean: random.Next(2) == 0));
                var json = Mutate(random, original);
                if (!Utf8.IsValid(json))
                {
                    // The readers check UTF-8 before they parse: the parser never sees such bytes.
                    continue;
                }

                foreach (var (name, fast, reference) in pairs)
                {
                    bool ok = AssertSame(fast, reference, json, $"seed {seed}, work {w}, {name}, mutated: {Encoding.UTF8.GetString(json)}");
                    Interlocked.Add(ref accepted, ok ? 1 : 0);
                    Interlocked.Add(ref rejected, ok ? 0 : 1);
                    Interlocked.Add(ref scanned, fast.ReadByScanner ? 1 : 0);
                }
            }
        }, iter: 100);

        // Not vacuous: mutations that keep a work valid, ones that break it, and works the scanner read itself.
        accepted.Should().BeGreaterThan(100);
        rejected.Should().BeGreaterThan(100);
        scanned.Should().BeGreaterThan(100);
    }

    [Fact]
    public void ParseInto_CleanGeneratedWorks_ReadByTheScannerItself()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var pairs = Parsers(smallLimits: false);
            var random = new Random(seed);
            for (int w = 0; w < 40; w++)
            {
                var json = Encoding.UTF8.GetBytes(Work(random, clean: true));
                foreach (var (name, fast, reference) in pairs)
                {
                    AssertSame(fast, reference, json, $"seed {seed}, work {w}, {name}").Should().BeTrue($"a clean work is valid (seed {seed}, work {w}): {Encoding.UTF8.GetString(json)}");
                    fast.ReadByScanner.Should().BeTrue($"the scanner reads every clean work (seed {seed}, work {w}, {name}): {Encoding.UTF8.GetString(json)}");
                }
            }
        }, iter: 40);
    }

    [Fact]
    public void ParseInto_RealSampleWorks_ReadByTheScannerWithTheReferenceRecords()
    {
        foreach (var (name, fast, reference) in Parsers(smallLimits: false))
        {
            for (int i = 0; i < RealWorks.Value.Length; i++)
            {
                AssertSame(fast, reference, RealWorks.Value[i], $"real work {i}, {name}").Should().BeTrue();
                fast.ReadByScanner.Should().BeTrue($"real work {i}, {name}");
            }
        }
    }

    [Theory]
    [InlineData("""{"id":"W1","x":[1,2,],"publication_year":2020}""")]
    [InlineData("""{"id":"W1","x":{"a":1,},"publication_year":2020}""")]
    [InlineData("""{"id":"W1",}""")]
    [InlineData("""{"id":"W1" /* c */}""")]
    [InlineData("""{"id":"W1"}// c""")]
    [InlineData("""{"id":"W1","x":01}""")]
    [InlineData("""{"id":"W1","x":1.}""")]
    [InlineData("""{"id":"W1","x":.5}""")]
    [InlineData("""{"id":"W1","x":-}""")]
    [InlineData("""{"id":"W1","x":1e}""")]
    [InlineData("""{"id":"W1","x":+1}""")]
    [InlineData("""{"id":"W1","x":NaN}""")]
    [InlineData("""{"id":"W1","x":tru}""")]
    [InlineData("""{"id":"W1","x":nulls}""")]
    [InlineData("""{"id":"W1","x":"a\qb"}""")]
    [InlineData("""{"id":"W1","x":"\u12G4"}""")]
    [InlineData("""{"id":"W1","x":"unterminated}""")]
    [InlineData("""{"id":"W1","x":[1,2}""")]
    [InlineData("""{"id":"W1","x":{"a":1]}""")]
    [InlineData("""{"id":"W1","x":{"a" 1}}""")]
    [InlineData("""{"id":"W1","x":{1:1}}""")]
    [InlineData("""{"id":"W1" "x":1}""")]
    [InlineData("""{"id":"W1"}{"id":"W2"}""")]
    [InlineData("""{"id":"W1"} x""")]
    [InlineData("""{"id":"W1","id":"W2"}""")]
    [InlineData("""{"i\u0064":"W1"}""")]
    [InlineData("""{"id":"W\ud800x"}""")]
    [InlineData("""{"id":"W1","authorships":[{"author":{"id":"A\udc00"}}]}""")]
    [InlineData("""{"id":"W1","authorships":[{"countries":["XX"]}]}""")]
    [InlineData("""{"id":"W1","authorships":[{"is_corresponding":{"a":1},"countries":["US"]}]}""")]
    [InlineData("""{"id":"W1","publication_year":"2020"}""")]
    [InlineData("""{"id":"W1","publication_year":2020.0}""")]
    [InlineData("""{"id":"W1","fwci":1e400}""")]
    [InlineData("""{"id":"W1","fwci":-0.5}""")]
    [InlineData("""{"id":"  "}""")]
    [InlineData("""{"doi":"10.1/x"}""")]
    [InlineData("""[{"id":"W1"}]""")]
    [InlineData("""{"id":"W1",""")]
    [InlineData("""{"id":"W1","type":"artic\u006ce"}""")]
    [InlineData("{\"id\":\"W1\",\"x\":\"a\u0001b\"}")]
    public void TryParseFast_InputTheReferenceRejectsOrTheScannerLeavesToIt_GivesUpAndTheReferenceDecides(string work)
    {
        var json = Encoding.UTF8.GetBytes(work);
        foreach (var (name, fast, reference) in Parsers(smallLimits: false))
        {
            fast.TryParseFast(json).Should().BeFalse(name);
            AssertSame(fast, reference, json, name);
        }
    }

    [Fact]
    public void ParseInto_NestingAroundTheDepthLimit_SameAsTheReferenceAndNothingTooDeepAccepted()
    {
        var limits = ReadLimits.Default with { MaxJsonDepth = 6 };
        var fast = Parser(limits, details: true, resolve: true, fast: true);
        var reference = Parser(limits, details: true, resolve: true, fast: false);
        for (int depth = 0; depth <= 9; depth++)
        {
            foreach (string open in (string[])["[", "{\"k\":"])
            {
                string close = open == "[" ? "]" : "}";
                string work = $"{{\"id\":\"W1\",\"x\":{string.Concat(Enumerable.Repeat(open, depth))}1{string.Concat(Enumerable.Repeat(close, depth))}}}";
                bool accepted = AssertSame(fast, reference, Encoding.UTF8.GetBytes(work), work);
                accepted.Should().Be(depth + 1 <= limits.MaxJsonDepth, work);
            }
        }
    }

    [Theory]
    [InlineData("""{"id":"W1"}""")]
    [InlineData(" {\t\"id\" :\r\n\"W1\" , \"x\" : [ ] , \"y\" : { } }\n ")]
    [InlineData("""{"id":"W\u00e9\ud83d\ude00\"\\\/\b\f\n\r\t1","x":"\u12aB"}""")]
    [InlineData("""{"id":"W1","x":[-0,0.5,1e5,1E+5,-2.5e-3,123456789012345678901234567890,true,false,null,"s",{"k\u0041":[]}]}""")]
    [InlineData("""{"id":"W1","authorships":[{"is_corresponding":null,"countries":["us",null,""]}],"publication_year":null}""")]
    public void TryParseFast_ValidWorks_ReadByTheScannerAsTheReferenceReadsThem(string work)
    {
        var json = Encoding.UTF8.GetBytes(work);
        foreach (var (name, fast, reference) in Parsers(smallLimits: false))
        {
            AssertSame(fast, reference, json, name).Should().BeTrue(name);
            fast.ReadByScanner.Should().BeTrue(name);
        }
    }

    [Fact]
    public void ParseInto_StringsOfEveryLengthWithAStopAnywhere_SameAsTheReferenceAtEveryDistanceFromTheEnd()
    {
        // A string's end is found 32 bytes at a time, the input's last bytes with a load that overlaps bytes already
        // searched: every length around those widths, a quote, backslash escape or raw control byte at every place,
        // and the string ending at every distance from the end of the input.
        string[] stops = ["\\\"", "\\\\", "\\n", "\\u00e9", "\u0001", "\"", "é"];
        var pairs = Parsers(smallLimits: false);
        int accepted = 0, rejected = 0;
        for (int length = 0; length <= 70; length++)
        {
            for (int at = -1; at < length; at++)
            {
                string stop = at < 0 ? string.Empty : stops[(length + at) % stops.Length];
                string text = at < 0 ? new string('a', length) : $"{new string('a', at)}{stop}{new string('b', length - at - 1)}";
                foreach (string after in (string[])["}", ",\"x\":1}", " }  ", ",\"k\":\"0123456789abcdefghijklmnopqrstuvwxyz\"}"])
                {
                    var json = Encoding.UTF8.GetBytes($"{{\"id\":\"{text}\"{after}");
                    foreach (var (name, fast, reference) in pairs)
                    {
                        bool ok = AssertSame(fast, reference, json, $"{name}: {Encoding.UTF8.GetString(json)}");
                        accepted += ok ? 1 : 0;
                        rejected += ok ? 0 : 1;
                    }
                }
            }
        }

        accepted.Should().BeGreaterThan(1000);
        rejected.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void ParseInto_WithoutInstitutions_TheSameRecordLessItsInstitutionsAndAddresses()
    {
        int affiliations = 0;
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var full = Parser(ReadLimits.Default, details: false, resolve: true, fast: true);
            var countries = Parser(ReadLimits.Default, details: false, resolve: true, fast: true, institutions: false);
            var random = new Random(seed);
            for (int w = 0; w < 40; w++)
            {
                var json = Encoding.UTF8.GetBytes(Work(random, clean: random.Next(2) == 0));
                string expected, actual;
                var fullBatch = new RecordBatch();
                var countryBatch = new RecordBatch();
                try
                {
                    full.ParseInto(fullBatch, json, 3, 5);
                    expected = Describe(WithoutInstitutions(fullBatch.ToPublication(0))) + $"\nunresolved [{string.Join("|", full.Unresolved)}], fallbacks {full.RawFallbacks}";
                }
                catch (RecordRejectedException ex)
                {
                    expected = $"rejected: {ex.Field} | {ex.Reason} | {ex.Message}";
                }

                try
                {
                    countries.ParseInto(countryBatch, json, 3, 5);
                    countryBatch.InstitutionCount.Should().Be(0);
                    var publication = countryBatch.ToPublication(0);
                    affiliations += publication.Authors.Sum(a => a.Affiliations.Count);
                    actual = Describe(publication) + $"\nunresolved [{string.Join("|", countries.Unresolved)}], fallbacks {countries.RawFallbacks}";
                }
                catch (RecordRejectedException ex)
                {
                    actual = $"rejected: {ex.Field} | {ex.Reason} | {ex.Message}";
                }

                actual.Should().Be(expected, $"seed {seed}, work {w}: {Encoding.UTF8.GetString(json)}");
            }
        }, iter: 40);

        affiliations.Should().BeGreaterThan(100, "the works have affiliations to compare");
    }

    /// <summary>A publication as a read without institutions gives it: every affiliation with its country only.</summary>
    internal static Publication WithoutInstitutions(Publication publication) => publication with
    {
        Authors = [.. publication.Authors.Select(a => a with { Affiliations = [.. a.Affiliations.Select(f => f with { InstitutionId = null, InstitutionName = null, Address = null })] })],
    };

    [Fact]
    public void TryUnescape_AnyTextEscapedAtRandom_GivesItsUtf8AndRefusesLoneSurrogates()
    {
        Gen.Select(Gen.String, Gen.Int).Sample((text, seed) =>
        {
            if (HasLoneSurrogate(text))
            {
                return;
            }

            var random = new Random(seed);
            var quoted = Encoding.UTF8.GetBytes(Quote(text, random));
            var raw = quoted.AsSpan(1, quoted.Length - 2).ToArray();
            var destination = new byte[raw.Length];
            Utf8JsonScanner.TryUnescape(raw, destination, out int written).Should().BeTrue(text);
            destination.AsSpan(0, written).ToArray().Should().Equal(Encoding.UTF8.GetBytes(text), text);

            foreach (var (before, after) in (ReadOnlySpan<(string, string)>)[(@"\ud800", ""), ("", @"\udc00"), (@"\ud800\u0041", ""), ("", @"\udbff\ud800"), ("", @"\ud800")])
            {
                var bad = Encoding.UTF8.GetBytes(before).Concat(raw).Concat(Encoding.UTF8.GetBytes(after)).ToArray();
                Utf8JsonScanner.TryUnescape(bad, new byte[bad.Length], out _).Should().BeFalse($"{before}{text}{after}");
            }
        });
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    // ---- Comparing the two ----

    /// <summary>
    /// Parses <paramref name="json"/> with both parsers, into a record batch and into a publication, and asserts the
    /// same outcome; a work the reference rejects must not be read by the scanner. Returns whether it was accepted.
    /// </summary>
    private static bool AssertSame(OpenAlexWorkParser fast, OpenAlexWorkParser reference, byte[] json, string because)
    {
        var expected = Outcome(reference, json);
        var actual = Outcome(fast, json);
        actual.Should().Be(expected, because);
        bool accepted = expected.StartsWith("batch:", StringComparison.Ordinal);
        if (!accepted)
        {
            fast.ReadByScanner.Should().BeFalse(because);
            fast.TryParseFast(json).Should().BeFalse(because);
        }

        return accepted;
    }

    private static string Outcome(OpenAlexWorkParser parser, byte[] json)
    {
        var batch = new RecordBatch();
        try
        {
            parser.ParseInto(batch, json, 3, 5);
            var fromBatch = Describe(batch.ToPublication(0));
            string extra = $"unresolved [{string.Join("|", parser.Unresolved)}], fallbacks {parser.RawFallbacks}";

            // A parser that writes no institutions into batches makes no publication objects (they carry institutions).
            var fromObject = parser.InstitutionDetails ? Describe(parser.Parse(json, new SourcePosition("w.jsonl", 3, 5))) : "(none)";
            return $"batch: {fromBatch}\n{extra}\nobject: {fromObject}";
        }
        catch (RecordRejectedException rejected)
        {
            return $"rejected: {rejected.Field} | {rejected.Reason} | {rejected.Message}";
        }
    }

    private static string Describe(Publication p)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{p.Id}|{p.Source}|{p.Doi}|{p.Year}|{p.Citations}|{p.Fwci:R}|{p.CitationPercentile}|{p.DocumentType}|{p.IsRetracted}|{p.IsParatext}|{p.AuthorsTruncated}|[{string.Join(",", p.Technologies)}]");
        foreach (var author in p.Authors)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  author {author.Id}|{author.Name}|{author.IsCorresponding}");
            foreach (var f in author.Affiliations)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n    {f.InstitutionId}|{f.InstitutionName}|{f.Country}|{f.Address}");
            }
        }

        return text.ToString();
    }

    /// <summary>Pairs of parsers (scanner first, reference second) with the readers' settings: every detail, counts only, no raw-string resolution, small limits.</summary>
    private static List<(string Name, OpenAlexWorkParser Fast, OpenAlexWorkParser Reference)> Parsers(bool smallLimits = true)
    {
        var settings = new List<(string, ReadLimits, bool, bool, bool)>
        {
            ("every detail", ReadLimits.Default, true, true, true),
            ("counts only", ReadLimits.Default, false, true, true),
            ("countries only (no institutions)", ReadLimits.Default, false, true, false),
            ("no resolution", ReadLimits.Default, true, false, true),
        };
        if (smallLimits)
        {
            settings.Add(("small limits", ReadLimits.Default with { MaxAuthors = 3, MaxAffiliations = 6, MaxFieldBytes = 40, MaxJsonDepth = 6 }, true, true, true));
            settings.Add(("small limits, no institutions", ReadLimits.Default with { MaxAuthors = 3, MaxAffiliations = 6, MaxFieldBytes = 40, MaxJsonDepth = 6 }, true, true, false));
        }

        var pairs = new List<(string, OpenAlexWorkParser, OpenAlexWorkParser)>();
        foreach (var (name, limits, details, resolve, institutions) in settings)
        {
            pairs.Add((name, Parser(limits, details, resolve, fast: true, institutions), Parser(limits, details, resolve, fast: false, institutions)));
        }

        return pairs;
    }

    private static OpenAlexWorkParser Parser(ReadLimits limits, bool details, bool resolve, bool fast, bool institutions = true)
    {
        var context = new ReadContext("w.jsonl", ReadOptions.Default, new IngestReport(), null, CancellationToken.None);
        var resolution = resolve ? new AddressResolution(CountryResolver.Default, context) : null;
        return new OpenAlexWorkParser(null, limits, resolution, authorDetails: details, institutionDetails: institutions) { FastPath = fast };
    }

    // ---- Generated works ----

    /// <summary>
    /// A random work. Clean works are valid and of the shapes the scanner reads itself (strings the parser shares,
    /// such as types and topic names, unescaped; years and counts as plain numbers); the others may hold anything the
    /// parser meets: values of the wrong kind, repeated keys, escapes everywhere, out-of-range numbers.
    /// </summary>
    internal static string Work(Random random, bool clean)
    {
        var members = new List<string>();
        void Add(string key, string value)
        {
            if (random.Next(12) > 0 || !clean)
            {
                members.Add($"{Ws(random)}{Key(random, key, clean)}{Ws(random)}:{Ws(random)}{value}{Ws(random)}");
            }
        }

        if (clean || random.Next(10) > 0)
        {
            members.Add($"{Ws(random)}\"id\":{Ws(random)}{(clean ? Quote($"https://openalex.org/W{random.Next(1000)}{Word(random)}", random) : AnyText(random))}");
        }

        Add("doi", random.Next(4) == 0 ? "null" : clean || random.Next(5) > 0 ? Quote($"https://doi.org/10.1234/x.{random.Next(100)}", random) : AnyValue(random, 1));
        Add("display_name", Quote(Word(random), random));
        Add("publication_year", clean ? (random.Next(8) == 0 ? "null" : (1990 + random.Next(35)).ToString(CultureInfo.InvariantCulture)) : Pick(random, "2015", "\"2016\"", "2015.0", "-3", "1e3", "99999", "true", "null", "1500", "\" 2017\""));
        Add("cited_by_count", clean ? (random.Next(8) == 0 ? "null" : random.Next(100_000).ToString(CultureInfo.InvariantCulture)) : Pick(random, "0", "12", "-1", "1.5", "\"3\"", "12345678901", "1e2", "null", "2147483647", "2147483648"));
        Add("authorships", Authorships(random, clean));
        Add("primary_topic", random.Next(5) == 0 ? "null" : clean || random.Next(6) > 0 ? Topic(random, clean) : AnyValue(random, 1));
        Add("topics", Array(random, 3, () => Topic(random, clean), clean));
        Add("fwci", clean ? Pick(random, "null", "0", "1.25", "3e-2", "0.7312", "12.5E1", "-0") : Pick(random, "-1", "\"1\"", "1e400", "true", "0.5", "null", "[]"));
        Add("citation_normalized_percentile", Percentile(random, clean));
        Add("type", clean ? (random.Next(6) == 0 ? "null" : Quote(Types[random.Next(Types.Length)], random, escape: false)) : Pick(random, "5", "\"artic\\u006ce\"", "\"article\"", "null", "{}"));
        Add("is_retracted", Flag(random, clean));
        Add("is_paratext", Flag(random, clean));
        Add("is_authors_truncated", Flag(random, clean));
        Add("concepts", Array(random, 3, () => $"{{\"id\":{Quote("https://openalex.org/C1", random)},\"display_name\":{Quote(Word(random), random)},\"score\":0.{random.Next(99)},\"level\":{random.Next(4)}}}", clean));
        Add("keywords", Array(random, 2, () => $"{{\"id\":{Quote("kw", random)},\"display_name\":{Quote(Word(random), random)}}}", clean));
        Add("abstract_inverted_index", random.Next(3) == 0 ? "null" : $"{{{string.Join(",", Enumerable.Range(0, random.Next(6)).Select(i => $"{Quote(Word(random) + i, random)}:[{string.Join(",", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(300)))}]"))}}}");
        Add("locations", Array(random, 2, () => $"{{\"is_oa\":{Pick(random, "true", "false")},\"landing_page_url\":{Pick(random, "null", Quote("https:\\/\\/x.org\\/a?b=1&c", random))},\"source\":{Pick(random, "null", "{\"id\":\"S1\",\"issn\":[\"1234-5678\"],\"host\":{\"x\":[[],{}]}}")},\"license\":null}}", clean));
        Add("numbers", $"[{string.Join(",", Enumerable.Range(0, random.Next(6)).Select(_ => Pick(random, "0", "-0", "1.5", "-2e10", "3E+2", "1e-7", "123456789012345678901234567890", "0.000", "-12.5E-3", "true", "false", "null", "\"\"")))}]");
        Add("nested", Nested(random, random.Next(clean ? 4 : 8)));
        Add("ids", $"{{\"openalex\":{Quote("W1", random)},\"mag\":\"123\",\"k\\u0041y\":{{}},\"\":[]}}");
        if (!clean)
        {
            // Repeated members and keys that the parser matches only unescaped.
            if (random.Next(6) == 0)
            {
                members.Add(Pick(random, "\"id\":\"W2\"", "\"doi\":null", "\"authorships\":[]", "\"type\":\"review\"", "\"fwci\":1", "\"is_paratext\":false", "\"topics\":null", "\"concepts\":[]", "\"citation_normalized_percentile\":null", "\"cited_by_count\":1", "\"primary_topic\":null", "\"publication_year\":2000", "\"keywords\":[]"));
            }

            if (random.Next(10) == 0)
            {
                members.Add("\"i\\u0064\":\"W3\"");
            }
        }

        Shuffle(random, members);
        return $"{Ws(random)}{{{string.Join(",", members)}}}{Ws(random)}";
    }

    private static string Authorships(Random random, bool clean)
    {
        if (random.Next(10) == 0)
        {
            return clean ? Pick(random, "null", "[]") : Pick(random, "null", "[]", "{}", "\"x\"", "[1]", "[null]");
        }

        return $"[{string.Join(",", Enumerable.Range(0, random.Next(5)).Select(_ => Authorship(random, clean)))}]";
    }

    private static string Authorship(Random random, bool clean)
    {
        var members = new List<string>();
        void Add(string key, string value)
        {
            if (random.Next(6) > 0)
            {
                members.Add($"{Ws(random)}{Key(random, key, clean)}{Ws(random)}:{Ws(random)}{value}{Ws(random)}");
            }
        }

        var institutionIds = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => $"https://openalex.org/I{random.Next(4)}").ToList();
        Add("author_position", Quote(Pick(random, "first", "middle", "last"), random));
        Add("author", random.Next(8) == 0 ? (clean ? Pick(random, "null", "\"x\"", "[]", "{}") : AnyValue(random, 1)) : Author(random, clean));
        Add("institutions", random.Next(6) == 0 ? Pick(random, "null", "[]") : $"[{string.Join(",", institutionIds.Select(id => Institution(random, id, clean)))}]");
        Add("countries", Array(random, 3, () => clean ? Pick(random, ["null", .. CountryCodes.Select(c => Quote(c, random, escape: false))]) : Pick(random, "\"US\"", "\"XX\"", "\"USA\"", "5", "\"\\u0055S\"", "null", "\"\"", "{}"), clean));
        Add("is_corresponding", clean ? Pick(random, "true", "false", "null") : Pick(random, "true", "false", "null", "\"yes\"", "1", "{}", "{\"a\":1}", "[1]", "[]"));
        Add("raw_affiliation_strings", Array(random, 3, () => random.Next(5) == 0 ? Pick(random, "null", "\"\"") : Quote(RawStrings[random.Next(RawStrings.Length)], random), clean));
        Add("affiliations", Array(random, 2, () => random.Next(6) == 0 ? Pick(random, "\"x\"", "1", "[]") : $"{{\"raw_affiliation_string\":{Quote(RawStrings[random.Next(RawStrings.Length)], random)},\"institution_ids\":{(random.Next(6) == 0 ? Pick(random, "\"x\"", "null", "{}") : $"[{string.Join(",", institutionIds.Take(1 + random.Next(institutionIds.Count)).Select(id => Quote(id, random)))}]")}}}", clean));
        if (!clean && random.Next(8) == 0)
        {
            members.Add(Pick(random, "\"author\":null", "\"institutions\":[]", "\"countries\":[]", "\"is_corresponding\":true", "\"raw_affiliation_strings\":[]", "\"affiliations\":[]"));
        }

        Shuffle(random, members);
        return $"{{{string.Join(",", members)}}}";
    }

    private static string Author(Random random, bool clean)
    {
        var members = new List<string> { $"\"id\":{(random.Next(6) == 0 ? "null" : Quote($"https://openalex.org/A{random.Next(50)}", random))}", $"\"display_name\":{(random.Next(6) == 0 ? "null" : Quote(Word(random), random))}", "\"orcid\":null" };
        if (!clean && random.Next(6) == 0)
        {
            members.Add(Pick(random, "\"id\":\"A9\"", "\"display_name\":5", "\"id\":[]"));
        }

        Shuffle(random, members);
        return $"{{{string.Join(",", members)}}}";
    }

    private static string Institution(Random random, string id, bool clean)
    {
        string country = clean ? Pick(random, ["null", .. CountryCodes.Select(c => Quote(c, random, escape: false))]) : Pick(random, "\"US\"", "\"XX\"", "5", "null", "\"\"", "\"u\\u0073\"");
        var members = new List<string>
        {
            $"\"id\":{(random.Next(8) == 0 ? "null" : Quote(id, random))}",
            $"\"display_name\":{(random.Next(8) == 0 ? "null" : Quote(Word(random), random))}",
            $"\"ror\":{Quote("https://ror.org/0abc", random)}",
            $"\"country_code\":{country}",
            "\"type\":\"education\"",
            $"\"lineage\":[{Quote(id, random)}]",
        };
        if (!clean && random.Next(8) == 0)
        {
            members.Add(Pick(random, "\"id\":\"I9\"", "\"country_code\":\"FR\"", "\"display_name\":null"));
        }

        Shuffle(random, members);
        return $"{{{string.Join(",", members)}}}";
    }

    private static string Topic(Random random, bool clean)
    {
        string field = random.Next(6) == 0 ? Pick(random, "null", "\"x\"", "{}") : $"{{\"id\":\"https://openalex.org/fields/{random.Next(30)}\",\"display_name\":{(clean ? Quote(Fields[random.Next(Fields.Length)], random, escape: false) : Pick(random, "5", "\"Phy\\u0073ics\"", "null", Quote(Fields[0], random, escape: false)))}}}";
        string name = clean ? Quote(Fields[random.Next(Fields.Length)] + " topic", random, escape: false) : Pick(random, "7", "\"T\\u00e9\"", "null", "\"Topic\"");
        var members = new List<string>
        {
            $"\"id\":{Quote($"https://openalex.org/T{random.Next(100)}", random, escape: false)}",
            $"\"display_name\":{name}",
            $"\"score\":0.{random.Next(1000)}",
            "\"subfield\":{\"id\":\"https://openalex.org/subfields/1\",\"display_name\":\"Sub\"}",
            $"\"field\":{field}",
            "\"domain\":{\"id\":\"https://openalex.org/domains/1\",\"display_name\":\"Dom\"}",
        };
        if (random.Next(8) == 0)
        {
            // A repeated field: the last one counts.
            members.Add($"\"field\":{{\"display_name\":{Quote(Fields[random.Next(Fields.Length)], random, escape: false)}}}");
        }

        Shuffle(random, members);
        return $"{{{string.Join(",", members.Where(_ => random.Next(10) > 0))}}}";
    }

    private static string Percentile(Random random, bool clean)
    {
        if (random.Next(4) == 0)
        {
            return clean ? "null" : Pick(random, "null", "5", "[]", "\"x\"");
        }

        var members = new List<string>
        {
            $"\"value\":{(clean ? Pick(random, "null", "0", "1", "0.5", "0.991", "9.1e-1") : Pick(random, "1.5", "-0.1", "\"x\"", "0.95", "null"))}",
            $"\"is_in_top_1_percent\":{(clean ? Pick(random, "true", "false", "null") : Pick(random, "true", "\"yes\"", "1"))}",
            $"\"is_in_top_10_percent\":{Pick(random, "true", "false", "null")}",
            "\"other\":[1,{\"a\":null}]",
        };
        if (!clean && random.Next(4) == 0)
        {
            members.Add("\"value\":0.2");
        }

        Shuffle(random, members);
        return $"{{{string.Join(",", members.Where(_ => random.Next(5) > 0))}}}";
    }

    private static string Flag(Random random, bool clean) => clean ? Pick(random, "true", "false", "null") : Pick(random, "true", "false", "null", "\"no\"", "0", "[]");

    private static string Nested(Random random, int depth) =>
        depth == 0 ? Pick(random, "1", "\"leaf\"", "null", "[]", "{}") : random.Next(2) == 0 ? $"[{Nested(random, depth - 1)},{Ws(random)}2]" : $"{{\"k\":{Nested(random, depth - 1)}}}";

    private static string Array(Random random, int max, Func<string> item, bool clean)
    {
        if (random.Next(8) == 0)
        {
            return clean ? Pick(random, "null", "[]") : Pick(random, "null", "[]", "{}", "\"x\"", "5");
        }

        return $"[{Ws(random)}{string.Join($",{Ws(random)}", Enumerable.Range(0, random.Next(max + 1)).Select(_ => item()))}{Ws(random)}]";
    }

    private static string AnyValue(Random random, int depth) => Pick(random, "null", "true", "5", "-1.5e3", "\"s\"", "[]", "{}", depth > 0 ? $"[{AnyValue(random, depth - 1)}]" : "0", depth > 0 ? $"{{\"a\":{AnyValue(random, depth - 1)}}}" : "1");

    private static string AnyText(Random random) => Pick(random, "null", "\"\"", "\"  \"", "5", "[]", Quote("W" + Word(random), random), "\"W\\ud800\"", "\"\\u0057\\u0031\"");

    private static string Word(Random random) => Words[random.Next(Words.Length)];

    /// <summary>A key, sometimes (in works that need not be clean) with an escape, which the scanner leaves to the reference.</summary>
    private static string Key(Random random, string key, bool clean) =>
        !clean && random.Next(40) == 0 ? $"\"\\u{(int)key[0]:x4}{key[1..]}\"" : $"\"{key}\"";

    /// <summary>A JSON string of <paramref name="text"/>: raw UTF-8, or (when <paramref name="escape"/>) with characters escaped at random (\u, surrogate pairs, short escapes).</summary>
    private static string Quote(string text, Random random, bool escape = true)
    {
        var json = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            bool mustEscape = rune.Value is '"' or '\\' or < 0x20;
            if (mustEscape || (escape && random.Next(8) == 0))
            {
                json.Append(rune.Value switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '/' => "\\/",
                    '\n' => "\\n",
                    '\t' => random.Next(2) == 0 ? "\\t" : "\\u0009",
                    < 0x10000 => $"\\u{rune.Value:X4}",
                    _ => $"\\u{(int)rune.ToString()[0]:x4}\\u{(int)rune.ToString()[1]:X4}",
                });
            }
            else
            {
                json.Append(rune.ToString());
            }
        }

        return json.Append('"').ToString();
    }

    private static string Ws(Random random) => random.Next(6) > 0 ? string.Empty : Pick(random, " ", "\n", "\t ", "\r\n", "  ");

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static void Shuffle(Random random, List<string> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>One to three edits: a byte changed, bytes deleted, inserted or repeated, or the work cut short.</summary>
    internal static byte[] Mutate(Random random, byte[] work)
    {
        var bytes = new List<byte>(work);
        for (int edits = 1 + random.Next(3); edits > 0 && bytes.Count > 0; edits--)
        {
            int at = random.Next(bytes.Count);
            var piece = Encoding.UTF8.GetBytes(Interesting[random.Next(Interesting.Length)]);
            switch (random.Next(5))
            {
                case 0:
                    bytes.RemoveAt(at);
                    bytes.InsertRange(at, piece);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(4)));
                    break;
                case 2:
                    bytes.InsertRange(at, piece);
                    break;
                case 3:
                    int length = Math.Min(bytes.Count - at, 1 + random.Next(30));
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
