using Faas.Vmm.Arch.X64;

namespace Faas.Vmm.Tests.Arch.X64;

public sealed class GdtTests
{
    [Fact]
    public void The_boot_code_segment_is_a_flat_64_bit_code_segment_at_boot_cs()
    {
        var entries = Gdt.Entries();
        var code = Gdt.Segment(entries[Gdt.CodeSelector / 8], Gdt.CodeSelector);

        Assert.Equal(0x00af_9b00_0000_ffffUL, entries[2]);
        Assert.Equal((0UL, 0xffff_ffffu, (ushort)0x10, (byte)0xb, (byte)1, (byte)1, (byte)0, (byte)1, (byte)0),
            (code.@base, code.limit, code.selector, code.type, code.present, code.l, code.db, code.g, code.unusable));
    }

    [Fact]
    public void The_boot_data_segment_is_flat_and_writable_at_boot_ds()
    {
        var data = Gdt.Segment(Gdt.Entries()[Gdt.DataSelector / 8], Gdt.DataSelector);
        Assert.Equal((0xffff_ffffu, (ushort)0x18, (byte)3, (byte)1, (byte)0), (data.limit, data.selector, data.type, data.db, data.l));
    }
}
