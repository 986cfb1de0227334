using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Arch.X64;

/// <summary>
/// The boot GDT the Linux 64-bit boot protocol asks for: flat segments with __BOOT_CS = 0x10 and __BOOT_DS = 0x18, plus a TSS
/// at 0x20 (KVM wants a usable TR).
/// </summary>
internal static class Gdt
{
    public const ushort CodeSelector = 0x10;
    public const ushort DataSelector = 0x18;
    public const ushort TssSelector = 0x20;

    /// <summary>P, DPL 0, S, execute/read accessed; G and L (64-bit).</summary>
    private const ushort CodeFlags = 0xa09b;

    /// <summary>P, DPL 0, S, read/write accessed; G and D/B (32-bit).</summary>
    private const ushort DataFlags = 0xc093;

    /// <summary>P, busy 64-bit TSS; G.</summary>
    private const ushort TssFlags = 0x808b;

    /// <summary>The table: null, null, code, data, TSS (16 bytes in long mode: the upper half is zero).</summary>
    public static ulong[] Entries() =>
    [
        0,
        0,
        Entry(CodeFlags, 0, 0xfffff),
        Entry(DataFlags, 0, 0xfffff),
        Entry(TssFlags, 0, 0xfffff),
        0,
    ];

    /// <summary>A descriptor: flags in bits 8–15 and 20–23 of the high dword as in the Intel SDM, base and limit split up.</summary>
    public static ulong Entry(ushort flags, uint baseAddress, uint limit) =>
        ((ulong)(baseAddress & 0xff00_0000) << 32)
        | ((ulong)(flags & 0xf0ff) << 40)
        | ((ulong)(limit & 0x000f_0000) << 32)
        | ((ulong)(baseAddress & 0x00ff_ffff) << 16)
        | (limit & 0x0000_ffff);

    /// <summary>The segment register KVM should load for descriptor <paramref name="entry"/> at <paramref name="selector"/>.</summary>
    public static kvm_segment Segment(ulong entry, ushort selector) => new()
    {
        @base = ((entry >> 16) & 0x00ff_ffff) | ((entry >> 32) & 0xff00_0000),
        limit = ExpandLimit(entry),
        selector = selector,
        type = (byte)((entry >> 40) & 0xf),
        s = (byte)((entry >> 44) & 1),
        dpl = (byte)((entry >> 45) & 3),
        present = (byte)((entry >> 47) & 1),
        avl = (byte)((entry >> 52) & 1),
        l = (byte)((entry >> 53) & 1),
        db = (byte)((entry >> 54) & 1),
        g = (byte)((entry >> 55) & 1),
        unusable = (byte)(((entry >> 47) & 1) == 0 ? 1 : 0),
    };

    /// <summary>KVM takes the limit in bytes: with G set, the 20-bit limit counts 4 KiB pages.</summary>
    private static uint ExpandLimit(ulong entry)
    {
        var limit = (uint)((entry & 0xffff) | ((entry >> 32) & 0xf_0000));
        return ((entry >> 55) & 1) != 0 ? (limit << 12) | 0xfff : limit;
    }
}
