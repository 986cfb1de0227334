using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>x87 and SSE state (KVM_GET_FPU / KVM_SET_FPU).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_fpu
{
    public fixed byte fpr[128];
    public ushort fcw;
    public ushort fsw;
    public byte ftwx;
    public byte pad1;
    public ushort last_opcode;
    public ulong last_ip;
    public ulong last_dp;
    public fixed byte xmm[256];
    public uint mxcsr;
    public uint pad2;
}
