using System.Text;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Arch.X64;

/// <summary>
/// Lays out guest memory for the Linux 64-bit boot protocol: the kernel, the command line, the initrd at the top of RAM, the
/// E820 map and setup header in the zero page, and the MP table. The boot vCPU then enters at the returned address with RSI
/// pointing at the zero page.
/// </summary>
internal static class LinuxBoot
{
    /// <summary>Linux's COMMAND_LINE_SIZE on x86, for kernels whose header does not say.</summary>
    private const int DefaultCommandLineMax = 2047;

    private const ulong CommandLineRegionEnd = Layout.EbdaStart;

    /// <returns>The 64-bit entry point.</returns>
    /// <exception cref="KernelFormatException">The kernel or initrd cannot be loaded into this guest.</exception>
    public static ulong Prepare(GuestMemory memory, string kernelPath, string? initrdPath, string commandLine, int cpuCount)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(commandLine);
        if (memory.Size > Layout.MaxMemory)
        {
            throw new KernelFormatException($"guest memory of {memory.Size >> 20} MiB reaches into the MMIO gap at 0x{Layout.MmioGapStart:x}");
        }

        var kernel = KernelLoader.Load(memory, kernelPath);
        var parameters = kernel.BootParams;

        var line = Encoding.ASCII.GetBytes(commandLine);
        var max = parameters.Version == 0 ? DefaultCommandLineMax : (int)parameters.CommandLineMax;
        if (line.Length > max || Layout.CommandLineAddress + (ulong)line.Length + 1 > CommandLineRegionEnd)
        {
            throw new KernelFormatException($"the kernel command line is {line.Length} bytes; the kernel takes at most {max}");
        }

        var target = memory.Slice(Layout.CommandLineAddress, (ulong)line.Length + 1);
        line.CopyTo(target);
        target[^1] = 0;
        parameters.SetCommandLine(Layout.CommandLineAddress);

        if (initrdPath is not null)
        {
            LoadInitrd(memory, parameters, initrdPath, kernel.End);
        }

        parameters.AddE820(0, Layout.EbdaStart, BootParams.E820_RAM);
        parameters.AddE820(Layout.HighMemoryStart, memory.Size - Layout.HighMemoryStart, BootParams.E820_RAM);
        parameters.Bytes.CopyTo(memory.Slice(Layout.ZeroPageAddress, BootParams.Size));
        MpTable.Write(memory, cpuCount);
        return kernel.Entry;
    }

    private static void LoadInitrd(GuestMemory memory, BootParams parameters, string path, ulong kernelEnd)
    {
        byte[] initrd;
        try
        {
            initrd = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KernelFormatException($"cannot read the initrd '{path}': {e.Message}", e);
        }

        var top = Math.Min(memory.Size, (ulong)parameters.InitrdAddressMax + 1);
        var size = (ulong)initrd.Length;
        if (size == 0 || size > top)
        {
            throw new KernelFormatException($"the initrd '{path}' ({size} bytes) does not fit below 0x{top:x}");
        }

        var address = (top - size) & ~(ulong)(GuestMemory.PageSize - 1);
        if (address < kernelEnd)
        {
            throw new KernelFormatException(
                $"the initrd '{path}' ({size >> 10} KiB) and the kernel (up to 0x{kernelEnd:x}) do not both fit in {memory.Size >> 20} MiB");
        }

        initrd.CopyTo(memory.Slice(address, size));
        parameters.SetRamdisk(address, size);
    }
}
