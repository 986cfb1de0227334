using System.Globalization;
using Faas.Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace Faas.Gateway.Logs;

/// <summary>The query of <c>GET /system/logs?name=hello[&amp;since=RFC3339][&amp;tail=N][&amp;follow=true]</c>.</summary>
public sealed record LogRequest(string Name, DateTimeOffset? Since, int? Tail, bool Follow)
{
    /// <returns>The request, or the problem with its query.</returns>
    public static (LogRequest? Request, GatewayProblem? Problem) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var name = query["name"].ToString();
        if (name.Length == 0)
        {
            return Invalid("name the function: ?name=hello");
        }

        DateTimeOffset? since = null;
        if (query["since"].ToString() is { Length: > 0 } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Invalid($"since: '{sinceText}' is not an RFC 3339 time such as 2026-01-02T15:04:05Z");
            }

            since = parsed;
        }

        int? tail = null;
        if (query["tail"].ToString() is { Length: > 0 } tailText)
        {
            if (!int.TryParse(tailText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Invalid($"tail: '{tailText}' is not a number of lines");
            }

            tail = parsed;
        }

        var follow = false;
        if (query["follow"].ToString() is { Length: > 0 } followText && !bool.TryParse(followText, out follow))
        {
            if (followText is not ("1" or "0"))
            {
                return Invalid($"follow: '{followText}' is not true or false");
            }

            follow = followText == "1";
        }

        return (new LogRequest(name, since, tail, follow), null);
    }

    private static (LogRequest?, GatewayProblem?) Invalid(string detail) =>
        (null, GatewayProblem.Of(StatusCodes.Status400BadRequest, "Invalid log request", detail));
}
