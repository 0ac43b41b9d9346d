namespace CollabMetrics.Aggregation;

/// <summary>
/// The counts of one slice of a <see cref="CollaborationCube"/>: N, N_int and T, the counts of each unit and the link
/// weights of each pair of units. Immutable and thread-safe.
/// </summary>
/// <example>
/// <code>
/// SliceCounts slice = cube.Window(2015, 2019);
/// double partnerShare = slice.Pair(Country.China, Country.UnitedStates).Copublications / slice[Country.China].I;
/// </code>
/// </example>
public sealed class SliceCounts
{
    private readonly CollaborationCube _cube;
    private readonly SliceData _data;
    private IReadOnlyList<UnitCounts>? _units;
    private int[]? _adjacencyStart;
    private int[]? _adjacency;

    internal SliceCounts(CollaborationCube cube, SliceKey key, SliceData data)
    {
        _cube = cube;
        Key = key;
        _data = data;
    }

    /// <summary>Which years and technology these counts cover.</summary>
    public SliceKey Key { get; }

    /// <summary>N: publications with at least one unit (with fractional technology assignment, their shares).</summary>
    public double N => _data.N;

    /// <summary>N_int: publications with at least two units.</summary>
    public double NInternational => _data.NInternational;

    /// <summary>T: links, the sum of C_ij over unordered pairs of real units (= sum over k of m_k (m_k - 1) / 2). Groups are not part of it.</summary>
    public double T => _data.Links;

    /// <summary>The number of units with counts in this slice.</summary>
    public int UnitCount => _data.UnitIndex.Length;

    /// <summary>The number of pairs with counts in this slice.</summary>
    public int PairCount => _data.PairKeys.Length;

    /// <summary>The counts of a unit; zeros when the unit has none in this slice.</summary>
    /// <param name="unit">The unit.</param>
    public UnitCounts this[Unit unit]
    {
        get
        {
            if (_cube.TryGetIndex(unit, out int index))
            {
                int at = _data.FindUnit(index);
                if (at >= 0)
                {
                    return UnitAt(at);
                }
            }

            return new UnitCounts(unit, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /// <summary>Whether the unit has counts in this slice.</summary>
    /// <param name="unit">The unit.</param>
    public bool Contains(Unit unit) => _cube.TryGetIndex(unit, out int index) && _data.FindUnit(index) >= 0;

    /// <summary>The counts of every unit present in this slice, sorted by unit.</summary>
    public IReadOnlyList<UnitCounts> Units
    {
        get
        {
            if (_units is null)
            {
                var units = new UnitCounts[_data.UnitIndex.Length];
                for (int i = 0; i < units.Length; i++)
                {
                    units[i] = UnitAt(i);
                }

                _units = Array.AsReadOnly(units);
            }

            return _units;
        }
    }

    /// <summary>The link weights of a pair, with <see cref="PairCounts.A"/> = <paramref name="a"/>; zeros when absent or when a = b.</summary>
    /// <param name="a">One unit.</param>
    /// <param name="b">The other unit.</param>
    public PairCounts Pair(Unit a, Unit b)
    {
        if (_cube.TryGetIndex(a, out int ia) && _cube.TryGetIndex(b, out int ib) && ia != ib)
        {
            int at = ia < ib ? _data.FindPair(ia, ib) : _data.FindPair(ib, ia);
            if (at >= 0)
            {
                var d = _data;
                return new PairCounts(a, b, d.PairValue(at, 0), d.PairValue(at, 1), d.PairValue(at, 2), d.PairValue(at, 3), d.PairValue(at, 4));
            }
        }

        return new PairCounts(a, b, 0, 0, 0, 0, 0);
    }

    /// <summary>Every pair with counts, each once with A &lt; B, sorted by (A, B).</summary>
    public IEnumerable<PairCounts> Pairs
    {
        get
        {
            for (int i = 0; i < _data.PairKeys.Length; i++)
            {
                yield return PairAt(i, swap: false);
            }
        }
    }

    /// <summary>Every pair that includes <paramref name="focus"/>, with the focus as <see cref="PairCounts.A"/>, sorted by partner.</summary>
    /// <param name="focus">The focus unit.</param>
    public IEnumerable<PairCounts> PartnersOf(Unit focus)
    {
        if (!_cube.TryGetIndex(focus, out int index))
        {
            return [];
        }

        EnsureAdjacency();
        int start = _adjacencyStart![index], end = _adjacencyStart[index + 1];
        var result = new PairCounts[end - start];
        for (int i = start; i < end; i++)
        {
            int pair = _adjacency![i];
            result[i - start] = PairAt(pair, swap: SliceData.PairFirst(_data.PairKeys[pair]) != index);
        }

        return result;
    }

    /// <summary>"2015-2019: N = 123, 45 units, 67 pairs".</summary>
    public override string ToString() => $"{Key}: N = {N}, {UnitCount} units, {PairCount} pairs";

    private UnitCounts UnitAt(int at)
    {
        var d = _data;
        return new UnitCounts(_cube.UnitAt(d.UnitIndex[at]), d.UnitValue(at, 0), d.UnitValue(at, 1), d.UnitValue(at, 2), d.UnitValue(at, 3), d.UnitValue(at, 4), d.UnitValue(at, 5), d.UnitValue(at, 6));
    }

    private PairCounts PairAt(int at, bool swap)
    {
        long key = _data.PairKeys[at];
        var a = _cube.UnitAt(SliceData.PairFirst(key));
        var b = _cube.UnitAt(SliceData.PairSecond(key));
        var d = _data;
        double full = d.PairValue(at, 0), countrySet = d.PairValue(at, 1), author = d.PairValue(at, 2), refined = d.PairValue(at, 3), score = d.PairValue(at, 4);
        return swap
            ? new PairCounts(b, a, full, countrySet, author, refined, score)
            : new PairCounts(a, b, full, countrySet, author, refined, score);
    }

    private void EnsureAdjacency()
    {
        if (Volatile.Read(ref _adjacency) is not null)
        {
            return;
        }

        int unitCount = _cube.Units.Count;
        var keys = _data.PairKeys;
        var start = new int[unitCount + 1];
        foreach (long key in keys)
        {
            start[SliceData.PairFirst(key) + 1]++;
            start[SliceData.PairSecond(key) + 1]++;
        }

        for (int u = 0; u < unitCount; u++)
        {
            start[u + 1] += start[u];
        }

        // Pairs are sorted by (a, b): filling in pair order lists each unit's partners in ascending order
        // except that partners before the unit (where it is b) come first, which is also ascending.
        var fill = (int[])start.Clone();
        var adjacency = new int[keys.Length * 2];
        for (int p = 0; p < keys.Length; p++)
        {
            adjacency[fill[SliceData.PairSecond(keys[p])]++] = p;
        }

        for (int p = 0; p < keys.Length; p++)
        {
            adjacency[fill[SliceData.PairFirst(keys[p])]++] = p;
        }

        _adjacencyStart = start;
        Volatile.Write(ref _adjacency, adjacency);
    }
}
