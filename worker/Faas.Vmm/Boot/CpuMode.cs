namespace Faas.Vmm.Boot;

/// <summary>The mode a guest's code starts in.</summary>
public enum CpuMode
{
    /// <summary>16-bit real mode, CS = 0: the code must sit below 64 KiB.</summary>
    RealMode,

    /// <summary>64-bit long mode with the first 4 GiB identity-mapped (2 MiB pages) and flat segments.</summary>
    LongMode,
}
