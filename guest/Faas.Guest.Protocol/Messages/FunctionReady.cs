namespace Faas.Guest.Protocol.Messages;

/// <summary>The function's process accepts connections on its port.</summary>
/// <param name="ProcessId">The function's pid in the guest.</param>
/// <param name="StartToReadyMilliseconds">From spawning the process to its port accepting a connection.</param>
public sealed record FunctionReady(int ProcessId, long StartToReadyMilliseconds);
