using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace Faas.Gateway.Async;

/// <summary>
/// A queued call as it sits in the stream: whose, which function, the request (method, the target after
/// <c>/async-function/{name}</c>, headers, body) and where to deliver the result.
/// </summary>
public sealed record AsyncCallMessage(
    string Id,
    string Tenant,
    string Function,
    string Method,
    string Target,
    IReadOnlyList<AsyncHeader> Headers,
    ReadOnlyMemory<byte> Body,
    string? CallbackUrl,
    DateTimeOffset EnqueuedAt)
{
    public NameValueEntry[] ToEntries() =>
    [
        new("id", Id),
        new("tenant", Tenant),
        new("function", Function),
        new("method", Method),
        new("target", Target),
        new("headers", JsonSerializer.Serialize(Headers, AsyncJsonContext.Default.IReadOnlyListAsyncHeader)),
        new("body", Body),
        new("callback", CallbackUrl ?? ""),
        new("enqueuedAt", EnqueuedAt.ToUnixTimeMilliseconds()),
    ];

    /// <returns>The call, or null when the entry is not one (it is then dropped).</returns>
    public static AsyncCallMessage? TryParse(StreamEntry entry)
    {
        string? Field(string name) => entry[name] is { IsNull: false } value ? (string?)value : null;
        if (Field("id") is not { } id || Field("tenant") is not { } tenant || Field("function") is not { } function
            || Field("method") is not { } method || Field("target") is not { } target
            || !long.TryParse(Field("enqueuedAt"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var enqueuedAt))
        {
            return null;
        }

        IReadOnlyList<AsyncHeader> headers;
        try
        {
            headers = JsonSerializer.Deserialize(Field("headers") ?? "[]", AsyncJsonContext.Default.IReadOnlyListAsyncHeader) ?? [];
        }
        catch (JsonException)
        {
            return null;
        }

        var body = entry["body"] is { IsNull: false } bytes ? (byte[]?)bytes ?? [] : [];
        var callback = Field("callback");
        return new AsyncCallMessage(id, tenant, function, method, target, headers, body, string.IsNullOrEmpty(callback) ? null : callback, DateTimeOffset.FromUnixTimeMilliseconds(enqueuedAt));
    }
}
