using Faas.Common.Http;
using Faas.Gateway.Invocation;
using Microsoft.AspNetCore.Http;

namespace Faas.Gateway.Async;

/// <summary>The headers of an asynchronous request that go with it to the function: not the key, hop-by-hop or platform ones.</summary>
public static class AsyncRequestHeaders
{
    public const string CallbackUrl = "X-Callback-Url";

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Content-Length", "Expect", CallbackUrl, GatewayHeaders.CallId,
    };

    public static IReadOnlyList<AsyncHeader> Kept(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? connection = headers.Connection;
        var kept = new List<AsyncHeader>();
        foreach (var (name, values) in headers)
        {
            if (Dropped.Contains(name) || HopByHopHeaders.IsHopByHop(name, connection) || GatewayHeaders.IsPlatformHeader(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                kept.Add(new AsyncHeader(name, value ?? ""));
            }
        }

        return kept;
    }
}
