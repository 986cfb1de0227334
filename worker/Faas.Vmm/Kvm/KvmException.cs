using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm;

/// <summary>A KVM or memory system call failed; says which, on what, and the error number.</summary>
public sealed class KvmException : Exception
{
    public KvmException()
    {
    }

    public KvmException(string message)
        : base(message)
    {
    }

    public KvmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KvmException(string operation, int errno)
        : base($"{operation} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
    {
        Operation = operation;
        Errno = errno;
    }

    /// <summary>The call that failed, e.g. "KVM_CREATE_VM".</summary>
    public string? Operation { get; }

    /// <summary>The error number it returned.</summary>
    public int Errno { get; }

    /// <summary>Throws for the last P/Invoke error when <paramref name="result"/> is negative.</summary>
    internal static int ThrowIfFailed(int result, string operation) =>
        result >= 0 ? result : throw new KvmException(operation, Marshal.GetLastPInvokeError());
}
