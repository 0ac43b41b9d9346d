namespace CollabMetrics.Cli.Output;

/// <summary>
/// A result the tool prints: the library's own CSV and JSON writers behind one shape, so that every command writes
/// through <see cref="ResultWriter"/>. The aligned table for people is rendered from the CSV.
/// </summary>
internal interface ITabularResult
{
    /// <summary>Writes the result as CSV with a header row (the output contract's column names).</summary>
    void WriteCsv(TextWriter writer);

    /// <summary>Writes the result as a JSON array of objects with the same names.</summary>
    void WriteJson(TextWriter writer);
}

/// <summary>An <see cref="ITabularResult"/> made of two delegates, for adapting the library's result types.</summary>
/// <param name="Csv">Writes CSV.</param>
/// <param name="Json">Writes JSON.</param>
internal sealed record DelegateResult(Action<TextWriter> Csv, Action<TextWriter> Json) : ITabularResult
{
    /// <inheritdoc/>
    public void WriteCsv(TextWriter writer) => Csv(writer);

    /// <inheritdoc/>
    public void WriteJson(TextWriter writer) => Json(writer);
}
