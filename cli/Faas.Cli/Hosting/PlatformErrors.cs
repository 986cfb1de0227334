using Faas.Guest.Artifacts;
using Faas.Guest.Protocol;
using Faas.Vmm;

namespace Faas.Cli.Hosting;

/// <summary>Turns the failures a user can act on into clear messages on stderr.</summary>
public static class PlatformErrors
{
    public static bool IsReportable(Exception e) =>
        e is VmException or ArtifactBuildException or ArgumentException or ProtocolException or IOException;

    public static async Task ReportAsync(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        await Console.Error.WriteLineAsync($"faas: {e.Message}");
        if (e is VmException { ConsoleTail: { Length: > 0 } tail })
        {
            await Console.Error.WriteLineAsync("faas: last lines of the guest console:");
            foreach (var line in tail.Split('\n'))
            {
                await Console.Error.WriteLineAsync($"  | {line.TrimEnd('\r')}");
            }
        }
    }
}
