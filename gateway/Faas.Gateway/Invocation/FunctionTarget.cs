using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Faas.Gateway.Invocation;

/// <summary>
/// Where a call goes on the worker: <c>{workerUrl}/{tenant}/{workerFunction}{rest}</c>, where <c>rest</c> is what followed
/// <c>/function/{name}</c> in the request target, percent-encoding and query exactly as the client sent them. A target with
/// dot segments (<c>..</c>, <c>%2e</c>) takes the server's normalised path instead, so nothing can climb out of the function's
/// prefix on the worker.
/// </summary>
public static class FunctionTarget
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    public const string Prefix = "/function/";

    public static Uri Build(string workerUrl, string tenant, string workerFunction, string name, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(workerUrl);
        ArgumentNullException.ThrowIfNull(context);
        var rest = RestOf(context.Features.Get<IHttpRequestFeature>()?.RawTarget, name) ?? NormalisedRest(context.Request);
        return new Uri($"{workerUrl.TrimEnd('/')}/{tenant}/{workerFunction}{rest}", Verbatim);
    }

    /// <summary>
    /// What follows <c>/function/{name}</c> in a raw request target, starting with '/' ("/" when nothing or only a query
    /// follows). Null when the target does not start with that prefix as written (absolute-form, percent-encoded name, a
    /// path base) or has dot segments.
    /// </summary>
    public static string? RestOf(string? rawTarget, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (rawTarget is null
            || !rawTarget.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || string.CompareOrdinal(rawTarget, Prefix.Length, name, 0, name.Length) != 0)
        {
            return null;
        }

        var rest = rawTarget[(Prefix.Length + name.Length)..];
        if (rest.Length > 0 && rest[0] is not ('/' or '?'))
        {
            return null;
        }

        var queryAt = rest.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? rest : rest[..queryAt];
        if (HasDotSegment(path))
        {
            return null;
        }

        return rest.Length == 0 || rest[0] == '?' ? "/" + rest : rest;
    }

    public static bool HasDotSegment(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var segment in path.Split('/'))
        {
            var dots = segment.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
            if (dots is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    private static string NormalisedRest(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var afterFirst = path.IndexOf('/', 1);
        var end = afterFirst < 0 ? -1 : path.IndexOf('/', afterFirst + 1);
        var rest = end < 0 ? "/" : path[end..];
        return new PathString(rest).ToUriComponent() + request.QueryString.ToUriComponent();
    }
}
