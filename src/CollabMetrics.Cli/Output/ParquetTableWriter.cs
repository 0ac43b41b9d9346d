using Parquet;
using Parquet.Schema;

namespace CollabMetrics.Cli.Output;

/// <summary>The physical type of a column of a Parquet file written by <see cref="ParquetTableWriter"/>.</summary>
internal enum ParquetColumnType
{
    /// <summary>BYTE_ARRAY with the STRING logical type (UTF-8).</summary>
    String = 0,

    /// <summary>INT32.</summary>
    Int32 = 1,

    /// <summary>INT64.</summary>
    Int64 = 2,

    /// <summary>DOUBLE.</summary>
    Double = 3,

    /// <summary>BOOLEAN.</summary>
    Boolean = 4,
}

/// <summary>A column of a Parquet file: its name and type; every column is OPTIONAL, so that a missing value is a null.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The physical type.</param>
internal readonly record struct ParquetColumn(string Name, ParquetColumnType Type);

/// <summary>
/// Writes rows into a Parquet file, cell by cell in column order, buffering at most one row group: an
/// <see cref="ITableSink"/> for any <see cref="ITabularResult"/> (text as UTF-8 strings, integers as INT64, numbers as
/// DOUBLE with NaN and infinities as nulls, as CSV leaves them empty), plus INT32 and BOOLEAN cells for other row
/// sources. Every column is OPTIONAL; a row group holds at most <see cref="MaxRowGroupRows"/> rows and
/// <see cref="MaxRowGroupCells"/> cells, so memory is bounded whatever the number of rows. The file is Snappy-compressed;
/// the table's metadata goes into the file's key-value metadata, each key prefixed with <c>collabmetrics.</c>.
/// </summary>
internal sealed class ParquetTableWriter : ITableSink, IDisposable
{
    /// <summary>The most rows of one row group.</summary>
    public const int MaxRowGroupRows = 1 << 20;

    /// <summary>The most cells (rows times columns) of one row group: about 128 MB of buffered values at most.</summary>
    public const int MaxRowGroupCells = 1 << 23;

    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly ParquetColumnType[] _types;
    private readonly string?[][] _text;
    private readonly long?[][] _int64;
    private readonly int?[][] _int32;
    private readonly double?[][] _double;
    private readonly bool?[][] _boolean;
    private readonly int _groupRows;
    private int _rows;
    private int _column;
    private long _written;
    private bool _disposed;

    /// <summary>Starts a file on <paramref name="stream"/> (writable and seekable; left open).</summary>
    /// <param name="columns">The columns, in order.</param>
    /// <param name="metadata">Key-value pairs for the file's metadata.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="rowGroupRows">The most rows of a row group; null for the largest that fits the cell bound.</param>
    public ParquetTableWriter(IReadOnlyList<ParquetColumn> columns, IReadOnlyList<KeyValuePair<string, string>> metadata, Stream stream, int? rowGroupRows = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(stream);
        int count = columns.Count;
        _fields = new DataField[count];
        _types = new ParquetColumnType[count];
        _text = new string?[count][];
        _int64 = new long?[count][];
        _int32 = new int?[count][];
        _double = new double?[count][];
        _boolean = new bool?[count][];
        _groupRows = rowGroupRows ?? Math.Clamp(MaxRowGroupCells / Math.Max(1, count), 1, MaxRowGroupRows);
        ArgumentOutOfRangeException.ThrowIfLessThan(_groupRows, 1, nameof(rowGroupRows));
        for (int c = 0; c < count; c++)
        {
            var column = columns[c];
            _types[c] = column.Type;
            switch (column.Type)
            {
                case ParquetColumnType.String:
                    _fields[c] = new DataField<string>(column.Name, nullable: true);
                    _text[c] = new string?[_groupRows];
                    break;
                case ParquetColumnType.Int32:
                    _fields[c] = new DataField<int?>(column.Name, nullable: true);
                    _int32[c] = new int?[_groupRows];
                    break;
                case ParquetColumnType.Int64:
                    _fields[c] = new DataField<long?>(column.Name, nullable: true);
                    _int64[c] = new long?[_groupRows];
                    break;
                case ParquetColumnType.Double:
                    _fields[c] = new DataField<double?>(column.Name, nullable: true);
                    _double[c] = new double?[_groupRows];
                    break;
                case ParquetColumnType.Boolean:
                    _fields[c] = new DataField<bool?>(column.Name, nullable: true);
                    _boolean[c] = new bool?[_groupRows];
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(columns), column.Type, $"Column '{column.Name}' has no Parquet type.");
            }
        }

        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), stream, options).GetAwaiter().GetResult();
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in metadata)
        {
            custom["collabmetrics." + pair.Key] = pair.Value;
        }

        _writer.CustomMetadata = custom;
    }

    /// <summary>The rows written so far.</summary>
    public long RowsWritten => _written + _rows;

    /// <summary>The Parquet columns of a table: Text as String, Integer as Int64, Number as Double.</summary>
    /// <param name="columns">The table's columns.</param>
    public static ParquetColumn[] ColumnsOf(IReadOnlyList<TableColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var result = new ParquetColumn[columns.Count];
        for (int c = 0; c < result.Length; c++)
        {
            result[c] = new ParquetColumn(columns[c].Name, columns[c].Kind switch
            {
                ColumnKind.Integer => ParquetColumnType.Int64,
                ColumnKind.Number => ParquetColumnType.Double,
                _ => ParquetColumnType.String,
            });
        }

        return result;
    }

    /// <summary>Writes every row of <paramref name="table"/> as a Parquet file to <paramref name="stream"/> (left open).</summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">A writable, seekable stream.</param>
    /// <param name="rowGroupRows">The most rows of a row group; null for the default bound.</param>
    public static void Write(ITabularResult table, Stream stream, int? rowGroupRows = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var writer = new ParquetTableWriter(ColumnsOf(table.Columns), table.Metadata, stream, rowGroupRows);
        table.WriteRows(writer);
        writer.Complete();
    }

    /// <inheritdoc/>
    public void BeginRow() => _column = 0;

    /// <inheritdoc/>
    public void WriteText(string? value) => Buffer(ParquetColumnType.String, _text)[_rows] = value;

    /// <inheritdoc/>
    public void WriteInteger(long? value)
    {
        if (_column < _types.Length && _types[_column] == ParquetColumnType.Int32)
        {
            _int32[_column++]![_rows] = value is { } v ? checked((int)v) : null;
            return;
        }

        Buffer(ParquetColumnType.Int64, _int64)[_rows] = value;
    }

    /// <inheritdoc/>
    public void WriteNumber(double value) => Buffer(ParquetColumnType.Double, _double)[_rows] = double.IsFinite(value) ? value : null;

    /// <summary>A cell of a BOOLEAN column; null when missing.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool? value) => Buffer(ParquetColumnType.Boolean, _boolean)[_rows] = value;

    /// <inheritdoc/>
    public void EndRow()
    {
        if (_column != _types.Length)
        {
            throw new InvalidOperationException($"A row gave {_column} cells for {_types.Length} columns.");
        }

        if (++_rows == _groupRows)
        {
            FlushGroup();
        }
    }

    /// <summary>Writes the last row group (none when the file has no rows: the schema alone) and the file's footer.</summary>
    public void Complete()
    {
        if (_rows > 0)
        {
            FlushGroup();
        }

        Dispose();
    }

    /// <summary>Writes the footer (without the rows of an unfinished row group) and releases the writer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private T[] Buffer<T>(ParquetColumnType type, T[]?[] buffers)
    {
        int c = _column;
        if (c >= _types.Length)
        {
            throw new InvalidOperationException($"A row gave more cells than its {_types.Length} columns.");
        }

        if (_types[c] != type)
        {
            throw new InvalidOperationException($"Column '{_fields[c].Name}' is {_types[c]}; a {type} cell was written into it.");
        }

        _column++;
        return buffers[c]!;
    }

    private void FlushGroup()
    {
        int rows = _rows;
        using (var group = _writer.CreateRowGroup())
        {
            for (int c = 0; c < _fields.Length; c++)
            {
                var field = _fields[c];
                var task = _types[c] switch
                {
                    ParquetColumnType.String => group.WriteAsync(field, new ArraySegment<string>(_text[c]!, 0, rows)!),
                    ParquetColumnType.Int32 => group.WriteAsync(field, new ReadOnlyMemory<int?>(_int32[c], 0, rows)),
                    ParquetColumnType.Int64 => group.WriteAsync(field, new ReadOnlyMemory<long?>(_int64[c], 0, rows)),
                    ParquetColumnType.Double => group.WriteAsync(field, new ReadOnlyMemory<double?>(_double[c], 0, rows)),
                    _ => group.WriteAsync(field, new ReadOnlyMemory<bool?>(_boolean[c], 0, rows)),
                };
                task.GetAwaiter().GetResult();
            }

            group.CompleteValidate();
        }

        _written += rows;
        _rows = 0;
    }
}
