using Faas.Vmm.Arch.X64;
using Faas.Vmm.Devices;
using Faas.Vmm.Kvm;

namespace Faas.Vmm.Vstate;

/// <summary>
/// A KVM VM: its memory slot, the in-kernel irqchip (PIC, IOAPIC, LAPICs) and PIT where the host has them, and device
/// interrupts as irqfds. Created without memory so a pool can make them ahead of time.
/// </summary>
public sealed class Vm : IDisposable
{
    /// <summary>Three pages KVM needs below 4 GiB on Intel (the real-mode TSS), outside guest RAM and the MMIO gap's devices.</summary>
    public const uint TssAddress = 0xfffb_d000;

    /// <summary>The page KVM uses for its EPT identity map on Intel, just below the TSS.</summary>
    public const ulong IdentityMapAddress = 0xfffb_c000;

    private readonly List<IDisposable> _interruptLines = [];
    private GuestMemory? _memory;

    private Vm(KvmVmFd fd, bool hasIrqchip, bool hasPit)
    {
        Fd = fd;
        HasIrqchip = hasIrqchip;
        HasPit = hasPit;
    }

    /// <summary>True when KVM emulates the PIC, IOAPIC and LAPICs (devices then raise interrupts through irqfds).</summary>
    public bool HasIrqchip { get; }

    /// <summary>True when KVM emulates the i8254 PIT.</summary>
    public bool HasPit { get; }

    public GuestMemory? Memory => _memory;

    internal KvmVmFd Fd { get; }

    /// <summary>
    /// KVM_CREATE_VM, then the TSS and identity-map pages, the PMU MSRs denied where KVM filters MSRs (<see cref="NoPmu"/>), the
    /// memory slot when <paramref name="memory"/> is given, and the irqchip and PIT when asked for and the host has them (a memory
    /// slot added before the irqchip costs less).
    /// </summary>
    /// <param name="kvm">/dev/kvm.</param>
    /// <param name="memory">The guest's RAM, or null to add it later with <see cref="SetMemory"/>.</param>
    /// <param name="irqchip">Create the in-kernel irqchip and PIT (a Linux guest needs them; a synthetic guest may do without).</param>
    /// <exception cref="KvmException">KVM refused one of the steps.</exception>
    public static Vm Create(KvmSystem kvm, GuestMemory? memory = null, bool irqchip = true)
    {
        ArgumentNullException.ThrowIfNull(kvm);
        var fd = kvm.CreateVm();
        try
        {
            if (fd.CheckExtension(Caps.KVM_CAP_SET_TSS_ADDR) > 0)
            {
                fd.SetTssAddress(TssAddress);
            }

            if (fd.CheckExtension(Caps.KVM_CAP_SET_IDENTITY_MAP_ADDR) > 0)
            {
                fd.SetIdentityMapAddress(IdentityMapAddress);
            }

            NoPmu.DenyMsrs(fd);

            if (memory is not null)
            {
                fd.SetUserMemoryRegion(0, 0, memory.Size, memory.HostAddress);
            }

            var hasIrqchip = irqchip && fd.CheckExtension(Caps.KVM_CAP_IRQCHIP) > 0;
            if (hasIrqchip)
            {
                fd.CreateIrqchip();
            }

            var hasPit = hasIrqchip && fd.CheckExtension(Caps.KVM_CAP_PIT2) > 0;
            if (hasPit)
            {
                fd.CreatePit2(KvmConstants.KVM_PIT_SPEAKER_DUMMY);
            }

            return new Vm(fd, hasIrqchip, hasPit) { _memory = memory };
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>Makes <paramref name="memory"/> the guest's RAM from guest physical address 0 (memory slot 0). The VM does not own it.</summary>
    public void SetMemory(GuestMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (_memory is not null)
        {
            throw new InvalidOperationException("the VM has its memory already");
        }

        Fd.SetUserMemoryRegion(0, 0, memory.Size, memory.HostAddress);
        _memory = memory;
    }

    /// <summary>Creates vCPU <paramref name="index"/> (after the irqchip, before the guest runs) with its thread.</summary>
    public Vcpu CreateVcpu(int index) => new(Fd.CreateVcpu(index));

    /// <summary>An interrupt line on <paramref name="gsi"/>: an irqfd when the VM has an irqchip, otherwise a no-op line.</summary>
    public IInterruptLine CreateInterruptLine(uint gsi)
    {
        if (!HasIrqchip)
        {
            return NoInterruptLine.Instance;
        }

        var line = IrqfdLine.Register(Fd, gsi);
        _interruptLines.Add(line);
        return line;
    }

    public void Dispose()
    {
        foreach (var line in _interruptLines)
        {
            line.Dispose();
        }

        Fd.Dispose();
    }
}
