using Faas.Worker.Functions;
using Microsoft.AspNetCore.Http;

namespace Faas.Worker.Http;

/// <summary>Error responses as RFC 9457 problem details (application/problem+json), naming the function and instance concerned.</summary>
internal static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, FunctionKey? function = null, string? instance = null, string? outputTail = null)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (function is { } key)
        {
            extensions["function"] = key.ToString();
        }

        if (instance is not null)
        {
            extensions["instance"] = instance;
        }

        if (outputTail is not null)
        {
            extensions["outputTail"] = outputTail;
        }

        return TypedResults.Problem(detail, instance: null, statusCode: status, title: title, extensions: extensions).ExecuteAsync(context);
    }
}
