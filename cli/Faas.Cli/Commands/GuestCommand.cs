using System.CommandLine;
using Faas.Cli.Hosting;
using Faas.Guest.Artifacts;

namespace Faas.Cli.Commands;

/// <summary>faas guest: the guest kernel, agent and initramfs every VM boots from.</summary>
public static class GuestCommand
{
    private const string BuildHelp = """
        Build whatever is missing of the guest kernel (from Debian's linux-source; ~5-15 minutes the first time),
        the NativeAOT guest agent and the initramfs, and print where they are cached. A second run does nothing.

        Examples:
          faas guest build
        """;

    public static Command Create()
    {
        var build = new Command("build", BuildHelp);
        build.SetAction(async (_, cancellationToken) =>
        {
            try
            {
                var guest = await new GuestArtifacts().EnsureAsync(StderrProgress.Instance, cancellationToken);
                Console.WriteLine($"kernel    {guest.KernelPath} ({guest.KernelRelease}, {guest.KernelKey})");
                Console.WriteLine($"initramfs {guest.InitrdPath} (agent {guest.AgentKey})");
                return 0;
            }
            catch (Exception e) when (PlatformErrors.IsReportable(e))
            {
                await PlatformErrors.ReportAsync(e);
                return ExitCodes.PlatformError;
            }
        });

        return new Command("guest", "The guest kernel, agent and initramfs that every micro-VM boots from") { build };
    }
}
