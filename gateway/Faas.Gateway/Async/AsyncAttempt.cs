using Faas.Gateway.Http;

namespace Faas.Gateway.Async;

/// <summary>How one run of a queued call was answered: by the function, or by the platform with <see cref="Problem"/>.</summary>
internal sealed record AsyncAttempt(
    int StatusCode,
    IReadOnlyList<AsyncHeader> Headers,
    byte[] Body,
    bool Truncated,
    string? Start,
    string? Instance,
    GatewayProblem? Problem)
{
    /// <summary>A platform failure that another run may not meet: 5xx or 429 from the platform, never the function's own answer.</summary>
    public bool IsRetryable => Problem is { Status: >= 500 or 429 };

    public string? Error => Problem is { } problem ? $"{problem.Status} {problem.Title}: {problem.Detail}" : null;

    public static AsyncAttempt Failed(string error) =>
        new(500, [], [], false, null, null, GatewayProblem.Of(500, "Call failed", error));
}
