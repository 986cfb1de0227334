using Faas.Gateway.Invocation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Faas.Gateway.Async;

/// <summary>
/// What follows <c>/async-function/{name}</c> in a request, kept for the call's run as <see cref="FunctionTarget"/> keeps it
/// for a synchronous call: as the client wrote it, or the server's normalised path when it has dot segments.
/// </summary>
public static class AsyncTarget
{
    public const string Prefix = "/async-function/";

    public static string RestOf(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is not null && raw.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && FunctionTarget.RestOf(FunctionTarget.Prefix + raw[Prefix.Length..], name) is { } rest)
        {
            return rest;
        }

        var path = context.Request.Path.Value ?? "/";
        var afterFirst = path.IndexOf('/', 1);
        var end = afterFirst < 0 ? -1 : path.IndexOf('/', afterFirst + 1);
        var restPath = end < 0 ? "/" : path[end..];
        return new PathString(restPath).ToUriComponent() + context.Request.QueryString.ToUriComponent();
    }
}
