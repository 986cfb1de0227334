namespace Faas.Vmm.Host;

/// <summary>Which backend and accelerator a host will use, and why.</summary>
/// <param name="Backend">kvm or qemu.</param>
/// <param name="Accelerator">For qemu: kvm or tcg. For the built-in kvm backend: kvm.</param>
/// <param name="Reason">One sentence a user can act on.</param>
public sealed record BackendChoice(string Backend, string Accelerator, string Reason);
