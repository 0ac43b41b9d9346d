using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// A short job run in the host process: no per-benchmark project build (which takes minutes on a busy 2-core
/// machine), one launch, the given warm-up and measured iterations, one invocation per iteration (Monitoring).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortRunAttribute(int warmupCount, int iterationCount) : JobConfigBaseAttribute(
    Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(warmupCount)
        .WithIterationCount(iterationCount)
        .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true))
        .WithId("ShortRun"));
