using System.Numerics;

namespace CollabMetrics.Aggregation;

/// <summary>
/// The per-publication work of the engine, on reusable scratch buffers: no allocation per publication once the
/// buffers have grown to the largest publication. One kernel per thread.
/// </summary>
/// <remarks>
/// <para>
/// A caller fills <see cref="EntryUnits"/> and <see cref="EntryFlags"/> (one entry per author affiliation, the unit
/// or -1 when unresolved; <see cref="AuthorStart"/> on each author's first entry, <see cref="Corresponding"/> on a
/// corresponding author's first entry) and <see cref="Technologies"/>, then calls <see cref="Process"/>.
/// </para>
/// <para>
/// The Author link weight of units i != j is the sum over ordered author pairs u != v of w(u,i) w(v,j), computed
/// as W_i W_j - D_ij where W_i is the unit's author credit and D_ij the sum over authors of w(u,i) w(u,j) (non-zero
/// only for authors with affiliations in both units): a dual-affiliated author makes no link between its own units.
/// </para>
/// </remarks>
internal sealed class PublicationKernel
{
    internal const byte AuthorStart = 2;
    internal const byte Corresponding = 1;

    private readonly UnitLayout _layout;
    private readonly bool _byTechnology;
    private readonly bool _fractional;
    private int[] _stamps;
    private int[] _localOf;
    private int _stamp;

    // The publication last resolved.
    private int _m;
    private int _n;
    private int _multiAuthors;
    private int _correspondingLocal;
    private long _authorsWithoutUnit;
    private long _unresolved;
    private int _contribUnitCount;
    private int _contribPairCount;

    // Distinct units of the publication (locals) and their author credit W.
    private int[] _units = new int[16];
    private double[] _credit = new double[16];

    // One author's distinct locals and weights.
    private int[] _authorLocals = new int[8];
    private double[] _authorWeights = new double[8];

    // Authors with several units: their (local, weight) runs, for the diagonal correction.
    private int[] _multiLocals = new int[16];
    private double[] _multiWeights = new double[16];
    private int[] _multiEnds = new int[8];

    // Author link sums A_ij, upper triangle of an m x m matrix.
    private double[] _authorSums = new double[256];

    // Contributions of the publication, before the technology factor.
    private int[] _contribUnits = new int[16];
    private double[] _contribUnitValues = new double[16 * SliceData.UnitStride];
    private long[] _contribPairs = new long[16];
    private double[] _contribPairValues = new double[16 * SliceData.PairStride];

    // What the build computes (see CubeContent): unit counts or not, which pair values, the pairs of one unit only,
    // and in which slices units and pairs are counted (slice totals are counted in every slice).
    private readonly bool _unitCounts;
    private readonly int _unitValues;
    private readonly int _unitStride;
    private readonly int _pairValues;
    private readonly int _pairStride;
    private readonly bool _focusOnly;
    private readonly bool _cellsInAllSlice;
    private readonly bool _cellsInEveryTechnology;

    internal PublicationKernel(UnitLayout layout, int unitCapacity)
        : this(layout, unitCapacity, CubeContent.Full)
    {
    }

    internal PublicationKernel(UnitLayout layout, int unitCapacity, CubeContent content)
    {
        _layout = layout;
        _byTechnology = layout.Options.ByTechnology;
        _fractional = layout.Options.Technologies == TechnologyAssignment.Fractional;
        _stamps = new int[unitCapacity];
        _localOf = new int[unitCapacity];
        _unitCounts = content.Units;
        _unitValues = content.UnitValues;
        _unitStride = content.UnitStride;
        _pairValues = content.PairValues;
        _pairStride = content.PairStride;
        _focusOnly = content.PairFocus is not null;
        _cellsInAllSlice = content.AllTechnologySlices || content.Technology is null;
        _cellsInEveryTechnology = content.AllTechnologySlices;
    }

    /// <summary>With a pair focus, the engine id of the focus unit, or -1 while it is not known (no pair matches).</summary>
    internal int PairFocusId { get; set; } = -1;

    /// <summary>
    /// Per technology id, whether its slice gets unit and pair counts when the content names one technology; ids
    /// beyond the array get none. Ignored when every technology slice is counted.
    /// </summary>
    internal bool[] CountedTechnologies { get; set; } = [];

    private int[] _order = [];
    private int[] _yearCounts = [];

    internal int[] EntryUnits { get; private set; } = new int[64];

    internal byte[] EntryFlags { get; private set; } = new byte[64];

    internal int[] Technologies { get; private set; } = new int[16];

    /// <summary>Makes room for <paramref name="entries"/> entries and <paramref name="technologies"/> technologies.</summary>
    internal void EnsureCapacity(int entries, int technologies)
    {
        if (entries > EntryUnits.Length)
        {
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)entries);
            EntryUnits = new int[size];
            EntryFlags = new byte[size];
        }

        if (technologies > Technologies.Length)
        {
            Technologies = new int[(int)BitOperations.RoundUpToPowerOf2((uint)technologies)];
        }
    }

    /// <summary>
    /// Fills <see cref="EntryUnits"/>, <see cref="EntryFlags"/> and <see cref="Technologies"/> with publication
    /// <paramref name="k"/> of a corpus, its entries mapped to units as the layout says (the country after the
    /// territory policy, or the canonical institution; -1 when unresolved).
    /// </summary>
    /// <returns>The number of entries; <paramref name="technologyCount"/> is the number of technology ids.</returns>
    internal int Load(CorpusStorage storage, int k, out int technologyCount)
    {
        var cursor = storage.Entries(k);
        int count = cursor.Count;
        var technologies = storage.TechnologiesOf(k);
        EnsureCapacity(count, technologies.Length);
        var units = EntryUnits;
        var flags = EntryFlags;
        var territory = _layout.TerritoryMap;
        bool countryLevel = _layout.IsCountryLevel;
        int j = 0;
        while (cursor.MoveNext())
        {
            int unit;
            if (countryLevel)
            {
                unit = territory[cursor.Country];
                if (unit == 0)
                {
                    unit = -1;
                }
            }
            else
            {
                int institution = cursor.Institution;
                unit = institution >= 0 ? institution + 1 : -1;
            }

            units[j] = unit;
            flags[j] = (byte)((cursor.IsAuthorStart ? AuthorStart : 0) | (cursor.IsCorresponding ? Corresponding : 0));
            j++;
        }

        var ids = Technologies;
        for (int t = 0; t < technologies.Length; t++)
        {
            ids[t] = technologies[t];
        }

        technologyCount = technologies.Length;
        return count;
    }

    /// <summary>A buffer of at least <paramref name="length"/> publication indices.</summary>
    internal int[] OrderBuffer(int length)
    {
        if (_order.Length < length)
        {
            _order = new int[length];
        }

        return _order;
    }

    /// <summary>A zeroed buffer of at least <paramref name="length"/> counts.</summary>
    internal int[] YearCountBuffer(int length)
    {
        if (_yearCounts.Length < length)
        {
            _yearCounts = new int[length];
        }
        else
        {
            Array.Clear(_yearCounts, 0, length);
        }

        return _yearCounts;
    }

    /// <summary>Makes the unit id space at least <paramref name="capacity"/> (for units interned while streaming).</summary>
    internal void EnsureUnitCapacity(int capacity)
    {
        if (capacity > _stamps.Length)
        {
            int size = Math.Max(capacity, _stamps.Length * 2);
            Array.Resize(ref _stamps, size);
            Array.Resize(ref _localOf, size);
        }
    }

    /// <summary>Adds one publication to <paramref name="acc"/>.</summary>
    /// <param name="acc">The accumulator.</param>
    /// <param name="year">The year, or 0 when unknown.</param>
    /// <param name="entryCount">Entries filled in <see cref="EntryUnits"/> and <see cref="EntryFlags"/>.</param>
    /// <param name="technologyCount">Technology ids filled in <see cref="Technologies"/>.</param>
    internal void Process(CubeAccumulator acc, int year, int entryCount, int technologyCount)
    {
        acc.Publications++;
        int n = Resolve(entryCount);
        acc.AuthorsWithoutUnit += _authorsWithoutUnit;
        acc.UnresolvedAffiliations += _unresolved;
        if (n == 0)
        {
            acc.WithoutUnit++;
            if (year == 0)
            {
                acc.WithoutYear++;
            }

            return;
        }

        if (year == 0)
        {
            acc.WithoutYear++;
            return;
        }

        acc.Counted++;
        Contribute();
        int m = _m;
        double international = m >= 2 ? 1.0 : 0.0;
        double links = m * (m - 1) / 2.0;
        var cells = acc.Year(year);
        int contribUnits = _contribUnitCount, contribPairs = _contribPairCount;
        Emit(cells, 0, 1.0, international, links, _cellsInAllSlice ? contribUnits : 0, _cellsInAllSlice ? contribPairs : 0);
        if (_byTechnology && technologyCount > 0)
        {
            double factor = _fractional ? 1.0 / technologyCount : 1.0;
            var counted = CountedTechnologies;
            for (int t = 0; t < technologyCount; t++)
            {
                int technology = Technologies[t];
                bool withCells = _cellsInEveryTechnology || ((uint)technology < (uint)counted.Length && counted[technology]);
                Emit(cells, technology + 1, factor, international, links, withCells ? contribUnits : 0, withCells ? contribPairs : 0);
            }
        }
    }

    /// <summary>
    /// The counting rules of one publication, first half: reads the entries filled in <see cref="EntryUnits"/> and
    /// <see cref="EntryFlags"/> into its distinct units (S_k, <see cref="UnitCount"/>) with each unit's author credit
    /// W_i (w(k,u,i) summed over authors), the authors counted (n_k, <see cref="AuthorCount"/>; an author with no
    /// resolved unit is left out, or counts in the unknown unit under <see cref="UnknownAuthorPolicy.AsUnknownUnit"/>),
    /// and the corresponding author's unit.
    /// </summary>
    /// <returns>n_k: 0 when the publication has no unit.</returns>
    internal int Resolve(int entryCount)
    {
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }

        int stamp = _stamp;
        var entryUnits = EntryUnits;
        var entryFlags = EntryFlags;
        int m = 0, n = 0, multiAuthors = 0, multiEntries = 0;
        int correspondingLocal = -1, firstLocal = -1;
        long authorsWithoutUnit = 0, unresolved = 0;
        int e = 0;
        while (e < entryCount)
        {
            int start = e++;
            while (e < entryCount && (entryFlags[e] & AuthorStart) == 0)
            {
                e++;
            }

            int authorFirst;
            int single = entryUnits[start];
            if (e - start == 1 && single >= 0)
            {
                // One resolved affiliation (the common case): the author's whole credit, 1 / 1, in one unit.
                authorFirst = LocalOf(single, stamp, ref m);
                _credit[authorFirst] += 1.0;
            }
            else if (!ResolveAuthor(start, e, stamp, ref m, ref multiAuthors, ref multiEntries, ref authorsWithoutUnit, ref unresolved, out authorFirst))
            {
                continue;
            }

            n++;
            if (correspondingLocal < 0 && (entryFlags[start] & Corresponding) != 0)
            {
                correspondingLocal = authorFirst;
            }

            if (firstLocal < 0)
            {
                firstLocal = authorFirst;
            }
        }

        _m = m;
        _n = n;
        _multiAuthors = multiAuthors;
        _correspondingLocal = correspondingLocal < 0 ? firstLocal : correspondingLocal;
        _authorsWithoutUnit = authorsWithoutUnit;
        _unresolved = unresolved;
        _contribUnitCount = 0;
        _contribPairCount = 0;
        return n;
    }

    /// <summary>
    /// The entries <paramref name="start"/> to <paramref name="end"/> of one author with no affiliation resolved, or
    /// several: its credit split equally among its resolved affiliations (summed per unit), and, with several units,
    /// its (unit, weight) run kept for the diagonal correction of the author link sums.
    /// </summary>
    /// <returns>Whether the author is counted (it has a unit, or counts in the unknown unit); <paramref name="authorFirst"/> is then the local of its first unit.</returns>
    private bool ResolveAuthor(int start, int end, int stamp, ref int m, ref int multiAuthors, ref int multiEntries, ref long authorsWithoutUnit, ref long unresolved, out int authorFirst)
    {
        var entryUnits = EntryUnits;
        int resolved = 0;
        for (int i = start; i < end; i++)
        {
            if (entryUnits[i] >= 0)
            {
                resolved++;
            }
        }

        if (resolved == 0)
        {
            authorsWithoutUnit++;
            unresolved += end - start;
            if (!_layout.UnknownAsUnit)
            {
                authorFirst = -1;
                return false;
            }

            authorFirst = LocalOf(UnitLayout.UnknownId, stamp, ref m);
            _credit[authorFirst] += 1.0;
        }
        else
        {
            unresolved += end - start - resolved;
            double w = 1.0 / resolved;
            int distinct = 0;
            for (int i = start; i < end; i++)
            {
                int unit = entryUnits[i];
                if (unit < 0)
                {
                    continue;
                }

                int local = LocalOf(unit, stamp, ref m);
                _credit[local] += w;
                int d = 0;
                while (d < distinct && _authorLocals[d] != local)
                {
                    d++;
                }

                if (d == distinct)
                {
                    if (distinct == _authorLocals.Length)
                    {
                        Array.Resize(ref _authorLocals, distinct * 2);
                        Array.Resize(ref _authorWeights, distinct * 2);
                    }

                    _authorLocals[d] = local;
                    _authorWeights[d] = 0;
                    distinct++;
                }

                _authorWeights[d] += w;
            }

            authorFirst = _authorLocals[0];
            if (distinct > 1)
            {
                if (multiEntries + distinct > _multiLocals.Length)
                {
                    int size = Math.Max(_multiLocals.Length * 2, multiEntries + distinct);
                    Array.Resize(ref _multiLocals, size);
                    Array.Resize(ref _multiWeights, size);
                }

                if (multiAuthors == _multiEnds.Length)
                {
                    Array.Resize(ref _multiEnds, multiAuthors * 2);
                }

                Array.Copy(_authorLocals, 0, _multiLocals, multiEntries, distinct);
                Array.Copy(_authorWeights, 0, _multiWeights, multiEntries, distinct);
                multiEntries += distinct;
                _multiEnds[multiAuthors++] = multiEntries;
            }
        }

        return true;
    }

    /// <summary>
    /// The counting rules of one publication, second half (after <see cref="Resolve"/> found a unit): what it adds
    /// to each of its units (P, F, E, I, links, corresponding) and groups, and to each pair of them under every link
    /// weighting (<see cref="LinkFactors"/>).
    /// </summary>
    internal void Contribute()
    {
        int m = _m, n = _n;
        _contribUnitCount = _unitCounts ? BuildUnitContributions(m, n, _correspondingLocal) : 0;
        _contribPairCount = m >= 2 && _pairValues != 0 ? BuildPairContributions(m, n, _multiAuthors) : 0;
        if (_layout.GroupMasks is not null)
        {
            AddGroupContributions(m, n, _correspondingLocal, ref _contribUnitCount, ref _contribPairCount);
        }
    }

    /// <summary>
    /// Like <see cref="Contribute"/>, the contributions to units only (no pairs, no groups): for callers that weigh
    /// pairs one at a time with <see cref="AuthorLinkSum"/> and <see cref="LinkFactors"/>, so that a paper with
    /// thousands of units needs no m x m table.
    /// </summary>
    internal void ContributeUnits()
    {
        _contribUnitCount = BuildUnitContributions(_m, _n, _correspondingLocal);
        _contribPairCount = 0;
    }

    /// <summary>Authors of the publication last resolved none of whose affiliations resolved to a unit.</summary>
    internal long AuthorsWithoutUnit => _authorsWithoutUnit;

    /// <summary>Affiliations of the publication last resolved that resolved to no unit (an author with none counts as one).</summary>
    internal long UnresolvedAffiliations => _unresolved;

    /// <summary>m_k of the publication last resolved: its distinct units (locals 0 .. m - 1).</summary>
    internal int UnitCount => _m;

    /// <summary>n_k of the publication last resolved: the authors counted.</summary>
    internal int AuthorCount => _n;

    /// <summary>The unit id of local <paramref name="local"/> of the publication last resolved.</summary>
    internal int UnitAt(int local) => _units[local];

    /// <summary>
    /// The sum over ordered pairs of different authors u != v of w(u, i) w(v, j) for locals i != j of the publication
    /// last resolved (W_i W_j less what authors in both units add), without building every pair.
    /// </summary>
    internal double AuthorLinkSum(int i, int j)
    {
        double sum = _credit[i] * _credit[j];
        int begin = 0;
        for (int a = 0; a < _multiAuthors; a++)
        {
            int end = _multiEnds[a];
            double wi = 0, wj = 0;
            for (int p = begin; p < end; p++)
            {
                wi += _multiLocals[p] == i ? _multiWeights[p] : 0;
                wj += _multiLocals[p] == j ? _multiWeights[p] : 0;
            }

            sum -= wi * wj;
            begin = end;
        }

        return sum > 0 ? sum : 0.0;
    }

    /// <summary>Contributions built by <see cref="Contribute"/> to units and groups.</summary>
    internal int UnitContributionCount => _contribUnitCount;

    /// <summary>Contributions built by <see cref="Contribute"/> to pairs (unit-unit, then unit-group).</summary>
    internal int PairContributionCount => _contribPairCount;

    /// <summary>The unit id of unit contribution <paramref name="index"/>: the m_k units first, then the groups.</summary>
    internal int ContributedUnit(int index) => _contribUnits[index];

    /// <summary>The units of pair contribution <paramref name="index"/>, packed <c>a &lt;&lt; CubeAccumulator.UnitBits | b</c> with a &lt; b (unit ids).</summary>
    internal long ContributedPair(int index) => _contribPairs[index];

    /// <summary>The values of unit contribution <paramref name="index"/>: P, F, E, I, links, SCP, MCP (see <see cref="SliceData.UnitStride"/>), those the content computes.</summary>
    internal ReadOnlySpan<double> UnitValues(int index) => _contribUnitValues.AsSpan(index * _unitStride, _unitStride);

    /// <summary>The values of pair contribution <paramref name="index"/>: Full, CountrySet, Author, AuthorRefined, Nature Index score.</summary>
    internal ReadOnlySpan<double> PairValues(int index) => _contribPairValues.AsSpan(index * SliceData.PairStride, SliceData.PairStride);

    /// <summary>The unit contribution of unit <paramref name="unitId"/> (a group's id when <paramref name="group"/>), or -1 when the publication does not have it.</summary>
    internal int FindUnitContribution(int unitId, bool group)
    {
        if (!group)
        {
            return LocalOfUnit(unitId);
        }

        for (int i = _m; i < _contribUnitCount; i++)
        {
            if (_contribUnits[i] == unitId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The pair contribution of unit <paramref name="a"/> and unit <paramref name="b"/> (a group's id when <paramref name="group"/>), or -1 when the publication does not link them.</summary>
    internal int FindPairContribution(int a, int b, bool group)
    {
        int i = LocalOfUnit(a);
        if (i < 0)
        {
            return -1;
        }

        if (!group)
        {
            int j = LocalOfUnit(b);
            if (j < 0 || j == i)
            {
                return -1;
            }

            (i, j) = i < j ? (i, j) : (j, i);
            return (i * _m) - (i * (i + 1) / 2) + (j - i - 1);
        }

        long key = ((long)a << CubeAccumulator.UnitBits) | (uint)b;
        for (int c = _m * (_m - 1) / 2; c < _contribPairCount; c++)
        {
            if (_contribPairs[c] == key)
            {
                return c;
            }
        }

        return -1;
    }

    private int LocalOfUnit(int unitId) =>
        (uint)unitId < (uint)_stamps.Length && _stamps[unitId] == _stamp && _m > 0 ? _localOf[unitId] : -1;

    private int LocalOf(int unit, int stamp, ref int m)
    {
        if (_stamps[unit] == stamp)
        {
            return _localOf[unit];
        }

        _stamps[unit] = stamp;
        int local = m++;
        if (local == _units.Length)
        {
            Array.Resize(ref _units, local * 2);
            Array.Resize(ref _credit, local * 2);
        }

        _units[local] = unit;
        _credit[local] = 0;
        _localOf[unit] = local;
        return local;
    }

    private int BuildUnitContributions(int m, int n, int correspondingLocal)
    {
        EnsureUnitContributions(m);
        double invN = 1.0 / n;
        double invM = 1.0 / m;
        double international = m >= 2 ? 1.0 : 0.0;
        for (int i = 0; i < m; i++)
        {
            _contribUnits[i] = _units[i];
            WriteUnitValues(i, _credit[i] * invN, invM, international, m - 1, i == correspondingLocal && m == 1 ? 1.0 : 0.0, i == correspondingLocal && m >= 2 ? 1.0 : 0.0);
        }

        return m;
    }

    /// <summary>Writes the unit values of contribution <paramref name="c"/> (P is 1), in order, skipping those not asked for.</summary>
    private void WriteUnitValues(int c, double fractional, double equalSplit, double international, double links, double scp, double mcp) =>
        WriteAskedFor(_contribUnitValues, c * _unitStride, _unitValues, [1.0, fractional, equalSplit, international, links, scp, mcp]);

    /// <summary>Writes the values whose bit is in <paramref name="mask"/>, in order, from <paramref name="offset"/> of <paramref name="target"/>.</summary>
    private static void WriteAskedFor(double[] target, int offset, int mask, ReadOnlySpan<double> values)
    {
        if (mask == (1 << values.Length) - 1)
        {
            values.CopyTo(target.AsSpan(offset, values.Length));
            return;
        }

        for (int v = 0; v < values.Length; v++)
        {
            if ((mask & (1 << v)) != 0)
            {
                target[offset++] = values[v];
            }
        }
    }

    private int BuildPairContributions(int m, int n, int multiAuthors)
    {
        // A_ij = W_i W_j - D_ij in the upper triangle (only for the author weightings and groups).
        bool authorSums = (_pairValues & (CubeContent.AuthorLink | CubeContent.AuthorRefinedLink)) != 0 || _layout.GroupMasks is not null;
        if (authorSums)
        {
            ComputeAuthorSums(m, multiAuthors);
        }

        int pairs = m * (m - 1) / 2;
        EnsurePairContributions(pairs);

        // Full links (co-publications) alone need no weight: no division.
        bool weighted = (_pairValues & ~CubeContent.FullLink) != 0;
        double invN = weighted ? 1.0 / n : 0.0;
        var factors = weighted ? new LinkFactors(m, n) : default;
        int focus = PairFocusId;
        int c = 0;
        for (int i = 0; i < m; i++)
        {
            int ui = _units[i];
            for (int j = i + 1; j < m; j++)
            {
                int uj = _units[j];
                if (_focusOnly && ui != focus && uj != focus)
                {
                    continue;
                }

                _contribPairs[c] = ui < uj ? ((long)ui << CubeAccumulator.UnitBits) | (uint)uj : ((long)uj << CubeAccumulator.UnitBits) | (uint)ui;
                double sum = authorSums ? _authorSums[(i * m) + j] : 0.0;
                WritePairValues(c, 1.0, factors.CountrySet, sum * factors.Author, sum * factors.AuthorRefined, (_credit[i] + _credit[j]) * invN);
                c++;
            }
        }

        return c;
    }

    private void ComputeAuthorSums(int m, int multiAuthors)
    {
        if (m * m > _authorSums.Length)
        {
            _authorSums = new double[(int)BitOperations.RoundUpToPowerOf2((uint)(m * m))];
        }

        var sums = _authorSums;
        for (int i = 0; i < m; i++)
        {
            for (int j = i + 1; j < m; j++)
            {
                sums[(i * m) + j] = _credit[i] * _credit[j];
            }
        }

        int begin = 0;
        for (int a = 0; a < multiAuthors; a++)
        {
            int end = _multiEnds[a];
            for (int p = begin; p < end; p++)
            {
                for (int q = p + 1; q < end; q++)
                {
                    int i = _multiLocals[p], j = _multiLocals[q];
                    int at = i < j ? (i * m) + j : (j * m) + i;
                    double value = sums[at] - (_multiWeights[p] * _multiWeights[q]);
                    sums[at] = value > 0 ? value : 0.0;
                }
            }

            begin = end;
        }
    }

    /// <summary>Writes the computed pair values of contribution <paramref name="c"/>, in order, skipping those not asked for.</summary>
    private void WritePairValues(int c, double full, double countrySet, double author, double refined, double natureIndex) =>
        WriteAskedFor(_contribPairValues, c * _pairStride, _pairValues, [full, countrySet, author, refined, natureIndex]);

    private void AddGroupContributions(int m, int n, int correspondingLocal, ref int contribUnits, ref int contribPairs)
    {
        var masks = _layout.GroupMasks!;
        ulong present = 0;
        for (int i = 0; i < m; i++)
        {
            present |= masks[_units[i]];
        }

        if (present == 0)
        {
            return;
        }

        double invN = 1.0 / n;
        var factors = new LinkFactors(m, n);
        var sums = _authorSums;
        while (present != 0)
        {
            int g = BitOperations.TrailingZeroCount(present);
            present &= present - 1;
            ulong bit = 1UL << g;
            int groupId = UnitLayout.GroupBase + g;
            double credit = 0;
            int members = 0;
            for (int i = 0; i < m; i++)
            {
                if ((masks[_units[i]] & bit) != 0)
                {
                    credit += _credit[i];
                    members++;
                }
            }

            // Pairs (X, G) for each unit X with another member of G on the paper.
            int linked = 0;
            for (int x = 0; x < m; x++)
            {
                bool xIsMember = (masks[_units[x]] & bit) != 0;
                int others = members - (xIsMember ? 1 : 0);
                if (others == 0)
                {
                    continue;
                }

                linked++;
                if (_pairValues == 0 || (_focusOnly && _units[x] != PairFocusId && groupId != PairFocusId))
                {
                    continue;
                }

                double authorSum = 0, otherCredit = 0;
                for (int y = 0; y < m; y++)
                {
                    if (y != x && (masks[_units[y]] & bit) != 0)
                    {
                        authorSum += x < y ? sums[(x * m) + y] : sums[(y * m) + x];
                        otherCredit += _credit[y];
                    }
                }

                EnsurePairContributions(contribPairs + 1);
                _contribPairs[contribPairs] = ((long)_units[x] << CubeAccumulator.UnitBits) | (uint)groupId;
                WritePairValues(contribPairs, 1.0, others / (double)(m - 1), authorSum * factors.Author, authorSum * factors.AuthorRefined, (_credit[x] + otherCredit) * invN);
                contribPairs++;
            }

            if (!_unitCounts)
            {
                continue;
            }

            EnsureUnitContributions(contribUnits + 1);
            _contribUnits[contribUnits] = groupId;
            bool correspondingIn = (masks[_units[correspondingLocal]] & bit) != 0;
            WriteUnitValues(contribUnits, credit * invN, members / (double)m, m >= 2 ? 1.0 : 0.0, linked, correspondingIn && m == 1 ? 1.0 : 0.0, correspondingIn && m >= 2 ? 1.0 : 0.0);
            contribUnits++;
        }
    }

    /// <summary>
    /// Adds the contributions to one slice: its totals, and the first <paramref name="contribUnits"/> unit and
    /// <paramref name="contribPairs"/> pair contributions, each multiplied by <paramref name="factor"/> and converted
    /// once to <see cref="FixedPoint"/>, so that the sums do not depend on the order of the publications.
    /// </summary>
    private void Emit(CubeAccumulator.YearCells cells, int slot, double factor, double international, double links, int contribUnits, int contribPairs)
    {
        if (slot == 0)
        {
            // The all-technologies slot's factor is 1: its totals gain whole numbers.
            cells.CountAll(international > 0 ? 1 : 0, (long)links);
        }
        else
        {
            cells.AddTotals(slot, factor, international, links);
        }

        var units = cells.Units;
        long unitBase = (long)slot << CubeAccumulator.UnitBits;
        for (int i = 0; i < contribUnits; i++)
        {
            var v = units.Row(units.GetOrAdd(unitBase | (uint)_contribUnits[i]));
            int c = i * _unitStride;
            for (int k = 0; k < v.Length; k++)
            {
                units.Add(ref v[k], factor * _contribUnitValues[c + k]);
            }
        }

        var pairs = cells.Pairs;
        int stride = _pairStride;
        long pairBase = (long)slot << (2 * CubeAccumulator.UnitBits);
        for (int i = 0; i < contribPairs; i++)
        {
            var v = pairs.Row(pairs.GetOrAdd(pairBase | _contribPairs[i]));
            int c = i * stride;
            for (int k = 0; k < v.Length; k++)
            {
                pairs.Add(ref v[k], factor * _contribPairValues[c + k]);
            }
        }
    }

    private void EnsureUnitContributions(int count)
    {
        if (count > _contribUnits.Length)
        {
            int size = Math.Max(count, _contribUnits.Length * 2);
            Array.Resize(ref _contribUnits, size);
            Array.Resize(ref _contribUnitValues, size * SliceData.UnitStride);
        }
    }

    private void EnsurePairContributions(int count)
    {
        if (count > _contribPairs.Length)
        {
            int size = Math.Max(count, _contribPairs.Length * 2);
            Array.Resize(ref _contribPairs, size);
            Array.Resize(ref _contribPairValues, size * SliceData.PairStride);
        }
    }
}

/// <summary>
/// What one publication adds to a pair of its units under each link weighting of METRICS.md, given m_k (distinct
/// units) and n_k (authors counted): Full adds 1, CountrySet 1/(m_k - 1), Author the author link sum / (n_k - 1),
/// AuthorRefined the sum times 2/(n_k(n_k - 1)). Shared by the cube and the author graphs.
/// </summary>
internal readonly struct LinkFactors
{
    internal LinkFactors(int m, int n)
    {
        CountrySet = m >= 2 ? 1.0 / (m - 1) : 0.0;
        Author = n >= 2 ? 1.0 / (n - 1) : 0.0;
        AuthorRefined = n >= 2 ? 2.0 / (n * (double)(n - 1)) : 0.0;
    }

    internal double CountrySet { get; }

    internal double Author { get; }

    internal double AuthorRefined { get; }

    /// <summary>The weight a pair with author link sum <paramref name="authorSum"/> gets under <paramref name="weighting"/>.</summary>
    internal double Weight(LinkWeighting weighting, double authorSum) => weighting switch
    {
        LinkWeighting.Full => 1.0,
        LinkWeighting.CountrySet => CountrySet,
        LinkWeighting.Author => authorSum * Author,
        _ => authorSum * AuthorRefined,
    };
}
