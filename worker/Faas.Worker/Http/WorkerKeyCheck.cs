using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Faas.Worker.Http;

/// <summary>
/// Answers 401 to any request without the platform's worker key in <c>X-Faas-Worker-Key</c>, except the health probe: a worker's
/// functions and control API are the platform's to call, never a client's.
/// </summary>
internal sealed class WorkerKeyCheck(RequestDelegate next, string workerKey)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(workerKey));

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsHealthProbe(context.Request) || Matches(context.Request.Headers[WorkerHeaders.WorkerKey].ToString()))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers[WorkerHeaders.Refused] = "key";
        await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: $"this worker answers only the platform: the {WorkerHeaders.WorkerKey} header is missing or wrong")
            .ExecuteAsync(context).ConfigureAwait(false);
    }

    private static bool IsHealthProbe(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Equals(ControlEndpoints.Prefix + "/health", StringComparison.Ordinal);

    private bool Matches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(_expected, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
