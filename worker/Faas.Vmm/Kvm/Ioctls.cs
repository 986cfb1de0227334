namespace Faas.Vmm.Kvm;

/// <summary>
/// The KVM ioctl request numbers of &lt;linux/kvm.h&gt;: _IOC(direction, KVMIO, nr, size of the argument). The tests compile a C
/// program against the header and compare every one.
/// </summary>
internal static class Ioctls
{
    // On the /dev/kvm file descriptor.
    public const uint KVM_GET_API_VERSION = 0xae00;
    public const uint KVM_CREATE_VM = 0xae01;
    public const uint KVM_GET_MSR_INDEX_LIST = 0xc004ae02;
    public const uint KVM_CHECK_EXTENSION = 0xae03;
    public const uint KVM_GET_VCPU_MMAP_SIZE = 0xae04;
    public const uint KVM_GET_SUPPORTED_CPUID = 0xc008ae05;

    // On a VM file descriptor.
    public const uint KVM_CREATE_VCPU = 0xae41;
    public const uint KVM_SET_USER_MEMORY_REGION = 0x4020ae46;
    public const uint KVM_SET_TSS_ADDR = 0xae47;
    public const uint KVM_SET_IDENTITY_MAP_ADDR = 0x4008ae48;
    public const uint KVM_CREATE_IRQCHIP = 0xae60;
    public const uint KVM_IRQ_LINE = 0x4008ae61;
    public const uint KVM_GET_IRQCHIP = 0xc208ae62;
    public const uint KVM_SET_IRQCHIP = 0x8208ae63;
    public const uint KVM_IRQFD = 0x4020ae76;
    public const uint KVM_CREATE_PIT2 = 0x4040ae77;
    public const uint KVM_SET_CLOCK = 0x4030ae7b;
    public const uint KVM_GET_CLOCK = 0x8030ae7c;
    public const uint KVM_GET_PIT2 = 0x8070ae9f;
    public const uint KVM_SET_PIT2 = 0x4070aea0;
    public const uint KVM_X86_SET_MSR_FILTER = 0x4188aec6;

    // On a vCPU file descriptor.
    public const uint KVM_RUN = 0xae80;
    public const uint KVM_GET_REGS = 0x8090ae81;
    public const uint KVM_SET_REGS = 0x4090ae82;
    public const uint KVM_GET_SREGS = 0x8138ae83;
    public const uint KVM_SET_SREGS = 0x4138ae84;
    public const uint KVM_GET_MSRS = 0xc008ae88;
    public const uint KVM_SET_MSRS = 0x4008ae89;
    public const uint KVM_GET_FPU = 0x81a0ae8c;
    public const uint KVM_SET_FPU = 0x41a0ae8d;
    public const uint KVM_GET_LAPIC = 0x8400ae8e;
    public const uint KVM_SET_LAPIC = 0x4400ae8f;
    public const uint KVM_SET_CPUID2 = 0x4008ae90;
    public const uint KVM_GET_CPUID2 = 0xc008ae91;
    public const uint KVM_GET_MP_STATE = 0x8004ae98;
    public const uint KVM_SET_MP_STATE = 0x4004ae99;
    public const uint KVM_GET_VCPU_EVENTS = 0x8040ae9f;
    public const uint KVM_SET_VCPU_EVENTS = 0x4040aea0;
    public const uint KVM_GET_DEBUGREGS = 0x8080aea1;
    public const uint KVM_SET_DEBUGREGS = 0x4080aea2;
    public const uint KVM_SET_TSC_KHZ = 0xaea2;
    public const uint KVM_GET_TSC_KHZ = 0xaea3;
    public const uint KVM_GET_XSAVE = 0x9000aea4;
    public const uint KVM_SET_XSAVE = 0x5000aea5;
    public const uint KVM_GET_XCRS = 0x8188aea6;
    public const uint KVM_SET_XCRS = 0x4188aea7;
    public const uint KVM_KVMCLOCK_CTRL = 0xaead;
    public const uint KVM_GET_XSAVE2 = 0x9000aecf;
}
