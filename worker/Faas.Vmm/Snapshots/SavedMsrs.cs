using Faas.Vmm.Arch.X64;
using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Structs;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Snapshots;

/// <summary>Which MSRs to save: those of KVM_GET_MSR_INDEX_LIST this host lets a vCPU read, TSC before the TSC deadline.</summary>
internal static class SavedMsrs
{
    private static uint[]? _readable;

    public static kvm_msr_entry[] Read(Vcpu vcpu, KvmSystem kvm)
    {
        var indices = _readable ??= Probe(vcpu, kvm);
        var entries = indices.Select(index => new kvm_msr_entry { index = index }).ToArray();
        var read = vcpu.Fd.GetMsrs(entries);
        if (read != entries.Length)
        {
            throw new KvmException($"KVM_GET_MSRS could not read MSR 0x{entries[read].index:x}");
        }

        return entries;
    }

    /// <summary>KVM_GET_MSRS stops at the first MSR it cannot read: drop that one and try again.</summary>
    private static uint[] Probe(Vcpu vcpu, KvmSystem kvm)
    {
        var candidates = kvm.GetMsrIndexList()
            .OrderBy(index => index == Msrs.MSR_IA32_TSC_DEADLINE ? 1 : 0)
            .ToList();
        while (true)
        {
            var entries = candidates.Select(index => new kvm_msr_entry { index = index }).ToArray();
            var read = vcpu.Fd.GetMsrs(entries);
            if (read == entries.Length)
            {
                return [.. candidates];
            }

            candidates.RemoveAt(read);
        }
    }
}
