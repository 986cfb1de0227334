namespace Faas.Gateway.Tests.Async;

/// <summary>One POST a <see cref="CallbackListener"/> received.</summary>
internal sealed record ReceivedCallback(IReadOnlyDictionary<string, string> Headers, byte[] Body);
