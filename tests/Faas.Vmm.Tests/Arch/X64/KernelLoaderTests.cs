using System.Buffers.Binary;
using Faas.Vmm.Arch.X64;
using Faas.Vmm.Tests.Support;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Tests.Arch.X64;

public sealed class KernelLoaderTests
{
    [Fact]
    public async Task A_vmlinux_is_loaded_at_its_physical_addresses_and_entered_at_startup_64()
    {
        var kernel = Path.Combine(await GuestKernel.RequireAsync(), "vmlinux");
        using var memory = GuestMemory.CreateAnonymous(64 << 20);

        var loaded = KernelLoader.Load(memory, kernel);

        Assert.Equal(0x100_0000UL, loaded.Entry);
        Assert.True(loaded.End > loaded.Entry);
        var image = await File.ReadAllBytesAsync(kernel, TestContext.Current.CancellationToken);
        // The first PT_LOAD segment starts at file offset 0x200000 (2 MiB alignment) and goes to 16 MiB.
        Assert.Equal(image.AsSpan(0x20_0000, 4096).ToArray(), memory.Slice(0x100_0000, 4096).ToArray());
        Assert.Equal(BootParams.KERNEL_HDR_MAGIC, BinaryPrimitives.ReadUInt32LittleEndian(loaded.BootParams.Bytes[0x202..]));
    }

    [Fact]
    public async Task A_bzimage_keeps_its_setup_header_and_is_entered_at_the_64_bit_entry()
    {
        var kernel = Path.Combine(await GuestKernel.RequireAsync(), "bzImage");
        using var memory = GuestMemory.CreateAnonymous(64 << 20);
        var image = await File.ReadAllBytesAsync(kernel, TestContext.Current.CancellationToken);

        var loaded = KernelLoader.Load(memory, kernel);

        var preferred = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(0x258));
        Assert.Equal(preferred + 0x200, loaded.Entry);
        var payloadOffset = (image[0x1f1] + 1) * 512;
        Assert.Equal(image.AsSpan(payloadOffset, 4096).ToArray(), memory.Slice(preferred, 4096).ToArray());
        var zeroPage = loaded.BootParams.Bytes;
        Assert.Equal(image.AsSpan(0x202, 4).ToArray(), zeroPage[0x202..0x206].ToArray());
        Assert.Equal(BootParams.KERNEL_LOADER_OTHER, zeroPage[0x210]);
        Assert.Equal((uint)preferred, BinaryPrimitives.ReadUInt32LittleEndian(zeroPage[0x214..]));
    }

    [Fact]
    public void A_file_that_is_no_kernel_is_refused()
    {
        using var memory = GuestMemory.CreateAnonymous(4 << 20);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[8192]);
            Assert.Throws<KernelFormatException>(() => KernelLoader.Load(memory, path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_kernel_too_large_for_the_guest_is_refused_with_the_sizes()
    {
        var kernel = Path.Combine(await GuestKernel.RequireAsync(), "vmlinux");
        using var memory = GuestMemory.CreateAnonymous(16 << 20);
        var error = Assert.Throws<KernelFormatException>(() => KernelLoader.Load(memory, kernel));
        Assert.Contains("16 MiB", error.Message, StringComparison.Ordinal);
    }
}
