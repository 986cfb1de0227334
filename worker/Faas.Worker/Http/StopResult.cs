namespace Faas.Worker.Http;

/// <summary>How many instances a stop request stopped.</summary>
public sealed record StopResult(int Stopped);
