using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Faas.Cli.Tests.Platform;

/// <summary>Small helpers over the gateway's HTTP API (docs/api.md).</summary>
internal static class Gateway
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static JsonObject Deploy(string name, string image, Action<JsonObject>? customize = null)
    {
        var body = new JsonObject { ["service"] = name, ["image"] = image };
        customize?.Invoke(body);
        return body;
    }

    /// <summary>POSTs (or PUTs) a deploy and returns the response; the caller asserts its status.</summary>
    public static Task<HttpResponseMessage> SendDeployAsync(HttpClient client, JsonObject body, bool update = false) =>
        client.SendAsync(new HttpRequestMessage(update ? HttpMethod.Put : HttpMethod.Post, "/system/functions") { Content = JsonContent.Create(body) }, Token);

    public static async Task DeployAsync(HttpClient client, JsonObject body, bool update = false)
    {
        using var response = await SendDeployAsync(client, body, update);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"deploy {body["service"]}: {(int)response.StatusCode} {text}");
    }

    public static async Task<JsonObject> DescribeAsync(HttpClient client, string name)
    {
        using var response = await client.GetAsync($"/system/function/{name}", Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"describe {name}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static string Start(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Faas-Start", out var values) ? string.Join(",", values) : "";

    public static string Instance(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Faas-Instance", out var values) ? string.Join(",", values) : "";

    public static string Version(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Faas-Version", out var values) ? string.Join(",", values) : "";

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!.AsObject();
    }

    public static string Detail(JsonObject problem) => problem["detail"]?.GetValue<string>() ?? problem.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
