using System.Runtime.InteropServices;
using Faas.Vmm.Kvm.Interop;

namespace Faas.Vmm.Vstate;

/// <summary>
/// Interrupts a thread blocked in KVM_RUN: a real-time signal with a handler installed makes KVM_RUN return EINTR. The runtime's
/// signal handling installs the handler (and the registration cancels the signal's default action, which would end the process).
/// </summary>
internal static class VcpuKick
{
    /// <summary>SIGRTMIN + 6: glibc keeps SIGRTMIN-2…SIGRTMIN-1 (32, 33) and the .NET runtime uses SIGRTMIN (34).</summary>
    public const int Signal = 40;

    private static readonly Lazy<PosixSignalRegistration> Registration = new(
        () => PosixSignalRegistration.Create((PosixSignal)Signal, context => context.Cancel = true),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Installs the handler; call before the first KVM_RUN so a kick never meets the default action.</summary>
    public static void EnsureInstalled() => _ = Registration.Value;

    /// <summary>Sends the signal to <paramref name="thread"/> (a pthread_t); false when it no longer exists.</summary>
    public static bool Send(nuint thread) => LibC.pthread_kill(thread, Signal) == 0;
}
