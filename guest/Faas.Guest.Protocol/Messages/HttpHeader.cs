namespace Faas.Guest.Protocol.Messages;

/// <summary>One HTTP header line; repeated names are repeated entries, in order.</summary>
public sealed record HttpHeader(string Name, string Value);
