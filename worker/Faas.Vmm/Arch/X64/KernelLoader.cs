using System.Buffers.Binary;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Arch.X64;

/// <summary>
/// Loads a Linux kernel for the 64-bit boot protocol: an uncompressed vmlinux (ELF: its PT_LOAD segments at their physical
/// addresses, entered at startup_64) or a bzImage (its protected-mode part at the preferred address, entered at +0x200, where the
/// decompressor starts).
/// </summary>
internal static class KernelLoader
{
    private const uint ElfMagic = 0x464c_457f; // "\x7fELF"
    private const byte ElfClass64 = 2;
    private const byte ElfLittleEndian = 1;
    private const ushort ElfMachineX86_64 = 62;
    private const uint PtLoad = 1;
    private const int ElfHeaderSize = 64;
    private const int ProgramHeaderSize = 56;
    private const ushort MinimumBootProtocol = 0x0206;
    private const int SectorSize = 512;
    private const ulong Entry64Offset = 0x200;

    public static LoadedKernel Load(GuestMemory memory, string path)
    {
        byte[] image;
        try
        {
            image = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KernelFormatException($"cannot read the kernel '{path}': {e.Message}", e);
        }

        if (image.Length >= ElfHeaderSize && BinaryPrimitives.ReadUInt32LittleEndian(image) == ElfMagic)
        {
            return LoadElf(memory, image, path);
        }

        if (image.Length > 0x260 && BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(0x202)) == BootParams.KERNEL_HDR_MAGIC)
        {
            return LoadBzImage(memory, image, path);
        }

        throw new KernelFormatException($"'{path}' is neither an ELF vmlinux nor a bzImage");
    }

    private static LoadedKernel LoadElf(GuestMemory memory, byte[] image, string path)
    {
        var header = image.AsSpan();
        if (header[4] != ElfClass64 || header[5] != ElfLittleEndian || BinaryPrimitives.ReadUInt16LittleEndian(header[18..]) != ElfMachineX86_64)
        {
            throw new KernelFormatException($"'{path}' is not a 64-bit little-endian x86-64 ELF");
        }

        var entry = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
        var programHeaders = BinaryPrimitives.ReadUInt64LittleEndian(header[32..]);
        var headerSize = BinaryPrimitives.ReadUInt16LittleEndian(header[54..]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(header[56..]);
        if (headerSize < ProgramHeaderSize || programHeaders + ((ulong)headerSize * count) > (ulong)image.Length)
        {
            throw new KernelFormatException($"'{path}' has a truncated program header table");
        }

        ulong end = 0;
        ulong? physicalEntry = entry < memory.Size ? entry : null;
        for (var i = 0; i < count; i++)
        {
            var program = header.Slice((int)programHeaders + (i * headerSize), ProgramHeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(program) != PtLoad)
            {
                continue;
            }

            var offset = BinaryPrimitives.ReadUInt64LittleEndian(program[8..]);
            var virtualAddress = BinaryPrimitives.ReadUInt64LittleEndian(program[16..]);
            var physical = BinaryPrimitives.ReadUInt64LittleEndian(program[24..]);
            var fileSize = BinaryPrimitives.ReadUInt64LittleEndian(program[32..]);
            var memorySize = BinaryPrimitives.ReadUInt64LittleEndian(program[40..]);
            if (offset + fileSize > (ulong)image.Length || fileSize > memorySize)
            {
                throw new KernelFormatException($"'{path}': segment {i} lies outside the file");
            }

            if (physical < Layout.HighMemoryStart || physical + memorySize > memory.Size || physical + memorySize < physical)
            {
                throw new KernelFormatException(
                    $"'{path}': segment {i} (0x{physical:x}, {memorySize} bytes) does not fit in {memory.Size >> 20} MiB of guest memory above 1 MiB");
            }

            image.AsSpan((int)offset, (int)fileSize).CopyTo(memory.Slice(physical, fileSize));
            memory.Slice(physical + fileSize, memorySize - fileSize).Clear();
            end = Math.Max(end, physical + memorySize);
            if (physicalEntry is null && entry >= virtualAddress && entry - virtualAddress < memorySize)
            {
                physicalEntry = physical + (entry - virtualAddress);
            }
        }

        if (end == 0 || physicalEntry is not { } start)
        {
            throw new KernelFormatException($"'{path}' has no loadable segment holding its entry point 0x{entry:x}");
        }

        return new LoadedKernel(start, BootParams.ForElfKernel(), end);
    }

    private static LoadedKernel LoadBzImage(GuestMemory memory, byte[] image, string path)
    {
        var setupLength = 0x202 + image[0x201] - BootParams.SetupHeaderOffset;
        var probe = BootParams.ForBzImage(image.AsSpan(BootParams.SetupHeaderOffset, setupLength), 0);
        if (probe.Version < MinimumBootProtocol)
        {
            throw new KernelFormatException($"'{path}' speaks boot protocol {probe.Version >> 8}.{probe.Version & 0xff}; this VMM needs 2.06 or later");
        }

        if ((probe.XloadFlags & BootParams.XLF_KERNEL_64) == 0)
        {
            throw new KernelFormatException($"'{path}' has no 64-bit entry point (XLF_KERNEL_64)");
        }

        var setupSectors = probe.SetupSectors == 0 ? 4 : probe.SetupSectors;
        var kernelOffset = (setupSectors + 1) * SectorSize;
        var header = image.AsSpan(BootParams.SetupHeaderOffset);
        var preferred = BinaryPrimitives.ReadUInt64LittleEndian(header[(0x258 - BootParams.SetupHeaderOffset)..]);
        var initSize = BinaryPrimitives.ReadUInt32LittleEndian(header[(0x260 - BootParams.SetupHeaderOffset)..]);
        var loadAddress = preferred != 0 ? preferred : Layout.HighMemoryStart;
        var payload = image.AsSpan(kernelOffset);
        var end = loadAddress + Math.Max((ulong)payload.Length, initSize);
        if (end > memory.Size)
        {
            throw new KernelFormatException($"'{path}' needs guest memory up to 0x{end:x}; the guest has {memory.Size >> 20} MiB");
        }

        payload.CopyTo(memory.Slice(loadAddress, (ulong)payload.Length));
        var parameters = BootParams.ForBzImage(image.AsSpan(BootParams.SetupHeaderOffset, setupLength), (uint)loadAddress);
        return new LoadedKernel(loadAddress + Entry64Offset, parameters, end);
    }
}
