using System.Runtime.InteropServices;
using Faas.Vmm.Kvm.Interop;
using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Kvm;

/// <summary>A vCPU file descriptor and the kvm_run page it shares with KVM.</summary>
internal sealed unsafe class KvmVcpuFd : IDisposable
{
    private readonly FileDescriptor _fd;
    private readonly int _mmapSize;
    private kvm_run* _run;

    private KvmVcpuFd(FileDescriptor fd, int id, kvm_run* run, int mmapSize)
    {
        _fd = fd;
        Id = id;
        _run = run;
        _mmapSize = mmapSize;
    }

    public int Id { get; }

    public int Fd => _fd.Value;

    /// <summary>The shared kvm_run page; valid until dispose.</summary>
    public kvm_run* Run => _run;

    /// <summary>The shared page as bytes (port I/O data is at io.data_offset inside it).</summary>
    public Span<byte> RunPage => new(_run, _mmapSize);

    internal static KvmVcpuFd Map(FileDescriptor fd, int id, int mmapSize)
    {
        var run = LibC.mmap(null, (nuint)mmapSize, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd.Value, 0);
        if ((nint)run == LibC.MAP_FAILED)
        {
            var errno = Marshal.GetLastPInvokeError();
            fd.Dispose();
            throw new KvmException("mmap of the vCPU's kvm_run", errno);
        }

        return new KvmVcpuFd(fd, id, (kvm_run*)run, mmapSize);
    }

    /// <summary>KVM_RUN: 0 when the guest exited (see <see cref="Run"/>), otherwise -errno (EINTR when kicked by a signal).</summary>
    public int RunOnce()
    {
        var result = LibC.ioctl(Fd, Ioctls.KVM_RUN, 0);
        return result >= 0 ? 0 : -Marshal.GetLastPInvokeError();
    }

    public kvm_regs GetRegs() => Get<kvm_regs>(Ioctls.KVM_GET_REGS, "KVM_GET_REGS");

    public void SetRegs(in kvm_regs value) => Set(Ioctls.KVM_SET_REGS, value, "KVM_SET_REGS");

    public kvm_sregs GetSregs() => Get<kvm_sregs>(Ioctls.KVM_GET_SREGS, "KVM_GET_SREGS");

    public void SetSregs(in kvm_sregs value) => Set(Ioctls.KVM_SET_SREGS, value, "KVM_SET_SREGS");

    public kvm_fpu GetFpu() => Get<kvm_fpu>(Ioctls.KVM_GET_FPU, "KVM_GET_FPU");

    public void SetFpu(in kvm_fpu value) => Set(Ioctls.KVM_SET_FPU, value, "KVM_SET_FPU");

    public kvm_lapic_state GetLapic() => Get<kvm_lapic_state>(Ioctls.KVM_GET_LAPIC, "KVM_GET_LAPIC");

    public void SetLapic(in kvm_lapic_state value) => Set(Ioctls.KVM_SET_LAPIC, value, "KVM_SET_LAPIC");

    public kvm_xcrs GetXcrs() => Get<kvm_xcrs>(Ioctls.KVM_GET_XCRS, "KVM_GET_XCRS");

    public void SetXcrs(in kvm_xcrs value) => Set(Ioctls.KVM_SET_XCRS, value, "KVM_SET_XCRS");

    public kvm_vcpu_events GetVcpuEvents() => Get<kvm_vcpu_events>(Ioctls.KVM_GET_VCPU_EVENTS, "KVM_GET_VCPU_EVENTS");

    public void SetVcpuEvents(in kvm_vcpu_events value) => Set(Ioctls.KVM_SET_VCPU_EVENTS, value, "KVM_SET_VCPU_EVENTS");

    public kvm_mp_state GetMpState() => Get<kvm_mp_state>(Ioctls.KVM_GET_MP_STATE, "KVM_GET_MP_STATE");

    public void SetMpState(in kvm_mp_state value) => Set(Ioctls.KVM_SET_MP_STATE, value, "KVM_SET_MP_STATE");

    public kvm_debugregs GetDebugRegs() => Get<kvm_debugregs>(Ioctls.KVM_GET_DEBUGREGS, "KVM_GET_DEBUGREGS");

    public void SetDebugRegs(in kvm_debugregs value) => Set(Ioctls.KVM_SET_DEBUGREGS, value, "KVM_SET_DEBUGREGS");

    /// <summary>KVM_GET_XSAVE into a buffer of <paramref name="size"/> bytes (KVM_GET_XSAVE2 when larger than struct kvm_xsave).</summary>
    public byte[] GetXsave(int size)
    {
        var buffer = new byte[Math.Max(size, sizeof(kvm_xsave))];
        fixed (byte* pointer = buffer)
        {
            var request = buffer.Length > sizeof(kvm_xsave) ? Ioctls.KVM_GET_XSAVE2 : Ioctls.KVM_GET_XSAVE;
            KvmException.ThrowIfFailed(LibC.ioctl(Fd, request, pointer), "KVM_GET_XSAVE");
        }

        return buffer;
    }

    public void SetXsave(byte[] area)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (area.Length < sizeof(kvm_xsave))
        {
            throw new ArgumentException($"an XSAVE area is at least {sizeof(kvm_xsave)} bytes", nameof(area));
        }

        fixed (byte* pointer = area)
        {
            KvmException.ThrowIfFailed(LibC.ioctl(Fd, Ioctls.KVM_SET_XSAVE, pointer), "KVM_SET_XSAVE");
        }
    }

    public void SetCpuid(ReadOnlySpan<kvm_cpuid_entry2> entries)
    {
        var buffer = new byte[sizeof(kvm_cpuid2) + (entries.Length * sizeof(kvm_cpuid_entry2))];
        fixed (byte* pointer = buffer)
        {
            ((kvm_cpuid2*)pointer)->nent = (uint)entries.Length;
            entries.CopyTo(new Span<kvm_cpuid_entry2>(pointer + sizeof(kvm_cpuid2), entries.Length));
            KvmException.ThrowIfFailed(LibC.ioctl(Fd, Ioctls.KVM_SET_CPUID2, pointer), "KVM_SET_CPUID2");
        }
    }

    /// <summary>KVM_GET_MSRS for <paramref name="entries"/>' indices; returns how many were read (KVM stops at the first it cannot read).</summary>
    public int GetMsrs(Span<kvm_msr_entry> entries) => MsrIoctl(Ioctls.KVM_GET_MSRS, entries, "KVM_GET_MSRS", copyBack: true);

    /// <summary>KVM_SET_MSRS; returns how many were written (KVM stops at the first it refuses).</summary>
    public int SetMsrs(ReadOnlySpan<kvm_msr_entry> entries)
    {
        var copy = entries.ToArray();
        return MsrIoctl(Ioctls.KVM_SET_MSRS, copy, "KVM_SET_MSRS", copyBack: false);
    }

    /// <summary>KVM_GET_TSC_KHZ; 0 when the host cannot tell.</summary>
    public uint GetTscKhz()
    {
        var result = LibC.ioctl(Fd, Ioctls.KVM_GET_TSC_KHZ, 0);
        return result > 0 ? (uint)result : 0;
    }

    /// <summary>KVM_KVMCLOCK_CTRL: tells the guest's kvmclock it was paused (no soft-lockup warning after a restore); false when unsupported.</summary>
    public bool NotifyClockPaused() => LibC.ioctl(Fd, Ioctls.KVM_KVMCLOCK_CTRL, 0) == 0;

    public void Dispose()
    {
        var run = _run;
        _run = null;
        if (run is not null)
        {
            _ = LibC.munmap(run, (nuint)_mmapSize);
        }

        _fd.Dispose();
    }

    private T Get<T>(uint request, string name)
        where T : unmanaged
    {
        T value;
        KvmException.ThrowIfFailed(LibC.ioctl(Fd, request, &value), name);
        return value;
    }

    private void Set<T>(uint request, in T value, string name)
        where T : unmanaged
    {
        fixed (T* pointer = &value)
        {
            KvmException.ThrowIfFailed(LibC.ioctl(Fd, request, pointer), name);
        }
    }

    private int MsrIoctl(uint request, Span<kvm_msr_entry> entries, string name, bool copyBack)
    {
        var buffer = new byte[sizeof(kvm_msrs) + (entries.Length * sizeof(kvm_msr_entry))];
        fixed (byte* pointer = buffer)
        {
            ((kvm_msrs*)pointer)->nmsrs = (uint)entries.Length;
            var inBuffer = new Span<kvm_msr_entry>(pointer + sizeof(kvm_msrs), entries.Length);
            entries.CopyTo(inBuffer);
            var count = KvmException.ThrowIfFailed(LibC.ioctl(Fd, request, pointer), name);
            if (copyBack)
            {
                inBuffer.CopyTo(entries);
            }

            return count;
        }
    }
}
