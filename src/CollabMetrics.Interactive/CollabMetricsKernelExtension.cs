using Microsoft.DotNet.Interactive;

namespace CollabMetrics.Interactive;

/// <summary>
/// The kernel extension of the package: loading it into a .NET Interactive kernel registers the CollabMetrics
/// formatters (<see cref="NotebookFormatters.Register"/>). The package's <c>interactive-extensions/dotnet/extension.dib</c>
/// does the same when the package is referenced with <c>#r "nuget: CollabMetrics.Interactive, *-*"</c>; use this
/// class to enable the formatters in a kernel you host yourself.
/// </summary>
/// <example>
/// <code>
/// using var kernel = new CSharpKernel();
/// await new CollabMetricsKernelExtension().OnLoadAsync(kernel);
/// </code>
/// </example>
public sealed class CollabMetricsKernelExtension : IKernelExtension
{
    /// <summary>Registers the formatters. The kernel itself is not changed: formatters are process-wide.</summary>
    /// <param name="kernel">The kernel the extension is loaded into.</param>
    /// <returns>A completed task.</returns>
    public Task OnLoadAsync(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        NotebookFormatters.Register();
        return Task.CompletedTask;
    }
}
