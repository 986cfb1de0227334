using System.Runtime.InteropServices;
using Faas.Vmm.Devices;
using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Interop;

namespace Faas.Vmm.Vstate;

/// <summary>A GSI of the in-kernel irqchip raised through an eventfd bound with KVM_IRQFD: a trigger is one 8-byte write, from any thread.</summary>
internal sealed unsafe class IrqfdLine : IInterruptLine, IDisposable
{
    private readonly FileDescriptor _eventFd;

    private IrqfdLine(FileDescriptor eventFd, uint gsi)
    {
        _eventFd = eventFd;
        Gsi = gsi;
    }

    public uint Gsi { get; }

    public static IrqfdLine Register(KvmVmFd vm, uint gsi)
    {
        var fd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (fd < 0)
        {
            throw new KvmException("eventfd", Marshal.GetLastPInvokeError());
        }

        var eventFd = new FileDescriptor(fd);
        try
        {
            vm.RegisterIrqfd(fd, gsi);
            return new IrqfdLine(eventFd, gsi);
        }
        catch
        {
            eventFd.Dispose();
            throw;
        }
    }

    public void Trigger()
    {
        ulong one = 1;
        var fd = _eventFd.Value;
        if (fd >= 0)
        {
            // EAGAIN (the counter is full) means an interrupt is pending already; nothing else can fail on an eventfd.
            _ = LibC.write(fd, &one, sizeof(ulong));
        }
    }

    public void Dispose() => _eventFd.Dispose();
}
