namespace Faas.Worker.Http;

/// <summary>Where the worker's HTTP endpoint listens.</summary>
public sealed class WorkerHostOptions
{
    public const string DefaultUrl = "http://127.0.0.1:8081";

    /// <summary>Listen addresses; loopback only by default (the gateway forwards to it). Port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>
    /// The secret every request must carry in <c>X-Faas-Worker-Key</c> (the gateway and peer workers send it); null answers anyone,
    /// which is allowed only on loopback addresses.
    /// </summary>
    public string? WorkerKey { get; init; }
}
