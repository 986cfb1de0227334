using Faas.Vmm.Kvm.Interop;
using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Kvm;

/// <summary>A VM file descriptor: memory slots, the in-kernel irqchip and PIT, interrupts, the clock, and its vCPUs.</summary>
internal sealed unsafe class KvmVmFd : IDisposable
{
    private readonly FileDescriptor _fd;

    internal KvmVmFd(FileDescriptor fd, KvmSystem kvm)
    {
        _fd = fd;
        Kvm = kvm;
    }

    public KvmSystem Kvm { get; }

    public int Fd => _fd.Value;

    public void SetUserMemoryRegion(uint slot, ulong guestPhysicalAddress, ulong size, nint hostAddress)
    {
        var region = new kvm_userspace_memory_region
        {
            slot = slot,
            guest_phys_addr = guestPhysicalAddress,
            memory_size = size,
            userspace_addr = (ulong)hostAddress,
        };
        Ioctl(Ioctls.KVM_SET_USER_MEMORY_REGION, &region, "KVM_SET_USER_MEMORY_REGION");
    }

    public void SetTssAddress(uint address) =>
        KvmException.ThrowIfFailed(LibC.ioctl(Fd, Ioctls.KVM_SET_TSS_ADDR, address), "KVM_SET_TSS_ADDR");

    public void SetIdentityMapAddress(ulong address) => Ioctl(Ioctls.KVM_SET_IDENTITY_MAP_ADDR, &address, "KVM_SET_IDENTITY_MAP_ADDR");

    public void CreateIrqchip() => KvmException.ThrowIfFailed(LibC.ioctl(Fd, Ioctls.KVM_CREATE_IRQCHIP, 0), "KVM_CREATE_IRQCHIP");

    public void CreatePit2(uint flags)
    {
        var config = new kvm_pit_config { flags = flags };
        Ioctl(Ioctls.KVM_CREATE_PIT2, &config, "KVM_CREATE_PIT2");
    }

    /// <summary>KVM_IRQFD: every write to <paramref name="eventFd"/> raises <paramref name="gsi"/> (an edge: the line goes up and down).</summary>
    public void RegisterIrqfd(int eventFd, uint gsi)
    {
        var irqfd = new kvm_irqfd { fd = (uint)eventFd, gsi = gsi };
        Ioctl(Ioctls.KVM_IRQFD, &irqfd, "KVM_IRQFD");
    }

    public void SetIrqLine(uint irq, bool level)
    {
        var line = new kvm_irq_level { irq = irq, level = level ? 1u : 0u };
        Ioctl(Ioctls.KVM_IRQ_LINE, &line, "KVM_IRQ_LINE");
    }

    public kvm_irqchip GetIrqchip(uint chipId)
    {
        var chip = new kvm_irqchip { chip_id = chipId };
        Ioctl(Ioctls.KVM_GET_IRQCHIP, &chip, "KVM_GET_IRQCHIP");
        return chip;
    }

    public void SetIrqchip(in kvm_irqchip chip)
    {
        fixed (kvm_irqchip* pointer = &chip)
        {
            Ioctl(Ioctls.KVM_SET_IRQCHIP, pointer, "KVM_SET_IRQCHIP");
        }
    }

    public kvm_pit_state2 GetPit2()
    {
        kvm_pit_state2 state;
        Ioctl(Ioctls.KVM_GET_PIT2, &state, "KVM_GET_PIT2");
        return state;
    }

    public void SetPit2(in kvm_pit_state2 state)
    {
        fixed (kvm_pit_state2* pointer = &state)
        {
            Ioctl(Ioctls.KVM_SET_PIT2, pointer, "KVM_SET_PIT2");
        }
    }

    public kvm_clock_data GetClock()
    {
        kvm_clock_data clock;
        Ioctl(Ioctls.KVM_GET_CLOCK, &clock, "KVM_GET_CLOCK");
        return clock;
    }

    public void SetClock(in kvm_clock_data clock)
    {
        fixed (kvm_clock_data* pointer = &clock)
        {
            Ioctl(Ioctls.KVM_SET_CLOCK, pointer, "KVM_SET_CLOCK");
        }
    }

    /// <summary>
    /// KVM_X86_SET_MSR_FILTER: from now on KVM answers the guest's MSR accesses the filter denies with a #GP; the VMM's own
    /// (KVM_GET_MSRS / KVM_SET_MSRS, snapshots) are not filtered.
    /// </summary>
    public void SetMsrFilter(in kvm_msr_filter filter)
    {
        fixed (kvm_msr_filter* pointer = &filter)
        {
            Ioctl(Ioctls.KVM_X86_SET_MSR_FILTER, pointer, "KVM_X86_SET_MSR_FILTER");
        }
    }

    /// <summary>KVM_CHECK_EXTENSION on this VM (some capabilities depend on the VM).</summary>
    public int CheckExtension(int capability)
    {
        var result = LibC.ioctl(Fd, Ioctls.KVM_CHECK_EXTENSION, (nuint)capability);
        return result < 0 ? 0 : result;
    }

    public KvmVcpuFd CreateVcpu(int id)
    {
        var fd = KvmException.ThrowIfFailed(LibC.ioctl(Fd, Ioctls.KVM_CREATE_VCPU, (nuint)id), "KVM_CREATE_VCPU");
        return KvmVcpuFd.Map(new FileDescriptor(fd), id, Kvm.VcpuMmapSize);
    }

    public void Dispose() => _fd.Dispose();

    private void Ioctl(uint request, void* argument, string name) =>
        KvmException.ThrowIfFailed(LibC.ioctl(Fd, request, argument), name);
}
