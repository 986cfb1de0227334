using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Arch.X64;

/// <summary>
/// Turns KVM_GET_SUPPORTED_CPUID into what one vCPU of this VM reports: its APIC ID and the CPU count, the hypervisor bit, no
/// performance counters (<see cref="NoPmu"/>), and under <see cref="CpuidPolicy.EmulatedKernelMode"/> none of the
/// extensions the emulator lacks.
/// </summary>
public static class Cpuid
{
    private const uint Leaf1Features = 0x1;
    private const uint LeafExtendedFeatures = 0x7;
    private const uint LeafExtendedTopology = 0xb;
    private const uint LeafXsave = 0xd;
    private const uint LeafExtendedTopologyV2 = 0x1f;

    private const int EcxPopcnt = 23;
    private const int EcxXsave = 26;
    private const int EcxOsxsave = 27;
    private const int EcxAvx = 28;
    private const int EcxF16c = 29;
    private const int EcxFma = 12;
    private const int EcxRdrand = 30;
    private const int EcxHypervisor = 31;
    private const int EdxHtt = 28;

    /// <summary>Leaf 7 EBX: AVX2 (5), every AVX-512 bit (16, 17, 21, 26–28, 30, 31).</summary>
    private const uint Leaf7EbxAvx = (1u << 5) | (1u << 16) | (1u << 17) | (1u << 21) | (1u << 26) | (1u << 27) | (1u << 28) | (1u << 30) | (1u << 31);

    /// <summary>Leaf 7 ECX: AVX-512 VBMI and friends, VAES, VPCLMULQDQ, GFNI (1, 6, 8–12, 14).</summary>
    private const uint Leaf7EcxAvx = (1u << 1) | (1u << 6) | (1u << 8) | (1u << 9) | (1u << 10) | (1u << 11) | (1u << 12) | (1u << 14);

    /// <summary>Leaf 7 subleaf 0 EDX: AVX-512 4VNNIW/4FMAPS, VP2INTERSECT, AMX (2, 3, 8, 22, 24).</summary>
    private const uint Leaf7EdxAvx = (1u << 2) | (1u << 3) | (1u << 8) | (1u << 22) | (1u << 24);

    internal static kvm_cpuid_entry2[] Normalize(ReadOnlySpan<kvm_cpuid_entry2> supported, int cpuIndex, int cpuCount, CpuidPolicy policy)
    {
        var hideExtensions = policy == CpuidPolicy.EmulatedKernelMode;
        var result = new List<kvm_cpuid_entry2>(supported.Length);
        foreach (var original in supported)
        {
            var entry = original;
            switch (entry.function)
            {
                case Leaf1Features:
                    entry.ebx = (entry.ebx & 0x0000_ffff) | ((uint)cpuCount << 16) | ((uint)cpuIndex << 24);
                    entry.ecx |= 1u << EcxHypervisor;
                    entry.edx = cpuCount > 1 ? entry.edx | (1u << EdxHtt) : entry.edx & ~(1u << EdxHtt);
                    if (hideExtensions)
                    {
                        entry.ecx &= ~((1u << EcxPopcnt) | (1u << EcxXsave) | (1u << EcxOsxsave) | (1u << EcxAvx) | (1u << EcxF16c) | (1u << EcxFma) | (1u << EcxRdrand));
                    }

                    break;
                case LeafExtendedFeatures when hideExtensions:
                    entry.ebx &= ~Leaf7EbxAvx;
                    entry.ecx &= ~Leaf7EcxAvx;
                    entry.edx &= ~Leaf7EdxAvx;
                    entry.eax = entry.index == 0 ? entry.eax : 0;
                    break;
                case LeafXsave when hideExtensions:
                    continue;
                case LeafExtendedTopology:
                case LeafExtendedTopologyV2:
                    entry.edx = (uint)cpuIndex;
                    break;
            }

            NoPmu.HideFromCpuid(ref entry);
            result.Add(entry);
        }

        return [.. result];
    }
}
