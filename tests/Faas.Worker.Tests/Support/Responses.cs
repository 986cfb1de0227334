using Faas.Worker.Http;

namespace Faas.Worker.Tests.Support;

/// <summary>Reads the worker's own headers off a response.</summary>
public static class Responses
{
    public static string? Start(HttpResponseMessage response) => Header(response, WorkerHeaders.Start);

    public static string? Instance(HttpResponseMessage response) => Header(response, WorkerHeaders.Instance);

    private static string? Header(HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
    }
}
