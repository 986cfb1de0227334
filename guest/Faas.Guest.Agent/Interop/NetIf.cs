using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>net/if.h</summary>
internal static partial class LibC
{
    public const int IFNAMSIZ = 16;
    public const short IFF_UP = 0x1;
}

/// <summary>struct ifreq, with only the member of the union the agent uses.</summary>
[StructLayout(LayoutKind.Sequential, Size = 40)]
internal unsafe struct ifreq
{
    public fixed byte ifr_name[LibC.IFNAMSIZ];
    public short ifr_flags;
}
