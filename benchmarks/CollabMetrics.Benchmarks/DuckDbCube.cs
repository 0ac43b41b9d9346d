using CollabMetrics.Geography;
using DuckDB.NET.Data;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// The DuckDB side of the aggregation comparison: the corpus as tidy tables in an in-memory database, and SQL
/// computing the same unit and pair counts per year and technology as the collaboration cube.
/// </summary>
/// <remarks>
/// Tables: <c>authorship(pub, year, author_pos, country)</c>, one row per affiliation of an author (authors without
/// a country left out, as the cube does by default), and <c>pub_tech(pub, tech)</c>. The SQL computes per
/// (year, technology) and per year over all technologies: per country P, F, E and I; per pair of countries the
/// co-publications C and the CountrySet, Author, AuthorRefined and Nature Index weights of METRICS.md.
/// </remarks>
internal sealed class DuckDbCube : IDisposable
{
    /// <summary>The whole computation: intermediate tables, then unit_counts and pair_counts.</summary>
    public const string Sql = """
        CREATE OR REPLACE TEMP TABLE author_k AS
        SELECT pub, author_pos, count(*) AS k FROM authorship GROUP BY pub, author_pos;

        CREATE OR REPLACE TEMP TABLE credit AS
        SELECT x.pub, x.year, x.author_pos, x.country, count(*)::DOUBLE / any_value(a.k) AS w
        FROM authorship x JOIN author_k a USING (pub, author_pos)
        GROUP BY x.pub, x.year, x.author_pos, x.country;

        CREATE OR REPLACE TEMP TABLE pub_unit AS
        SELECT pub, year, country, sum(w) AS wsum FROM credit GROUP BY pub, year, country;

        CREATE OR REPLACE TEMP TABLE pub_stats AS
        SELECT pub, n, m
        FROM (SELECT pub, count(*) AS n FROM author_k GROUP BY pub)
        JOIN (SELECT pub, count(*) AS m FROM pub_unit GROUP BY pub) USING (pub);

        CREATE OR REPLACE TEMP TABLE unit_counts AS
        WITH u AS MATERIALIZED (
            SELECT pub, year, country, wsum / n AS f, 1.0 / m AS e, (m >= 2)::INT AS intl
            FROM pub_unit JOIN pub_stats USING (pub))
        SELECT year, tech, country, count(*) AS p, sum(f) AS f, sum(e) AS e, sum(intl) AS i
        FROM u JOIN pub_tech USING (pub) GROUP BY year, tech, country
        UNION ALL
        SELECT year, NULL AS tech, country, count(*), sum(f), sum(e), sum(intl) FROM u GROUP BY year, country;

        CREATE OR REPLACE TEMP TABLE pair_counts AS
        WITH self AS (
            -- Same-author terms: only authors with affiliations in several countries (w < 1) have any.
            SELECT a.pub, a.country AS ca, b.country AS cb, sum(a.w * b.w) AS s
            FROM credit a JOIN credit b ON a.pub = b.pub AND a.author_pos = b.author_pos AND a.country < b.country
            WHERE a.w < 1 AND b.w < 1
            GROUP BY a.pub, a.country, b.country),
        intl AS (SELECT * FROM pub_unit WHERE pub IN (SELECT pub FROM pub_stats WHERE m >= 2)),
        p AS MATERIALIZED (
            SELECT a.pub, a.year, a.country AS ca, b.country AS cb,
                   1.0 / (s.m - 1) AS cs,
                   CASE WHEN s.n > 1 THEN (a.wsum * b.wsum - coalesce(x.s, 0)) / (s.n - 1) ELSE 0 END AS au,
                   CASE WHEN s.n > 1 THEN 2 * (a.wsum * b.wsum - coalesce(x.s, 0)) / (s.n * (s.n - 1)) ELSE 0 END AS ar,
                   (a.wsum + b.wsum) / s.n AS ni
            FROM intl a JOIN intl b ON a.pub = b.pub AND a.country < b.country
            JOIN pub_stats s ON s.pub = a.pub
            LEFT JOIN self x ON x.pub = a.pub AND x.ca = a.country AND x.cb = b.country)
        SELECT year, tech, ca, cb, count(*) AS c, sum(cs) AS cs, sum(au) AS au, sum(ar) AS ar, sum(ni) AS ni
        FROM p JOIN pub_tech USING (pub) GROUP BY year, tech, ca, cb
        UNION ALL
        SELECT year, NULL AS tech, ca, cb, count(*), sum(cs), sum(au), sum(ar), sum(ni) FROM p GROUP BY year, ca, cb;
        """;

    /// <summary>
    /// Reads a CollabMetrics CSV file into the tidy tables: one row per affiliation with a country, and the
    /// publications' technology labels split on ';' (the file repeats them on every row of a publication).
    /// </summary>
    public const string CsvLoadSql = """
        CREATE OR REPLACE TEMP TABLE raw AS
        SELECT publication_id, year, author_position, country, technologies
        FROM read_csv('@path', header = true, auto_detect = true, all_varchar = true);

        CREATE OR REPLACE TEMP TABLE authorship AS
        SELECT publication_id AS pub, year::SMALLINT AS year, author_position::SMALLINT AS author_pos, country
        FROM raw WHERE country IS NOT NULL AND country <> '' AND year IS NOT NULL;

        CREATE OR REPLACE TEMP TABLE pub_tech AS
        SELECT DISTINCT pub, tech FROM (
            SELECT publication_id AS pub, unnest(string_split(technologies, ';')) AS tech
            FROM (SELECT publication_id, any_value(technologies) AS technologies FROM raw
                  WHERE technologies IS NOT NULL AND technologies <> '' GROUP BY publication_id));

        DROP TABLE raw;
        """;

    private readonly DuckDBConnection _connection;

    private DuckDbCube(DuckDBConnection connection) => _connection = connection;

    public DuckDBConnection Connection => _connection;

    /// <summary>An in-memory database holding <paramref name="corpus"/> as the tidy tables.</summary>
    public static DuckDbCube Load(Corpus corpus)
    {
        var db = Open();
        var connection = db.Connection;
        db.Execute("""
            CREATE TABLE authorship (pub INTEGER, year SMALLINT, author_pos SMALLINT, country VARCHAR);
            CREATE TABLE pub_tech (pub INTEGER, tech SMALLINT);
            """);
        var storage = corpus.Storage;
        var codes = new string[Country.MaxId + 1];
        foreach (var c in Country.All)
        {
            codes[c.Id] = c.Code;
        }

        using (var appender = connection.CreateAppender("authorship"))
        {
            for (int k = 0; k < storage.Count; k++)
            {
                var cursor = storage.Entries(k);
                while (cursor.MoveNext())
                {
                    int country = cursor.Country;
                    if (country != 0)
                    {
                        appender.CreateRow().AppendValue(k).AppendValue(storage.Years[k]).AppendValue((short)cursor.AuthorPosition).AppendValue(codes[country]).EndRow();
                    }
                }
            }
        }

        using (var appender = connection.CreateAppender("pub_tech"))
        {
            for (int k = 0; k < storage.Count; k++)
            {
                for (int j = storage.TechStart[k]; j < storage.TechStart[k + 1]; j++)
                {
                    appender.CreateRow().AppendValue(k).AppendValue((short)storage.TechIds[j]).EndRow();
                }
            }
        }

        return db;
    }

    /// <summary>An empty in-memory database.</summary>
    public static DuckDbCube Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return new DuckDbCube(connection);
    }

    /// <summary>End to end: reads <paramref name="csvPath"/> with <see cref="CsvLoadSql"/>, then runs <see cref="Sql"/>.</summary>
    public long AggregateCsv(string csvPath)
    {
        Execute(CsvLoadSql.Replace("@path", csvPath.Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal));
        return Aggregate();
    }

    /// <summary>Runs <see cref="Sql"/>; returns the number of unit rows plus pair rows.</summary>
    public long Aggregate()
    {
        Execute(Sql);
        return Scalar("SELECT (SELECT count(*) FROM unit_counts) + (SELECT count(*) FROM pair_counts)");
    }

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _connection.Dispose();
}
