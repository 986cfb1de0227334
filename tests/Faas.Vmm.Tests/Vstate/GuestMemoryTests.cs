using Faas.Vmm.Vstate;

namespace Faas.Vmm.Tests.Vstate;

public sealed class GuestMemoryTests
{
    [Fact]
    public void Accesses_inside_memory_work_and_any_byte_outside_fails_without_copying()
    {
        using var memory = GuestMemory.CreateAnonymous(1 << 20);
        Assert.True(memory.TryWrite(0xffff8, [1, 2, 3, 4, 5, 6, 7, 8]));
        var buffer = new byte[8];
        Assert.True(memory.TryRead(0xffff8, buffer));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], buffer);

        var untouched = new byte[] { 9, 9 };
        Assert.False(memory.TryRead(0xfffff, untouched));
        Assert.Equal([9, 9], untouched);
        Assert.False(memory.TryWrite(0xfffff, [1, 2]));
        Assert.False(memory.TryWrite(ulong.MaxValue - 1, [1, 2, 3, 4]));
        Assert.False(memory.TryRead(1 << 20, new byte[1]));
        Assert.True(memory.TryRead(1 << 20, []));
    }

    [Fact]
    public void After_dispose_accesses_fail_instead_of_touching_unmapped_memory()
    {
        var memory = GuestMemory.CreateAnonymous(1 << 20);
        memory.Dispose();
        Assert.False(memory.TryRead(0, new byte[4]));
        Assert.False(memory.TryWrite(0, [1]));
    }

    [Fact]
    public void A_private_mapping_of_a_file_never_writes_back_to_it()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, Enumerable.Repeat((byte)7, 1 << 16).ToArray());
            using (var memory = GuestMemory.MapPrivate(path, 1 << 16))
            {
                var buffer = new byte[1];
                Assert.True(memory.TryRead(100, buffer));
                Assert.Equal(7, buffer[0]);
                Assert.True(memory.TryWrite(100, [42]));
                Assert.True(memory.TryRead(100, buffer));
                Assert.Equal(42, buffer[0]);
            }

            Assert.All(File.ReadAllBytes(path), b => Assert.Equal(7, b));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
