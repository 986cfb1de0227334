namespace Faas.Vmm.Vstate;

/// <summary>A guest's physical memory as devices see it: every access is bounds-checked and an out-of-range one is a value, not a fault.</summary>
public interface IGuestMemory
{
    /// <summary>Bytes of guest physical memory, starting at guest physical address 0.</summary>
    ulong Size { get; }

    /// <summary>Copies guest memory at <paramref name="address"/> into <paramref name="destination"/>; false (and nothing copied) when any byte is outside guest memory.</summary>
    bool TryRead(ulong address, Span<byte> destination);

    /// <summary>Copies <paramref name="source"/> into guest memory at <paramref name="address"/>; false (and nothing written) when any byte is outside guest memory.</summary>
    bool TryWrite(ulong address, ReadOnlySpan<byte> source);
}
