using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>struct sockaddr_in (netinet/in.h); port and address in network byte order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct sockaddr_in
{
    public ushort sin_family;
    public ushort sin_port;
    public uint sin_addr;
    public ulong sin_zero;
}

/// <summary>struct sockaddr_in6 (netinet/in.h); port in network byte order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct sockaddr_in6
{
    public ushort sin6_family;
    public ushort sin6_port;
    public uint sin6_flowinfo;
    public fixed byte sin6_addr[16];
    public uint sin6_scope_id;
}
