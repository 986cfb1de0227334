using Faas.Tests.Shared;
using Faas.Vmm.Arch.X64;
using Faas.Vmm.Tests.Support;

namespace Faas.Vmm.Tests.Arch.X64;

public sealed class GuestCpuidTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string ReportLeaf1 = """
            mov $1, %eax
            cpuid
            mov $0x10, %dx
            mov %ecx, %eax
            out %eax, %dx
            mov %ebx, %eax
            out %eax, %dx
            mov $7, %eax
            xor %ecx, %ecx
            cpuid
            mov %ebx, %eax
            mov $0x10, %dx
            out %eax, %dx
        done:
            hlt
            jmp done
        """;

    [Fact]
    public async Task The_guest_sees_the_hypervisor_bit_and_its_topology()
    {
        var kvm = HostKvm.Require();
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, ReportLeaf1);
        var reports = SyntheticGuests.RecordReports(machine);
        machine.Start();

        var ecx = (await reports.NextAsync(Timeout)).Value;
        var ebx = (await reports.NextAsync(Timeout)).Value;

        Assert.NotEqual(0UL, ecx & (1UL << 31));
        Assert.Equal(0UL, ebx >> 24);
        Assert.Equal(1UL, (ebx >> 16) & 0xff);
    }

    [Fact]
    public async Task The_emulated_kernel_mode_policy_hides_xsave_avx_and_popcnt_from_the_guest()
    {
        var kvm = HostKvm.Require();
        if (!HostKvm.IsHardware)
        {
            // Measured: kvm_pvm answers leaf 7 from the host and ORs the host's leaf-1 ECX features into what KVM_SET_CPUID2 set.
            HardwareVirtualizationSkip.Because($"this KVM does not let the VMM hide CPUID features: {HostKvm.Virtualization.KvmDetail}");
        }

        var config = SyntheticGuests.SmallMachine() with { CpuidPolicy = CpuidPolicy.EmulatedKernelMode };
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, ReportLeaf1, config);
        var reports = SyntheticGuests.RecordReports(machine);
        machine.Start();

        var ecx = (await reports.NextAsync(Timeout)).Value;
        await reports.NextAsync(Timeout);
        var leaf7Ebx = (await reports.NextAsync(Timeout)).Value;

        Assert.Equal(0UL, ecx & ((1UL << 23) | (1UL << 26) | (1UL << 28)));
        Assert.Equal(0UL, leaf7Ebx & (1UL << 5));
    }
}
