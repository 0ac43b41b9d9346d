namespace CollabMetrics.Graph;

/// <summary>
/// Counts completed work items from several threads and reports about every hundredth of the total (and the last
/// item) as <see cref="WorkProgress"/>; does nothing without a receiver.
/// </summary>
internal sealed class ProgressCounter(IProgress<WorkProgress>? target, string phase, string unit, long total)
{
    private readonly long _step = Math.Max(1, total / 100);
    private long _done;

    public void Add(long items)
    {
        if (target is null)
        {
            return;
        }

        long before = Interlocked.Add(ref _done, items) - items;
        long after = before + items;
        if (after == total || after / _step != before / _step)
        {
            target.Report(new WorkProgress { Phase = phase, Unit = unit, Completed = after, Total = total });
        }
    }
}
