namespace Faas.Vmm.Qemu;

/// <summary>How the QEMU backend starts its VMs.</summary>
public sealed record QemuOptions
{
    /// <summary>The QEMU binary, a path or a name looked up in PATH.</summary>
    public string BinaryPath { get; init; } = "qemu-system-x86_64";

    public QemuAccelerator Accelerator { get; init; } = QemuAccelerator.Tcg;

    /// <summary>Where each VM gets its private directory (sockets, console log). Keep it short: unix socket paths are limited to 107 bytes.</summary>
    public string RunDirectoryRoot { get; init; } = DefaultRunDirectoryRoot;

    /// <summary>How long a VM may take from starting QEMU until its agent says hello.</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Keep console.log (and its directory) when a VM is disposed or fails to boot, for debugging.</summary>
    public bool KeepConsoleLog { get; init; }

    /// <summary>$XDG_RUNTIME_DIR/faas-vms when the session has a runtime directory, /tmp/faas-vms otherwise.</summary>
    public static string DefaultRunDirectoryRoot { get; } =
        Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime)
            ? Path.Combine(runtime, "faas-vms")
            : Path.Combine("/tmp", "faas-vms");
}
