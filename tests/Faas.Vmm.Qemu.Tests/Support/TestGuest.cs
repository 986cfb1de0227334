using Faas.Guest.Artifacts;
using Faas.Vmm.Guest;

namespace Faas.Vmm.Qemu.Tests.Support;

/// <summary>The real guest (kernel + initramfs with the agent), built once per test run and cached across runs.</summary>
internal static class TestGuest
{
    private static readonly Lazy<Task<GuestImage>> s_image = new(() => new GuestArtifacts().EnsureAsync());

    public static Task<GuestImage> ImageAsync() => s_image.Value;

    public static async Task<VmBootSpec> BootSpecAsync(string? extraKernelArguments = null)
    {
        var image = await ImageAsync();
        return new VmBootSpec(image.KernelPath, image.InitrdPath, MemoryMiB: 128, ExtraKernelArguments: extraKernelArguments);
    }
}
