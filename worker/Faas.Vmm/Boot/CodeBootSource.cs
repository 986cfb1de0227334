namespace Faas.Vmm.Boot;

/// <summary>A guest that is just machine code: copied to <paramref name="LoadAddress"/> and entered there.</summary>
/// <param name="Code">The code (and any data it carries).</param>
/// <param name="LoadAddress">Guest physical address of its first byte, the entry point.</param>
/// <param name="Mode">The mode it starts in.</param>
public sealed record CodeBootSource(ReadOnlyMemory<byte> Code, ulong LoadAddress, CpuMode Mode);
