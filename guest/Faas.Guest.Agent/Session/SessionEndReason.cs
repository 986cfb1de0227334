namespace Faas.Guest.Agent.Session;

internal enum SessionEndReason
{
    /// <summary>The host asked for a shutdown.</summary>
    ShutdownRequested,

    /// <summary>The host closed the channel between frames.</summary>
    ChannelClosed,

    /// <summary>The channel failed or broke the framing rules; nothing more can be read from it.</summary>
    ChannelBroken,
}
