namespace Faas.Guest.Agent.Interop;

/// <summary>netinet/in.h and netinet/tcp.h</summary>
internal static partial class LibC
{
    public const int IPPROTO_TCP = 6;

    /// <summary>Acknowledge received data at once instead of delaying the acknowledgement; not permanent, see tcp(7).</summary>
    public const int TCP_QUICKACK = 12;
}
