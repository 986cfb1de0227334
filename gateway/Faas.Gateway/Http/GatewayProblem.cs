using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Faas.Gateway.Http;

/// <summary>
/// An RFC 9457 problem as the gateway answers it (<c>application/problem+json</c>), with the <c>function</c>, <c>instance</c>
/// and <c>outputTail</c> extensions where they apply. Also the <c>problem</c> of a deploy stream's error line.
/// </summary>
public sealed record GatewayProblem : IResult
{
    public const string ContentType = "application/problem+json";

    public string Type { get; init; } = "about:blank";

    public required string Title { get; init; }

    public required int Status { get; init; }

    public required string Detail { get; init; }

    public string? Function { get; init; }

    public string? Instance { get; init; }

    public string? OutputTail { get; init; }

    /// <summary>Every reason a request was refused, when there are several (deploy validation).</summary>
    public IReadOnlyList<string>? Errors { get; init; }

    /// <summary>Seconds a client should wait before trying again (the Retry-After header).</summary>
    [JsonIgnore]
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Whether to ask for credentials (the WWW-Authenticate header).</summary>
    [JsonIgnore]
    public bool ChallengeBearer { get; init; }

    public static GatewayProblem Of(int status, string title, string detail, string? function = null) => new()
    {
        Type = ProblemTypes.For(status),
        Title = title,
        Status = status,
        Detail = detail,
        Function = function,
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        if (RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (ChallengeBearer)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        await System.Text.Json.JsonSerializer.SerializeAsync(response.Body, this, GatewayJsonContext.Default.GatewayProblem, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
