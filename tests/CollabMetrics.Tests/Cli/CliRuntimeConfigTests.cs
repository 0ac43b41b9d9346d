using System.Text.Json;

namespace CollabMetrics.Tests.Cli;

/// <summary>
/// The start-up settings of the <c>collabmetrics</c> process are in the runtimeconfig.json that the build writes next
/// to the tool (and that the tool package ships): optimized code at once for methods with loops, no instrumented tier, no delay before small hot methods are optimized.
/// </summary>
public class CliRuntimeConfigTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "CollabMetrics.Cli.runtimeconfig.json");
        File.Exists(path).Should().BeTrue($"the tool's runtimeconfig is copied next to the tests from the referenced project ({path})");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void RuntimeConfig_QuickJitForLoops_IsOff()
    {
        ConfigProperties().GetProperty("System.Runtime.TieredCompilation.QuickJitForLoops").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void RuntimeConfig_TieredPgo_IsOff()
    {
        ConfigProperties().GetProperty("System.Runtime.TieredPGO").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void RuntimeConfig_CallCountingDelay_IsZero()
    {
        // Small hot methods are recompiled optimized after their 30th call, not after start-up has been quiet for 100 ms.
        var delay = ConfigProperties().GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs");
        (delay.ValueKind == JsonValueKind.Number ? delay.GetInt32() : int.Parse(delay.GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(0);
    }

    [Fact]
    public void RuntimeConfig_TieredCompilation_StaysOn()
    {
        // Switching tiering off altogether was measured no faster (docs/performance.md): it must not be set.
        ConfigProperties().TryGetProperty("System.Runtime.TieredCompilation", out _).Should().BeFalse();
    }
}
