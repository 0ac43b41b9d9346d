using System.Text;

namespace CollabMetrics.IO;

/// <summary>
/// A UTF-8 encoding for one read that replaces invalid byte sequences with U+FFFD and counts them, so a reader can
/// reject (strict) or skip (lenient) the records that contain them instead of failing the whole file.
/// </summary>
internal sealed class InvalidUtf8Detector : DecoderFallback
{
    private long _count;

    internal InvalidUtf8Detector()
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
        encoding.DecoderFallback = this;
        Encoding = encoding;
    }

    /// <summary>The encoding to give the <see cref="StreamReader"/>.</summary>
    internal Encoding Encoding { get; }

    /// <summary>How many invalid byte sequences have been decoded so far.</summary>
    internal long Count => Interlocked.Read(ref _count);

    /// <inheritdoc/>
    public override int MaxCharCount => 1;

    /// <summary>Whether <paramref name="text"/> holds a replacement character that came from invalid bytes.</summary>
    internal bool IsInvalid(string? text) => Count > 0 && text is not null && text.Contains('\uFFFD', StringComparison.Ordinal);

    /// <inheritdoc/>
    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    private sealed class Buffer(InvalidUtf8Detector owner) : DecoderFallbackBuffer
    {
        private bool _pending;
        private bool _given;

        public override int Remaining => _pending ? 1 : 0;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            Interlocked.Increment(ref owner._count);
            _pending = true;
            _given = false;
            return true;
        }

        public override char GetNextChar()
        {
            if (!_pending)
            {
                return '\0';
            }

            _pending = false;
            _given = true;
            return '\uFFFD';
        }

        public override bool MovePrevious()
        {
            if (!_given)
            {
                return false;
            }

            _given = false;
            _pending = true;
            return true;
        }

        public override void Reset()
        {
            _pending = false;
            _given = false;
        }
    }
}
