namespace Faas.Guest.Agent.Tests.Support;

/// <summary>A request as a <see cref="ScriptedServer"/> received it.</summary>
internal sealed record ScriptedRequest(string Head, byte[] Body);
