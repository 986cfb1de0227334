using System.Buffers.Binary;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Arch.X64;

/// <summary>Identity-mapped page tables for the first 4 GiB (2 MiB pages): enough for a kernel's entry, its boot data and the MMIO gap.</summary>
internal static class PageTables
{
    private const ulong Present = 1 << 0;
    private const ulong Writable = 1 << 1;
    private const ulong LargePage = 1 << 7;
    private const ulong TwoMiB = 2UL << 20;
    private const int Gigabytes = 4;
    private const int EntriesPerTable = 512;

    /// <summary>Writes the tables at <see cref="Layout.Pml4Address"/>; returns the value for CR3.</summary>
    public static ulong Write(GuestMemory memory)
    {
        var pml4 = memory.Slice(Layout.Pml4Address, 4096);
        pml4.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(pml4, Layout.PdptAddress | Present | Writable);

        var pdpt = memory.Slice(Layout.PdptAddress, 4096);
        pdpt.Clear();
        for (var gigabyte = 0; gigabyte < Gigabytes; gigabyte++)
        {
            var directory = Layout.PageDirectoriesAddress + ((ulong)gigabyte * 4096);
            BinaryPrimitives.WriteUInt64LittleEndian(pdpt[(gigabyte * 8)..], directory | Present | Writable);
            var entries = memory.Slice(directory, 4096);
            for (var i = 0; i < EntriesPerTable; i++)
            {
                var address = (((ulong)gigabyte * EntriesPerTable) + (ulong)i) * TwoMiB;
                BinaryPrimitives.WriteUInt64LittleEndian(entries[(i * 8)..], address | Present | Writable | LargePage);
            }
        }

        return Layout.Pml4Address;
    }
}
