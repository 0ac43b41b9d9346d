using System.Diagnostics;
using System.Globalization;

namespace CollabMetrics.Cli.Terminal;

/// <summary>Times the steps of a command and lists them (the <c>demo</c> prints how long each step took).</summary>
internal sealed class StepClock
{
    private readonly List<(string Step, TimeSpan Elapsed)> _steps = [];
    private readonly Stopwatch _total = Stopwatch.StartNew();

    /// <summary>The steps timed so far, in order.</summary>
    public IReadOnlyList<(string Step, TimeSpan Elapsed)> Steps => _steps;

    /// <summary>Time since the clock was created.</summary>
    public TimeSpan Total => _total.Elapsed;

    /// <summary>Runs <paramref name="work"/> and records how long it took under <paramref name="step"/>.</summary>
    public T Time<T>(string step, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        _steps.Add((step, clock.Elapsed));
        return result;
    }

    /// <summary>Runs <paramref name="work"/> and records how long it took under <paramref name="step"/>.</summary>
    public void Time(string step, Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        _steps.Add((step, clock.Elapsed));
    }

    /// <summary>Writes one line per step ("  name ....... 1.23 s") and the total.</summary>
    public void WriteTo(TextWriter writer)
    {
        int width = _steps.Count == 0 ? 5 : Math.Max(5, _steps.Max(s => s.Step.Length));
        foreach (var (step, elapsed) in _steps)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {step.PadRight(width)}  {elapsed.TotalSeconds,7:0.00} s"));
        }

        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"total".PadRight(width)}  {Total.TotalSeconds,7:0.00} s"));
    }
}
