using Faas.Guest.Artifacts.Tools;

namespace Faas.Guest.Artifacts.Initramfs;

/// <summary>Finds the shared libraries and the loader a dynamically linked program needs, by running ldd.</summary>
internal sealed class SharedLibraryResolver(IToolRunner tools)
{
    private const string NotDynamic = "not a dynamic executable";

    /// <returns>Absolute, normalized host paths; empty for a statically linked program.</returns>
    public async Task<IReadOnlyList<string>> ResolveAsync(string binaryPath, CancellationToken cancellationToken)
    {
        var invocation = new ToolInvocation("ldd", [binaryPath])
        {
            Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C" },
        };
        var result = await tools.RunAsync(invocation, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            if (result.Output.Any(line => line.Contains(NotDynamic, StringComparison.Ordinal)))
            {
                return [];
            }

            throw result.ToException($"ldd could not list the shared libraries of '{binaryPath}'.");
        }

        var report = LddOutputParser.Parse(result.StandardOutput);
        if (report.Missing.Count > 0)
        {
            throw result.ToException($"'{binaryPath}' needs shared libraries this host does not have: {string.Join(", ", report.Missing)}.");
        }

        return report.Libraries.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }
}
