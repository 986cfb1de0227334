namespace Faas.Worker.Http;

/// <summary>Where the worker's HTTP endpoint listens.</summary>
public sealed class WorkerHostOptions
{
    public const string DefaultUrl = "http://127.0.0.1:8081";

    /// <summary>Listen addresses; loopback only by default (the gateway forwards to it). Port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];
}
