using System.Buffers.Binary;

namespace Faas.Vmm.Arch.X64;

/// <summary>
/// struct boot_params (the zero page) of Documentation/arch/x86/boot.rst: the setup header at 0x1f1 and the E820 map. Offsets
/// are the kernel's; fields not set stay zero.
/// </summary>
internal sealed class BootParams
{
    public const int Size = 4096;

    /// <summary>Where the setup header starts, in the zero page and in a bzImage.</summary>
    public const int SetupHeaderOffset = 0x1f1;

    public const ushort KERNEL_BOOT_FLAG_MAGIC = 0xaa55;
    public const uint KERNEL_HDR_MAGIC = 0x5372_6448; // "HdrS"
    public const byte KERNEL_LOADER_OTHER = 0xff;
    public const uint KERNEL_MIN_ALIGNMENT_BYTES = 0x100_0000;
    public const byte LOADED_HIGH = 0x01;
    public const byte KEEP_SEGMENTS = 0x40;
    public const byte CAN_USE_HEAP = 0x80;
    public const ushort XLF_KERNEL_64 = 0x1;

    public const uint E820_RAM = 1;
    public const uint E820_RESERVED = 2;

    private const int E820EntriesOffset = 0x1e8;
    private const int E820TableOffset = 0x2d0;
    private const int E820EntrySize = 20;
    private const int E820MaxEntries = 128;
    private const int ExtRamdiskImageOffset = 0x0c0;
    private const int ExtRamdiskSizeOffset = 0x0c4;
    private const int ExtCmdLinePtrOffset = 0x0c8;
    private const int SetupSectsOffset = 0x1f1;
    private const int BootFlagOffset = 0x1fe;
    private const int HeaderOffset = 0x202;
    private const int VersionOffset = 0x206;
    private const int TypeOfLoaderOffset = 0x210;
    private const int LoadflagsOffset = 0x211;
    private const int Code32StartOffset = 0x214;
    private const int RamdiskImageOffset = 0x218;
    private const int RamdiskSizeOffset = 0x21c;
    private const int CmdLinePtrOffset = 0x228;
    private const int InitrdAddrMaxOffset = 0x22c;
    private const int KernelAlignmentOffset = 0x230;
    private const int XloadflagsOffset = 0x236;
    private const int CmdlineSizeOffset = 0x238;

    private readonly byte[] _page = new byte[Size];
    private int _e820Count;

    /// <summary>A zero page with a fresh setup header, for a kernel loaded from its ELF image (no header of its own).</summary>
    public static BootParams ForElfKernel()
    {
        var parameters = new BootParams();
        BinaryPrimitives.WriteUInt16LittleEndian(parameters._page.AsSpan(BootFlagOffset), KERNEL_BOOT_FLAG_MAGIC);
        BinaryPrimitives.WriteUInt32LittleEndian(parameters._page.AsSpan(HeaderOffset), KERNEL_HDR_MAGIC);
        BinaryPrimitives.WriteUInt32LittleEndian(parameters._page.AsSpan(KernelAlignmentOffset), KERNEL_MIN_ALIGNMENT_BYTES);
        parameters._page[TypeOfLoaderOffset] = KERNEL_LOADER_OTHER;
        return parameters;
    }

    /// <summary>A zero page holding the bzImage's own setup header (<paramref name="setupHeader"/> starts at 0x1f1).</summary>
    public static BootParams ForBzImage(ReadOnlySpan<byte> setupHeader, uint loadAddress)
    {
        var parameters = new BootParams();
        setupHeader.CopyTo(parameters._page.AsSpan(SetupHeaderOffset));
        parameters._page[TypeOfLoaderOffset] = KERNEL_LOADER_OTHER;
        parameters._page[LoadflagsOffset] = (byte)((parameters._page[LoadflagsOffset] | LOADED_HIGH | CAN_USE_HEAP) & ~KEEP_SEGMENTS);
        BinaryPrimitives.WriteUInt32LittleEndian(parameters._page.AsSpan(Code32StartOffset), loadAddress);
        return parameters;
    }

    public ReadOnlySpan<byte> Bytes => _page;

    public ushort Version => BinaryPrimitives.ReadUInt16LittleEndian(_page.AsSpan(VersionOffset));

    public ushort XloadFlags => BinaryPrimitives.ReadUInt16LittleEndian(_page.AsSpan(XloadflagsOffset));

    public byte SetupSectors => _page[SetupSectsOffset];

    /// <summary>The highest address the initrd may end at (inclusive), from the header; 0x37ffffff for old kernels.</summary>
    public uint InitrdAddressMax
    {
        get
        {
            var value = BinaryPrimitives.ReadUInt32LittleEndian(_page.AsSpan(InitrdAddrMaxOffset));
            return value == 0 ? 0x37ff_ffff : value;
        }
    }

    /// <summary>The longest command line the kernel takes, without the NUL (2.06+; 255 before).</summary>
    public uint CommandLineMax
    {
        get
        {
            var value = BinaryPrimitives.ReadUInt32LittleEndian(_page.AsSpan(CmdlineSizeOffset));
            return value == 0 ? 255 : value;
        }
    }

    public void SetCommandLine(ulong address)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_page.AsSpan(CmdLinePtrOffset), (uint)address);
        BinaryPrimitives.WriteUInt32LittleEndian(_page.AsSpan(ExtCmdLinePtrOffset), (uint)(address >> 32));
    }

    public void SetRamdisk(ulong address, ulong size)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_page.AsSpan(RamdiskImageOffset), (uint)address);
        BinaryPrimitives.WriteUInt32LittleEndian(_page.AsSpan(ExtRamdiskImageOffset), (uint)(address >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(_page.AsSpan(RamdiskSizeOffset), (uint)size);
        BinaryPrimitives.WriteUInt32LittleEndian(_page.AsSpan(ExtRamdiskSizeOffset), (uint)(size >> 32));
    }

    public void AddE820(ulong address, ulong size, uint type)
    {
        if (_e820Count == E820MaxEntries)
        {
            throw new InvalidOperationException($"the E820 map holds at most {E820MaxEntries} entries");
        }

        var entry = _page.AsSpan(E820TableOffset + (_e820Count * E820EntrySize), E820EntrySize);
        BinaryPrimitives.WriteUInt64LittleEndian(entry, address);
        BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[16..], type);
        _e820Count++;
        _page[E820EntriesOffset] = (byte)_e820Count;
    }
}
