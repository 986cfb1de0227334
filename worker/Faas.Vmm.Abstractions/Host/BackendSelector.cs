namespace Faas.Vmm.Host;

/// <summary>Picks the fastest backend that works on a host, or checks a backend the user asked for.</summary>
public static class BackendSelector
{
    public const string Qemu = "qemu";
    public const string Kvm = "kvm";
    public const string Auto = "auto";

    /// <summary>The backends this build can run.</summary>
    public static IReadOnlyList<string> Available { get; } = [Qemu];

    /// <exception cref="ArgumentException">The requested backend is unknown or cannot run on this host.</exception>
    public static BackendChoice Choose(HostVirtualization host, string? requested = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = string.IsNullOrEmpty(requested) ? Auto : requested.ToLowerInvariant();
        return name switch
        {
            Auto or Qemu => ChooseQemu(host),
            Kvm => throw new ArgumentException($"the built-in kvm backend is not part of this build; available: {string.Join(", ", Available)}"),
            _ => throw new ArgumentException($"unknown backend '{requested}'; available: {string.Join(", ", Available)}"),
        };
    }

    private static BackendChoice ChooseQemu(HostVirtualization host) => host.Kvm switch
    {
        KvmKind.Hardware => new BackendChoice(Qemu, "kvm", $"QEMU microvm with -accel kvm: {host.KvmDetail}"),
        KvmKind.Pvm => new BackendChoice(Qemu, "tcg", $"QEMU microvm with TCG software emulation: {host.KvmDetail}"),
        _ => new BackendChoice(Qemu, "tcg", $"QEMU microvm with TCG software emulation: {host.KvmDetail}"),
    };
}
