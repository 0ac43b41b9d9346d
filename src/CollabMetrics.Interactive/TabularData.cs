using System.Globalization;
using System.Text.Json;

namespace CollabMetrics.Interactive;

/// <summary>
/// A result table read back from its JSON form (<c>{"context": {...}, "rows": [{column: value}, ...]}</c>): the
/// column names in order, the cells (a <see cref="string"/>, a <see cref="double"/> or null for an undefined
/// value), and the scalar entries of the context. Every result table has this form, so one renderer serves all.
/// </summary>
internal sealed class TabularData
{
    private TabularData(string[] columns, List<object?[]> rows, List<KeyValuePair<string, string>> context)
    {
        Columns = columns;
        Rows = rows;
        Context = context;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>Scalar context entries in document order; nested objects are flattened as <c>parent.child</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Context { get; }

    public int ColumnIndex(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public string? ContextValue(string key)
    {
        foreach (var (k, v) in Context)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>Reads the JSON of a result table; <paramref name="columns"/> fixes the column order.</summary>
    public static TabularData FromJson(string json, IReadOnlyList<string> columns)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var context = new List<KeyValuePair<string, string>>();
        if (root.TryGetProperty("context", out var contextElement))
        {
            Flatten(contextElement, prefix: null, context);
        }

        var names = columns.ToArray();
        var rows = new List<object?[]>();
        if (root.TryGetProperty("rows", out var rowsElement))
        {
            foreach (var rowElement in rowsElement.EnumerateArray())
            {
                var cells = new object?[names.Length];
                for (int i = 0; i < names.Length; i++)
                {
                    cells[i] = rowElement.TryGetProperty(names[i], out var cell) ? Cell(cell) : null;
                }

                rows.Add(cells);
            }
        }

        return new TabularData(names, rows, context);
    }

    private static object? Cell(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Number => cell.GetDouble(),
        JsonValueKind.String => cell.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => cell.GetRawText(),
    };

    private static void Flatten(JsonElement element, string? prefix, List<KeyValuePair<string, string>> into)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            string key = prefix is null ? property.Name : prefix + "." + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(property.Value, key, into);
                    break;
                case JsonValueKind.Array:
                    if (property.Value.GetArrayLength() > 0)
                    {
                        into.Add(new(key, ArrayText(property.Value)));
                    }

                    break;
                case JsonValueKind.Null:
                    break;
                case JsonValueKind.Number:
                    into.Add(new(key, property.Value.GetDouble().ToString("#,0.####", CultureInfo.InvariantCulture)));
                    break;
                default:
                    into.Add(new(key, property.Value.ToString()));
                    break;
            }
        }
    }

    private static string ArrayText(JsonElement array)
    {
        var parts = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name))
            {
                parts.Add(name.GetString() ?? "");
            }
            else
            {
                parts.Add(item.ToString());
            }
        }

        return string.Join(", ", parts);
    }
}
