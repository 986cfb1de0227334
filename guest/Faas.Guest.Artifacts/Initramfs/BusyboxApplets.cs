using Faas.Guest.Artifacts.Tools;

namespace Faas.Guest.Artifacts.Initramfs;

/// <summary>Asks a busybox binary where its applets live ("bin/sh", "usr/bin/wget", …).</summary>
internal sealed class BusyboxApplets(IToolRunner tools)
{
    public async Task<IReadOnlyList<string>> ListAsync(string busyboxPath, CancellationToken cancellationToken)
    {
        var invocation = new ToolInvocation(busyboxPath, ["--list-full"]) { DisplayName = "busybox --list-full" };
        var result = (await tools.RunAsync(invocation, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        return result.StandardOutput
            .Select(line => line.Trim().TrimStart('/'))
            .Where(line => line.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
