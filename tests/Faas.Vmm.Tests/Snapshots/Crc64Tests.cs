using System.Text;
using Faas.Vmm.Snapshots;

namespace Faas.Vmm.Tests.Snapshots;

public sealed class Crc64Tests
{
    [Fact]
    public void Matches_the_published_check_value_of_crc64_xz()
    {
        Assert.Equal(0x995dc9bbdf1939faUL, Crc64.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Computing_in_pieces_gives_the_same_value()
    {
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        var running = Crc64.Append(Crc64.Initial, data.AsSpan(0, 333));
        running = Crc64.Append(running, data.AsSpan(333));
        Assert.Equal(Crc64.Compute(data), running ^ ulong.MaxValue);
    }
}
