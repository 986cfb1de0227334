using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Faas.Gateway.Http;

/// <summary>Writes JSON lines (<c>application/x-ndjson</c>), each one flushed so the client sees it at once.</summary>
public sealed class NdjsonWriter(HttpResponse response)
{
    public const string ContentType = "application/x-ndjson";

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Sends the status line and headers before the first line, so the client knows the stream is open.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync<T>(T line, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(response.Body, line, typeInfo, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes several lines and flushes once.</summary>
    public async Task WriteAllAsync<T>(IEnumerable<T> lines, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var any = false;
        foreach (var line in lines)
        {
            await JsonSerializer.SerializeAsync(response.Body, line, typeInfo, cancellationToken).ConfigureAwait(false);
            await response.Body.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
            any = true;
        }

        if (any)
        {
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the request asks for JSON lines.</summary>
    public static bool IsAccepted(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var value in request.Headers.Accept)
        {
            if (value is not null && value.Contains(ContentType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
