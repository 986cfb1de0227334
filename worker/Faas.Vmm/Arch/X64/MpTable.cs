using System.Buffers.Binary;
using System.Text;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Arch.X64;

/// <summary>
/// The Intel MultiProcessor Specification 1.4 table, in the EBDA: how a kernel without ACPI finds the CPUs, the IOAPIC and how
/// ISA IRQs reach it (IRQ n on pin n, as KVM's in-kernel IOAPIC routes GSIs).
/// </summary>
internal static class MpTable
{
    private const byte SpecRevision = 4;
    private const byte ApicVersion = 0x14;
    private const byte IoapicVersion = 0x11;
    private const int FloatingPointerSize = 16;
    private const int HeaderSize = 44;
    private const int ProcessorEntrySize = 20;
    private const int ShortEntrySize = 8;
    private const byte EntryProcessor = 0;
    private const byte EntryBus = 1;
    private const byte EntryIoapic = 2;
    private const byte EntryIoInterrupt = 3;
    private const byte EntryLocalInterrupt = 4;
    private const byte InterruptInt = 0;
    private const byte InterruptNmi = 1;
    private const byte InterruptExtInt = 3;
    private const byte CpuEnabled = 1;
    private const byte CpuBootstrap = 2;
    private const byte IsaBusId = 0;
    private const int IoapicPins = 24;

    /// <summary>Bytes the table takes for <paramref name="cpuCount"/> CPUs.</summary>
    public static int Size(int cpuCount) =>
        FloatingPointerSize + HeaderSize + (cpuCount * ProcessorEntrySize) + (ShortEntrySize * (1 + 1 + IoapicPins + 2));

    public static void Write(GuestMemory memory, int cpuCount)
    {
        var ioapicId = (byte)cpuCount;
        var table = memory.Slice(Layout.EbdaStart, (ulong)Size(cpuCount));
        table.Clear();
        var configAddress = (uint)Layout.EbdaStart + FloatingPointerSize;

        var floating = table[..FloatingPointerSize];
        Encoding.ASCII.GetBytes("_MP_", floating);
        BinaryPrimitives.WriteUInt32LittleEndian(floating[4..], configAddress);
        floating[8] = 1;
        floating[9] = SpecRevision;
        floating[10] = Checksum(floating);

        var config = table[FloatingPointerSize..];
        var offset = HeaderSize;
        ushort entries = 0;
        for (var cpu = 0; cpu < cpuCount; cpu++)
        {
            var entry = config.Slice(offset, ProcessorEntrySize);
            entry[0] = EntryProcessor;
            entry[1] = (byte)cpu;
            entry[2] = ApicVersion;
            entry[3] = (byte)(CpuEnabled | (cpu == 0 ? CpuBootstrap : 0));
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], 0x600);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], 0x201);
            offset += ProcessorEntrySize;
            entries++;
        }

        var bus = config.Slice(offset, ShortEntrySize);
        bus[0] = EntryBus;
        bus[1] = IsaBusId;
        Encoding.ASCII.GetBytes("ISA   ", bus[2..]);
        offset += ShortEntrySize;
        entries++;

        var ioapic = config.Slice(offset, ShortEntrySize);
        ioapic[0] = EntryIoapic;
        ioapic[1] = ioapicId;
        ioapic[2] = IoapicVersion;
        ioapic[3] = CpuEnabled;
        BinaryPrimitives.WriteUInt32LittleEndian(ioapic[4..], (uint)Layout.IoapicAddress);
        offset += ShortEntrySize;
        entries++;

        for (var irq = 0; irq < IoapicPins; irq++)
        {
            WriteInterrupt(config.Slice(offset, ShortEntrySize), EntryIoInterrupt, InterruptInt, (byte)irq, ioapicId, (byte)irq);
            offset += ShortEntrySize;
            entries++;
        }

        WriteInterrupt(config.Slice(offset, ShortEntrySize), EntryLocalInterrupt, InterruptExtInt, 0, 0, 0);
        offset += ShortEntrySize;
        WriteInterrupt(config.Slice(offset, ShortEntrySize), EntryLocalInterrupt, InterruptNmi, 0, 0xff, 1);
        offset += ShortEntrySize;
        entries += 2;

        var header = config[..HeaderSize];
        Encoding.ASCII.GetBytes("PCMP", header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)offset);
        header[6] = SpecRevision;
        Encoding.ASCII.GetBytes("FAAS    ", header[8..]);
        Encoding.ASCII.GetBytes("MICROVM     ", header[16..]);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], entries);
        BinaryPrimitives.WriteUInt32LittleEndian(header[36..], (uint)Layout.LapicAddress);
        header[7] = Checksum(config[..offset]);
    }

    private static void WriteInterrupt(Span<byte> entry, byte entryType, byte interruptType, byte sourceIrq, byte destinationApic, byte destinationPin)
    {
        entry[0] = entryType;
        entry[1] = interruptType;
        BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], 0);
        entry[4] = IsaBusId;
        entry[5] = sourceIrq;
        entry[6] = destinationApic;
        entry[7] = destinationPin;
    }

    /// <summary>The byte that makes all bytes of <paramref name="data"/> sum to zero (its checksum byte still zero when called).</summary>
    private static byte Checksum(ReadOnlySpan<byte> data)
    {
        byte sum = 0;
        foreach (var b in data)
        {
            sum += b;
        }

        return (byte)-sum;
    }
}
