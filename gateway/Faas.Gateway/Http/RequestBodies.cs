using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Faas.Gateway.Http;

/// <summary>Reads small request bodies (JSON of the system API) whole, up to a limit.</summary>
public static class RequestBodies
{
    /// <returns>The body, or a 413 problem when it is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<(byte[]? Body, GatewayProblem? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The limit is enforced below, as a problem rather than the server's exception.
            limit.MaxRequestBodySize = null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            body.Write(buffer, 0, read);
        }

        return (body.ToArray(), null);
    }

    private static GatewayProblem TooLarge(long maxBytes) =>
        GatewayProblem.Of(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the request body must be at most {maxBytes} bytes");
}
