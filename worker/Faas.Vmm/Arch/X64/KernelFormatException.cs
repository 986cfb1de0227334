namespace Faas.Vmm.Arch.X64;

/// <summary>The kernel image is neither a 64-bit x86 ELF (vmlinux) nor a bzImage this VMM can boot, or does not fit the guest.</summary>
public sealed class KernelFormatException : Exception
{
    public KernelFormatException()
    {
    }

    public KernelFormatException(string message)
        : base(message)
    {
    }

    public KernelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
