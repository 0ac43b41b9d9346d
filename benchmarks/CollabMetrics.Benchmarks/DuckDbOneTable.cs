using System.Globalization;
using DuckDB.NET.Data;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// One table from a CollabMetrics CSV file or an OpenAlex JSON Lines file (plain or .gz), the way a DuckDB user asks
/// for it: <c>read_csv</c> or <c>read_ndjson</c> with automatic detection, one query, the rows written out as CSV. These are the DuckDB sides of the one-table comparisons
/// (<see cref="OneTableBenchmarks"/>, the <c>compare</c> and <c>process</c> console modes).
/// </summary>
/// <remarks>
/// The questions are the ones the <c>collabmetrics</c> commands answer, with the same definitions (docs/metrics.md)
/// and the tool's defaults: ISO 3166 territories, authors without a country left out, publications without a
/// year left out.
/// </remarks>
internal static class DuckDbOneTable
{
    /// <summary>The tables: name, the command it mirrors, and the SQL (<c>@path</c> is the file).</summary>
    public static IReadOnlyDictionary<string, (string Command, string Sql)> Tables { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        // Per-year country-pair counts with full links: one GROUP BY over a self-join of the distinct
        // (publication, year, country) rows. Columns as `collabmetrics pairs --links full --output csv`.
        ["pairs"] = ("pairs --by year --links full --output csv", """
            WITH a AS (
                SELECT DISTINCT publication_id AS pub, year, country
                FROM read_csv('@path')
                WHERE country IS NOT NULL AND year IS NOT NULL)
            SELECT x.year, x.country AS country_a, y.country AS country_b, count(*) AS copublications, count(*) AS weight
            FROM a x JOIN a y ON x.pub = y.pub AND x.country < y.country
            GROUP BY ALL
            ORDER BY ALL
            """),

        // Per-year country output: whole (P), author-fractional (F), equal-split (E) and international (I) counts,
        // as `collabmetrics countries --output csv` gives them.
        ["countries"] = ("countries --by year --output csv", """
            WITH r AS (
                SELECT publication_id AS pub, year, author_position AS pos, country
                FROM read_csv('@path')
                WHERE country IS NOT NULL AND year IS NOT NULL),
            credit AS (
                SELECT pub, any_value(year) AS year, country, sum(w) AS credit
                FROM (SELECT pub, year, country, 1.0 / count(*) OVER (PARTITION BY pub, pos) AS w FROM r)
                GROUP BY pub, country),
            n AS (SELECT pub, count(DISTINCT pos) AS n FROM r GROUP BY pub),
            m AS (SELECT pub, count(*) AS m FROM credit GROUP BY pub)
            SELECT year, country, count(*) AS publications, sum(credit / n) AS fractional, sum(1.0 / m) AS equal_split,
                   sum((m >= 2)::INT) AS international
            FROM credit JOIN n USING (pub) JOIN m USING (pub)
            GROUP BY ALL
            ORDER BY ALL
            """),

        // The focus country's (CN) partners per year: co-publications C, the focus's publications P and international
        // publications I, partner share C / I and output share C / P, the top 10 per year by partner share (ties by more
        // co-publications, then code), as `collabmetrics partners --focus CN --by year --output csv` ranks them. The
        // other intensity indices of that table are not computed here: this is the question as a DuckDB user asks it.
        ["partners"] = ("partners --focus CN --by year --output csv", """
            WITH a AS (
                SELECT DISTINCT publication_id AS pub, year, country
                FROM read_csv('@path')
                WHERE country IS NOT NULL AND year IS NOT NULL),
            m AS (SELECT pub, count(*) AS m FROM a GROUP BY pub),
            f AS (SELECT a.pub, a.year, m.m FROM a JOIN m USING (pub) WHERE a.country = 'CN'),
            totals AS (SELECT year, count(*) AS p, sum((m >= 2)::INT) AS i FROM f GROUP BY year),
            c AS (
                SELECT f.year, a.country AS partner, count(*) AS c
                FROM f JOIN a ON a.pub = f.pub AND a.country <> 'CN'
                GROUP BY ALL),
            ranked AS (
                SELECT c.year, partner, c, c / i AS partner_share, c / p AS output_share,
                       row_number() OVER (PARTITION BY c.year ORDER BY c / i DESC, c DESC, partner) AS rank
                FROM c JOIN totals USING (year))
            SELECT year, rank, partner, c AS copublications, partner_share, output_share
            FROM ranked WHERE rank <= 10
            ORDER BY year, rank
            """),
    };

    /// <summary>
    /// The same tables over an OpenAlex JSON Lines file (plain or .gz; DuckDB detects the compression from the name),
    /// as a DuckDB user writes them over <c>read_ndjson</c> with automatic schema detection: one row per authorship
    /// (<c>unnest(authorships)</c>, its 1-based position from <c>generate_subscripts</c>), then one row per
    /// institution of it with its <c>country_code</c>, the same rows as the CollabMetrics CSV has (one per author and
    /// affiliation). The tool's own OpenAlex rules go further (<c>authorships[].countries</c> is authoritative, a
    /// listed country no institution carries becomes an affiliation, raw affiliation strings are resolved when an
    /// authorship has neither; docs/formats.md): on the benchmark file every authorship's <c>countries</c> are its
    /// institutions' codes, so the answers are the same, but on a real snapshot these queries would differ there.
    /// </summary>
    public static IReadOnlyDictionary<string, string> JsonLinesTables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pairs"] = """
            WITH au AS (
                SELECT id AS pub, publication_year AS year, unnest(authorships) AS au
                FROM read_ndjson('@path')
                WHERE publication_year IS NOT NULL),
            i AS (SELECT pub, year, unnest(au.institutions) AS inst FROM au),
            a AS (SELECT DISTINCT pub, year, inst.country_code AS country FROM i WHERE inst.country_code IS NOT NULL)
            SELECT x.year, x.country AS country_a, y.country AS country_b, count(*) AS copublications, count(*) AS weight
            FROM a x JOIN a y ON x.pub = y.pub AND x.country < y.country
            GROUP BY ALL
            ORDER BY ALL
            """,

        ["countries"] = """
            WITH au AS (
                SELECT id AS pub, publication_year AS year, unnest(authorships) AS au, generate_subscripts(authorships, 1) AS pos
                FROM read_ndjson('@path')
                WHERE publication_year IS NOT NULL),
            i AS (SELECT pub, year, pos, unnest(au.institutions) AS inst FROM au),
            r AS (SELECT pub, year, pos, inst.country_code AS country FROM i WHERE inst.country_code IS NOT NULL),
            credit AS (
                SELECT pub, any_value(year) AS year, country, sum(w) AS credit
                FROM (SELECT pub, year, country, 1.0 / count(*) OVER (PARTITION BY pub, pos) AS w FROM r)
                GROUP BY pub, country),
            n AS (SELECT pub, count(DISTINCT pos) AS n FROM r GROUP BY pub),
            m AS (SELECT pub, count(*) AS m FROM credit GROUP BY pub)
            SELECT year, country, count(*) AS publications, sum(credit / n) AS fractional, sum(1.0 / m) AS equal_split,
                   sum((m >= 2)::INT) AS international
            FROM credit JOIN n USING (pub) JOIN m USING (pub)
            GROUP BY ALL
            ORDER BY ALL
            """,

        ["partners"] = """
            WITH au AS (
                SELECT id AS pub, publication_year AS year, unnest(authorships) AS au
                FROM read_ndjson('@path')
                WHERE publication_year IS NOT NULL),
            i AS (SELECT pub, year, unnest(au.institutions) AS inst FROM au),
            a AS (SELECT DISTINCT pub, year, inst.country_code AS country FROM i WHERE inst.country_code IS NOT NULL),
            m AS (SELECT pub, count(*) AS m FROM a GROUP BY pub),
            f AS (SELECT a.pub, a.year, m.m FROM a JOIN m USING (pub) WHERE a.country = 'CN'),
            totals AS (SELECT year, count(*) AS p, sum((m >= 2)::INT) AS i FROM f GROUP BY year),
            c AS (
                SELECT f.year, a.country AS partner, count(*) AS c
                FROM f JOIN a ON a.pub = f.pub AND a.country <> 'CN'
                GROUP BY ALL),
            ranked AS (
                SELECT c.year, partner, c, c / i AS partner_share, c / p AS output_share,
                       row_number() OVER (PARTITION BY c.year ORDER BY c / i DESC, c DESC, partner) AS rank
                FROM c JOIN totals USING (year))
            SELECT year, rank, partner, c AS copublications, partner_share, output_share
            FROM ranked WHERE rank <= 10
            ORDER BY year, rank
            """,
    };

    /// <summary>Whether <paramref name="path"/> is an OpenAlex JSON Lines file (<c>.jsonl</c>, <c>.jsonl.gz</c>), not a CollabMetrics CSV.</summary>
    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The SQL of table <paramref name="name"/> over <paramref name="path"/>: a CollabMetrics CSV file, or an OpenAlex
    /// JSON Lines file (<c>.jsonl</c>, <c>.jsonl.gz</c>).
    /// </summary>
    public static string Sql(string name, string path)
    {
        if (!Tables.TryGetValue(name, out var table))
        {
            throw new ArgumentException($"No one-table query '{name}'; use one of: {string.Join(", ", Tables.Keys)}.", nameof(name));
        }

        string sql = IsJsonLines(path) ? JsonLinesTables[name] : table.Sql;
        return sql.Replace("@path", path.Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs table <paramref name="name"/> over <paramref name="path"/> (CSV or OpenAlex JSON Lines) in a fresh in-memory database and writes its
    /// rows to <paramref name="output"/> as CSV with a header, the way a DuckDB user prints a result. Returns the rows.
    /// </summary>
    public static long Write(string name, string path, TextWriter output)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Sql(name, path);
        using var reader = command.ExecuteReader();
        int fields = reader.FieldCount;
        for (int i = 0; i < fields; i++)
        {
            output.Write(i == 0 ? string.Empty : ",");
            output.Write(reader.GetName(i));
        }

        output.Write('\n');
        long rows = 0;
        while (reader.Read())
        {
            for (int i = 0; i < fields; i++)
            {
                if (i > 0)
                {
                    output.Write(',');
                }

                if (!reader.IsDBNull(i))
                {
                    output.Write(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                }
            }

            output.Write('\n');
            rows++;
        }

        output.Flush();
        return rows;
    }
}
