namespace Faas.Vmm.Backend;

/// <summary>How the built-in KVM backend runs its VMs.</summary>
public sealed record KvmBackendOptions
{
    /// <summary>Where each VM gets its private directory (the serial console log).</summary>
    public string RunDirectoryRoot { get; init; } =
        Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime)
            ? Path.Combine(runtime, "faas-kvm")
            : Path.Combine("/tmp", "faas-kvm");

    /// <summary>How long a VM may take from the start of its build until its agent says hello.</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>VM shells (VM, irqchip, memory slot, vCPUs) kept ready per VM shape, so a restore only maps memory and sets state.</summary>
    public int ShellPoolSize { get; init; } = 2;

    /// <summary>Keep console.log (and its directory) when a VM is disposed or fails to boot, for debugging.</summary>
    public bool KeepConsoleLog { get; init; }

    /// <summary>
    /// Boot Linux guests where /dev/kvm emulates guest kernel mode (kvm_pvm). The kernel prints its first lines and stops at
    /// the first instruction KVM cannot emulate; only for looking at that.
    /// </summary>
    public bool AllowEmulatedKernelMode { get; init; }
}
