using Faas.Vmm.Arch.X64;
using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Tests.Arch.X64;

public sealed class CpuidTests
{
    private static readonly kvm_cpuid_entry2[] Supported =
    [
        new() { function = 1, ebx = 0xff02_0800, ecx = 0x7ed8_3203, edx = 0x178b_fbff },
        new() { function = 7, ebx = 0xf1bf_03ab, ecx = 0x0000_5f46, edx = 0x10 },
        new() { function = 0xa, eax = 0x0760_3002, ebx = 1, edx = 0x603 },
        new() { function = 0xb, index = 0, eax = 1, ebx = 1, ecx = 0x100, edx = 7 },
        new() { function = 0xd, index = 0, eax = 0xe7 },
        new() { function = 0x8000_0001, ecx = 0x75c2_37ff, edx = 0x2fd3_fbff },
        new() { function = 0x8000_0022, eax = 0x7, ebx = 0x0003_0106 },
    ];

    [Fact]
    public void Each_vcpu_reports_its_apic_id_the_cpu_count_and_the_hypervisor_bit()
    {
        var entries = Cpuid.Normalize(Supported, cpuIndex: 2, cpuCount: 4, CpuidPolicy.Host);

        var leaf1 = entries.Single(e => e.function == 1);
        Assert.Equal(2u, leaf1.ebx >> 24);
        Assert.Equal(4u, (leaf1.ebx >> 16) & 0xff);
        Assert.Equal(0x0800u, leaf1.ebx & 0xffff);
        Assert.NotEqual(0u, leaf1.ecx & (1u << 31));
        Assert.NotEqual(0u, leaf1.edx & (1u << 28));
        Assert.Equal(2u, entries.Single(e => e.function == 0xb).edx);
    }

    [Fact]
    public void Performance_counters_are_not_offered_and_host_features_stay_under_the_host_policy()
    {
        var entries = Cpuid.Normalize(Supported, 0, 1, CpuidPolicy.Host);

        var pmu = entries.Single(e => e.function == 0xa);
        Assert.Equal((0u, 0u, 0u, 0u), (pmu.eax, pmu.ebx, pmu.ecx, pmu.edx));
        var amdPmu = entries.Single(e => e.function == 0x8000_0022);
        Assert.Equal((0u, 0u, 0u, 0u), (amdPmu.eax, amdPmu.ebx, amdPmu.ecx, amdPmu.edx));
        var extended = entries.Single(e => e.function == 0x8000_0001);
        Assert.Equal(Supported[5].ecx & ~((1u << 23) | (1u << 24) | (1u << 28)), extended.ecx);
        Assert.Equal(Supported[5].edx, extended.edx);
        Assert.Equal(Supported[1].ebx, entries.Single(e => e.function == 7).ebx);
        Assert.Contains(entries, e => e.function == 0xd);
        Assert.Equal(0u, entries.Single(e => e.function == 1).edx & (1u << 28));
    }

    [Fact]
    public void The_emulated_kernel_mode_policy_hides_xsave_avx_and_popcnt()
    {
        var entries = Cpuid.Normalize(Supported, 0, 1, CpuidPolicy.EmulatedKernelMode);

        var leaf1 = entries.Single(e => e.function == 1);
        Assert.Equal(0u, leaf1.ecx & ((1u << 23) | (1u << 26) | (1u << 27) | (1u << 28)));
        Assert.Equal(0u, entries.Single(e => e.function == 7).ebx & (1u << 5));
        Assert.DoesNotContain(entries, e => e.function == 0xd);
    }
}
