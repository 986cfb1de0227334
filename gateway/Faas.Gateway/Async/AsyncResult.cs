namespace Faas.Gateway.Async;

/// <summary>
/// A finished asynchronous call as <c>GET /system/async/{id}</c> returns it. <see cref="Status"/> is "done" when the function
/// (or the platform, for a call that cannot succeed such as an unknown function) answered, "failed" when every attempt met a
/// platform error and the call went to the dead-letter stream. The body is text when it is UTF-8, base64 otherwise.
/// </summary>
public sealed record AsyncResult
{
    public required string Id { get; init; }

    public required string Status { get; init; }

    public required string Function { get; init; }

    /// <summary>The HTTP status the call was answered with.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Whether the function answered (as opposed to the platform, with a problem).</summary>
    public required bool FunctionAnswered { get; init; }

    public required IReadOnlyList<AsyncHeader> Headers { get; init; }

    public required string Body { get; init; }

    /// <summary>"text" or "base64".</summary>
    public required string BodyEncoding { get; init; }

    /// <summary>Whether the response was longer than the gateway keeps.</summary>
    public bool Truncated { get; init; }

    /// <summary>warm, restore or boot: how the instance that answered started.</summary>
    public string? Start { get; init; }

    public string? Instance { get; init; }

    public required int Attempts { get; init; }

    /// <summary>The last platform error, for a failed call.</summary>
    public string? Error { get; init; }

    public required DateTimeOffset EnqueuedAt { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>The consumer (gateway instance) that ran the call.</summary>
    public string? Consumer { get; init; }
}
