namespace Faas.Guest.Protocol;

/// <summary>One message: its type, the channel it belongs to (0 = the connection itself) and its payload.</summary>
public sealed record Frame(MessageType Type, uint Channel, ReadOnlyMemory<byte> Payload);
