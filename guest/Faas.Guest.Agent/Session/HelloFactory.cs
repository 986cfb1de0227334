using Faas.Guest.Agent.Platform;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Session;

internal static class HelloFactory
{
    /// <summary>The hello describing this agent and kernel, now.</summary>
    public static HelloMessage Create() => new(AgentInfo.Version, KernelInfo.Release(), KernelInfo.UptimeMilliseconds());
}
