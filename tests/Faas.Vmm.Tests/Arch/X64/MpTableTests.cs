using System.Text;
using Faas.Vmm.Arch.X64;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Tests.Arch.X64;

public sealed class MpTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void The_floating_pointer_and_the_table_have_valid_signatures_and_checksums(int cpus)
    {
        using var memory = GuestMemory.CreateAnonymous(1 << 20);
        MpTable.Write(memory, cpus);

        var floating = memory.Slice(Layout.EbdaStart, 16);
        Assert.Equal("_MP_", Encoding.ASCII.GetString(floating[..4]));
        Assert.Equal(0, Sum(floating));
        var tableAddress = BitConverter.ToUInt32(floating[4..8]);
        var header = memory.Slice(tableAddress, 44);
        Assert.Equal("PCMP", Encoding.ASCII.GetString(header[..4]));
        var length = BitConverter.ToUInt16(header[4..6]);
        Assert.Equal(0, Sum(memory.Slice(tableAddress, length)));
        Assert.Equal(cpus + 1 + 1 + 24 + 2, BitConverter.ToUInt16(header[34..36]));
        Assert.True(tableAddress + length <= 0xa0000);
    }

    private static byte Sum(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0;
        foreach (var b in bytes)
        {
            sum += b;
        }

        return sum;
    }
}
