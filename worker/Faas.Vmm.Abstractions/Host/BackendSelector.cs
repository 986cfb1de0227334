namespace Faas.Vmm.Host;

/// <summary>Picks the fastest backend that works on a host, or checks a backend the user asked for.</summary>
public static class BackendSelector
{
    public const string Qemu = "qemu";
    public const string Kvm = "kvm";
    public const string Auto = "auto";

    /// <summary>The backends this build can run.</summary>
    public static IReadOnlyList<string> Available { get; } = [Qemu, Kvm];

    /// <summary>
    /// auto: the built-in kvm backend on hardware virtualization (VMX/SVM), QEMU elsewhere (TCG when /dev/kvm is kvm_pvm or
    /// missing). kvm asked for on kvm_pvm is allowed (synthetic guests run) but the choice's reason says Linux guests cannot.
    /// </summary>
    /// <exception cref="ArgumentException">The requested backend is unknown or cannot run on this host.</exception>
    public static BackendChoice Choose(HostVirtualization host, string? requested = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = string.IsNullOrEmpty(requested) ? Auto : requested.ToLowerInvariant();
        return name switch
        {
            Auto when host.Kvm == KvmKind.Hardware => ChooseKvm(host),
            Auto or Qemu => ChooseQemu(host),
            Kvm => ChooseKvm(host),
            _ => throw new ArgumentException($"unknown backend '{requested}'; available: {string.Join(", ", Available)}"),
        };
    }

    private static BackendChoice ChooseKvm(HostVirtualization host) => host.Kvm switch
    {
        KvmKind.Hardware => new BackendChoice(Kvm, "kvm", $"the built-in KVM VMM: {host.KvmDetail}"),
        KvmKind.Pvm => new BackendChoice(
            Kvm,
            "kvm",
            $"the built-in KVM VMM on kvm_pvm runs synthetic guests only; a Linux guest cannot boot here ({host.KvmDetail}): use --backend qemu for functions"),
        _ => throw new ArgumentException($"the built-in kvm backend cannot run on this host: {host.KvmDetail}; use --backend qemu"),
    };

    private static BackendChoice ChooseQemu(HostVirtualization host) => host.Kvm switch
    {
        KvmKind.Hardware => new BackendChoice(Qemu, "kvm", $"QEMU microvm with -accel kvm: {host.KvmDetail}"),
        KvmKind.Pvm => new BackendChoice(Qemu, "tcg", $"QEMU microvm with TCG software emulation: {host.KvmDetail}"),
        _ => new BackendChoice(Qemu, "tcg", $"QEMU microvm with TCG software emulation: {host.KvmDetail}"),
    };
}
