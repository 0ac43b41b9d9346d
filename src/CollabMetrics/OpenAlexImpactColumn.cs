using System.Globalization;
using System.Text;
using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// OpenAlex's own normalised impact of each publication of a corpus (<c>fwci</c> and
/// <c>citation_normalized_percentile</c>), in 8 bytes a publication, exactly: created only when some record has
/// one of them.
/// </summary>
/// <remarks>
/// <para>
/// FWCI is held as a fixed-point number of ten-thousandths (OpenAlex writes four decimals), -1 when unknown; a value
/// that is not a whole number of ten-thousandths (or is larger than 214,748) goes to a side table, referenced as
/// <c>-(2 + i)</c>. The percentile packs bits 0-26 (its value in hundred-millionths, OpenAlex's eight decimals), bit
/// 27 <c>is_in_top_10_percent</c>, bit 28 <c>is_in_top_1_percent</c>; with bit 29 set, bits 0-26 index a side table
/// of exact values instead; -1 when unknown. Every value reads back as the double it was written as.
/// </para>
/// </remarks>
internal sealed class OpenAlexImpactColumn
{
    private const int Unknown = -1;
    private const double FwciScale = 10_000;
    private const double PercentileScale = 100_000_000;
    private const int PercentileMask = (1 << 27) - 1;
    private const int Top10Bit = 1 << 27;
    private const int Top1Bit = 1 << 28;
    private const int ExactBit = 1 << 29;

    private readonly int[] _fwci;
    private readonly int[] _percentile;
    private readonly double[] _exactFwci;
    private readonly double[] _exactPercentile;

    private OpenAlexImpactColumn(int[] fwci, int[] percentile, double[] exactFwci, double[] exactPercentile)
    {
        _fwci = fwci;
        _percentile = percentile;
        _exactFwci = exactFwci;
        _exactPercentile = exactPercentile;
    }

    /// <summary>The bytes the column holds.</summary>
    internal long Bytes => (((long)_fwci.Length + _percentile.Length) * sizeof(int)) + (((long)_exactFwci.Length + _exactPercentile.Length) * sizeof(double));

    /// <summary>The FWCI of publication <paramref name="k"/>, or null.</summary>
    internal double? Fwci(int k)
    {
        int v = _fwci[k];
        return v >= 0 ? v / FwciScale : v == Unknown ? null : _exactFwci[-(v + 2)];
    }

    /// <summary>The citation percentile of publication <paramref name="k"/>, or null.</summary>
    internal CitationPercentile? Percentile(int k)
    {
        int v = _percentile[k];
        if (v < 0)
        {
            return null;
        }

        int value = v & PercentileMask;
        double percentile = (v & ExactBit) != 0 ? _exactPercentile[value] : value / PercentileScale;
        return new CitationPercentile(percentile, (v & Top1Bit) != 0, (v & Top10Bit) != 0);
    }

    /// <summary>Whether publication <paramref name="k"/> has both an FWCI and a percentile.</summary>
    internal bool HasBoth(int k) => _fwci[k] != Unknown && _percentile[k] >= 0;

    /// <summary>Appends the values of publication <paramref name="k"/> in a form that does not depend on storage (for merge tie-breaks).</summary>
    internal void AppendCanonical(int k, StringBuilder text)
    {
        text.Append("|fwci:").Append(Fwci(k)?.ToString("R", CultureInfo.InvariantCulture));
        if (Percentile(k) is { } p)
        {
            text.Append("|percentile:").Append(p.Value.ToString("R", CultureInfo.InvariantCulture))
                .Append(p.IsInTop1Percent ? ":1" : ":0").Append(p.IsInTop10Percent ? ":1" : ":0");
        }
    }

    /// <summary>Collects the values while a corpus is written; publications without a value are back-filled as unknown.</summary>
    internal sealed class Builder
    {
        private GrowableArray<int> _fwci = new(1024);
        private GrowableArray<int> _percentile = new(1024);
        private GrowableArray<double> _exactFwci = new(0);
        private GrowableArray<double> _exactPercentile = new(0);

        /// <summary>Sets the values of publication <paramref name="index"/> (at or after every publication set before).</summary>
        /// <exception cref="ArgumentOutOfRangeException">A value is not finite, an FWCI is negative, or a percentile is not from 0 to 1.</exception>
        internal void Set(int index, double? fwci, CitationPercentile? percentile)
        {
            if (Problem(fwci, percentile) is { } problem)
            {
                throw new ArgumentOutOfRangeException(Problem(fwci, null) is null ? nameof(percentile) : nameof(fwci), problem);
            }

            while (_fwci.Count <= index)
            {
                _fwci.Add(Unknown);
                _percentile.Add(Unknown);
            }

            _fwci.Set(index, fwci is { } f ? EncodeFwci(f) : Unknown);
            _percentile.Set(index, percentile is { } p ? EncodePercentile(p) : Unknown);
        }

        /// <summary>The column of <paramref name="count"/> publications.</summary>
        internal OpenAlexImpactColumn Build(int count)
        {
            while (_fwci.Count < count)
            {
                _fwci.Add(Unknown);
                _percentile.Add(Unknown);
            }

            return new OpenAlexImpactColumn(_fwci.Detach(), _percentile.Detach(), _exactFwci.Detach(), _exactPercentile.Detach());
        }

        /// <summary>What is wrong with the values (not finite, a negative FWCI, a percentile outside 0 to 1), or null when nothing is.</summary>
        internal static string? Problem(double? fwci, CitationPercentile? percentile) =>
            fwci is { } f && !(f >= 0 && double.IsFinite(f))
                ? $"the FWCI {f.ToString("R", CultureInfo.InvariantCulture)} is not a finite number of zero or more."
                : percentile is { } p && !p.IsValid
                    ? $"the citation percentile {p.Value.ToString("R", CultureInfo.InvariantCulture)} is not a number from 0 to 1."
                    : null;

        private int EncodeFwci(double fwci)
        {
            double scaled = Math.Round(fwci * FwciScale);
            if (scaled <= int.MaxValue && scaled / FwciScale == fwci)
            {
                return (int)scaled;
            }

            _exactFwci.Add(fwci);
            return -(_exactFwci.Count + 1);
        }

        private int EncodePercentile(CitationPercentile percentile)
        {
            int flags = (percentile.IsInTop1Percent ? Top1Bit : 0) | (percentile.IsInTop10Percent ? Top10Bit : 0);
            double scaled = Math.Round(percentile.Value * PercentileScale);
            if (scaled / PercentileScale == percentile.Value)
            {
                return flags | (int)scaled;
            }

            if (_exactPercentile.Count > PercentileMask)
            {
                throw new InvalidOperationException($"A corpus holds at most {PercentileMask + 1} citation percentiles with more than eight decimals.");
            }

            _exactPercentile.Add(percentile.Value);
            return flags | ExactBit | (_exactPercentile.Count - 1);
        }
    }
}
