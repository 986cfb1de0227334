namespace Faas.Guest.Protocol.Messages;

/// <summary>The requested program is running with this process id in the guest.</summary>
public sealed record ExecStarted(int ProcessId);
