namespace Faas.Vmm.Qemu;

/// <summary>How the QEMU backend starts its VMs.</summary>
public sealed record QemuOptions
{
    /// <summary>The QEMU binary, a path or a name looked up in PATH.</summary>
    public string BinaryPath { get; init; } = "qemu-system-x86_64";

    public QemuAccelerator Accelerator { get; init; } = QemuAccelerator.Tcg;

    /// <summary>
    /// Where each VM gets its private directory (sockets, console log, the RAM of a snapshottable VM). Keep it short: unix
    /// socket paths are limited to 107 bytes. On the snapshots' file system, taking a snapshot moves the RAM file instead of copying it.
    /// </summary>
    public string RunDirectoryRoot { get; init; } = DefaultRunDirectoryRoot;

    /// <summary>How long a VM may take from starting QEMU until its agent says hello.</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a restore may take from starting QEMU until the guest runs again.</summary>
    public TimeSpan RestoreTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long QEMU may take to save a VM's device state.</summary>
    public TimeSpan SnapshotTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Start the next restore's QEMU ahead of time: after a restore, one QEMU for that snapshot is started and left waiting
    /// for the device state, so the next restore of it skips QEMU's start-up (40–60 ms here). It costs an idle QEMU per
    /// snapshot restored recently.
    /// </summary>
    public bool RestoreStandby { get; init; }

    /// <summary>How long a standby QEMU (<see cref="RestoreStandby"/>) waits for a restore before it is stopped.</summary>
    public TimeSpan RestoreStandbyIdleLimit { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Keep console.log (and its directory) when a VM is disposed or fails to boot, for debugging.</summary>
    public bool KeepConsoleLog { get; init; }

    /// <summary>$XDG_RUNTIME_DIR/faas-vms when the session has a runtime directory, /tmp/faas-vms otherwise.</summary>
    public static string DefaultRunDirectoryRoot { get; } =
        Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime)
            ? Path.Combine(runtime, "faas-vms")
            : Path.Combine("/tmp", "faas-vms");
}
