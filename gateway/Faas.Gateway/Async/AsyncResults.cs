using System.Text;

namespace Faas.Gateway.Async;

/// <summary>Turns the last run of a call into its stored result.</summary>
internal static class AsyncResults
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static AsyncResult From(AsyncCallMessage message, AsyncAttempt attempt, int attempts, bool failed, DateTimeOffset startedAt, DateTimeOffset completedAt, string consumer)
    {
        var (body, encoding) = Encode(attempt.Body);
        return new AsyncResult
        {
            Id = message.Id,
            Status = failed ? "failed" : "done",
            Function = message.Function,
            StatusCode = attempt.StatusCode,
            FunctionAnswered = attempt.Problem is null,
            Headers = attempt.Headers,
            Body = body,
            BodyEncoding = encoding,
            Truncated = attempt.Truncated,
            Start = attempt.Start,
            Instance = attempt.Instance,
            Attempts = attempts,
            Error = failed ? attempt.Error : null,
            EnqueuedAt = message.EnqueuedAt,
            StartedAt = startedAt,
            CompletedAt = completedAt,
            Consumer = consumer,
        };
    }

    /// <summary>The body bytes a stored result holds (as much of the response as the gateway kept).</summary>
    public static byte[] BodyOf(AsyncResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.BodyEncoding == "base64" ? Convert.FromBase64String(result.Body) : Encoding.UTF8.GetBytes(result.Body);
    }

    private static (string Body, string Encoding) Encode(byte[] body)
    {
        try
        {
            return (StrictUtf8.GetString(body), "text");
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(body), "base64");
        }
    }
}
