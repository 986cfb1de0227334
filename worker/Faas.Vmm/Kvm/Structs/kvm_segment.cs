using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>A segment register with its hidden part (base, limit, attributes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_segment
{
    public ulong @base;
    public uint limit;
    public ushort selector;
    public byte type;
    public byte present, dpl, db, s, l, g, avl;
    public byte unusable;
    public byte padding;
}
