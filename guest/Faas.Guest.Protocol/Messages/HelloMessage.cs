namespace Faas.Guest.Protocol.Messages;

/// <summary>Sent by the agent once it has set up the guest and can take requests.</summary>
/// <param name="AgentVersion">The agent build, for logs and cache keys.</param>
/// <param name="KernelRelease">uname -r of the guest kernel.</param>
/// <param name="UptimeMilliseconds">Guest uptime when the agent became ready (kernel boot + agent start).</param>
public sealed record HelloMessage(string AgentVersion, string KernelRelease, long UptimeMilliseconds);
