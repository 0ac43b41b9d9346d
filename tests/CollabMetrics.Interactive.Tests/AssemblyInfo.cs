using System.Globalization;
using System.Runtime.CompilerServices;

namespace CollabMetrics.Interactive.Tests;

/// <summary>Runs the whole test assembly under the invariant culture.</summary>
internal static class InvariantCultureInitializer
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}
