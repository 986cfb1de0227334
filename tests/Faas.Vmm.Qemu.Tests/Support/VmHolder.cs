using System.Globalization;
using Faas.Vmm.Qemu.Processes;

namespace Faas.Vmm.Qemu.Tests.Support;

/// <summary>
/// Child-process mode for the parent-death tests. It starts QEMU, prints "ready &lt;qemu pid&gt; &lt;marker&gt;"
/// (the marker is a string only that QEMU's command line contains), then waits to be killed or returns from
/// Main without cleaning up.
/// </summary>
/// <remarks>
/// <c>hold-vm boot KERNEL INITRD RUN-ROOT wait|exit</c> boots a real VM (the marker is its run directory);
/// <c>hold-vm bare MARKER</c> starts a QEMU that runs no guest (-S), so nothing but the watchdog can end it.
/// </remarks>
internal static class VmHolder
{
    public const string Command = "hold-vm";
    public const string WaitToBeKilled = "wait";
    public const string ExitWithoutDisposing = "exit";

    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<string> BootArguments(string kernelPath, string initrdPath, string runRoot, string then) =>
        [Command, "boot", kernelPath, initrdPath, runRoot, then];

    public static IReadOnlyList<string> BareArguments(string marker) => [Command, "bare", marker];

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["boot", var kernel, var initrd, var runRoot, var then]:
                var backend = new QemuBackend(new QemuOptions { RunDirectoryRoot = runRoot });
                var vm = (QemuMicroVm)await backend.BootAsync(new VmBootSpec(kernel, initrd, MemoryMiB: 128)).ConfigureAwait(false);
                Ready(vm.ProcessId, vm.RunDirectoryPath);
                if (then == WaitToBeKilled)
                {
                    await Task.Delay(WaitLimit).ConfigureAwait(false);
                }

                return 0;
            case ["bare", var marker]:
                var qemu = QemuProcess.Start("qemu-system-x86_64", ["-M", "microvm", "-S", "-nodefaults", "-no-user-config", "-display", "none", "-name", marker]);
                Ready(qemu.Id, marker);
                await Task.Delay(WaitLimit).ConfigureAwait(false);
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: hold-vm boot KERNEL INITRD RUN-ROOT wait|exit | hold-vm bare MARKER").ConfigureAwait(false);
                return 2;
        }
    }

    private static void Ready(int qemuPid, string marker) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {qemuPid} {marker}"));
}
