namespace Faas.Vmm.Arch.X64;

/// <summary>A kernel placed in guest memory: where to enter it in 64-bit mode, the zero page to hand it, and where it ends.</summary>
/// <param name="Entry">The 64-bit entry point (guest physical).</param>
/// <param name="BootParams">The zero page, setup header filled in; command line, initrd and E820 still to add.</param>
/// <param name="End">The first guest physical byte above the kernel and the memory it claims while starting.</param>
internal sealed record LoadedKernel(ulong Entry, BootParams BootParams, ulong End);
