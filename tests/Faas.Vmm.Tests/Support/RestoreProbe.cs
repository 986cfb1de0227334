using System.Globalization;
using Faas.Vmm.Boot;
using Faas.Vmm.Kvm;

namespace Faas.Vmm.Tests.Support;

/// <summary>
/// Runs in a child process: restores the snapshot in a directory, lets the guest make some reports and prints them, one per
/// line, after the guest's counter as found in the restored memory.
/// </summary>
internal static class RestoreProbe
{
    public const string Command = "restore-probe";

    /// <param name="args">The snapshot directory and how many reports to wait for.</param>
    public static int Run(string[] args)
    {
        var directory = args[0];
        var reports = int.Parse(args[1], CultureInfo.InvariantCulture);
        using var machine = VmBuilder.Restore(KvmSystem.Shared, directory);
        var recorder = SyntheticGuests.RecordReports(machine);
        machine.Memory.TryReadUInt64(SyntheticGuests.CounterAddress, out var counter);
        Console.WriteLine(counter.ToString(CultureInfo.InvariantCulture));
        machine.Start();
        for (var i = 0; i < reports; i++)
        {
            var write = recorder.NextAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            Console.WriteLine(write.Value.ToString(CultureInfo.InvariantCulture));
        }

        machine.PauseAsync().GetAwaiter().GetResult();
        return 0;
    }
}
