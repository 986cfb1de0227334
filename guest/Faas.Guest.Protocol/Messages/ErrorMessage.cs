namespace Faas.Guest.Protocol.Messages;

/// <summary>A request failed; <paramref name="Message"/> is meant for the user.</summary>
public sealed record ErrorMessage(string Message);
