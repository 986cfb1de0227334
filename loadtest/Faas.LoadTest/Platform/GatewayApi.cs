using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace Faas.LoadTest.Platform;

/// <summary>The gateway's management API (docs/api.md) as far as a load test needs it: deploy, describe, remove, tenants.</summary>
public sealed class GatewayApi : IDisposable
{
    private readonly HttpClient _client;

    public GatewayApi(Uri gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        Gateway = gateway;
        // Deploys wait for a boot and a snapshot, which take tens of seconds under emulation on a busy machine.
        _client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(15) };
    }

    public Uri Gateway { get; }

    /// <summary>Deploys a new function and returns its version; it is ready (snapshot taken) when this returns.</summary>
    /// <exception cref="GatewayApiException">The gateway refused the deploy.</exception>
    public async Task<int> DeployAsync(string apiKey, DeployBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var request = Request(HttpMethod.Post, "system/functions", apiKey);
        request.Content = JsonContent.Create(body, GatewayJsonContext.Default.DeployBody);
        var function = await SendAsync(request, GatewayJsonContext.Default.DeployedFunction, $"deploying {body.Service}", cancellationToken).ConfigureAwait(false);
        return function.Version;
    }

    /// <exception cref="GatewayApiException">The key is not an admin key, or the name is taken.</exception>
    public async Task<CreatedTenant> CreateTenantAsync(string adminKey, string name, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "system/tenants", adminKey);
        request.Content = JsonContent.Create(new TenantBody(name, false), GatewayJsonContext.Default.TenantBody);
        return await SendAsync(request, GatewayJsonContext.Default.CreatedTenant, $"creating tenant {name}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeployedFunction> DescribeAsync(string apiKey, string name, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"system/function/{Uri.EscapeDataString(name)}", apiKey);
        return await SendAsync(request, GatewayJsonContext.Default.DeployedFunction, $"describing {name}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeployedFunction>> ListAsync(string apiKey, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "system/functions", apiKey);
        return await SendAsync(request, GatewayJsonContext.Default.IReadOnlyListDeployedFunction, "listing functions", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a function and stops its instances; a function already gone is fine.</summary>
    public async Task RemoveAsync(string apiKey, string name, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, $"system/functions?name={Uri.EscapeDataString(name)}", apiKey);
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            throw new GatewayApiException($"removing {name}", (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage Request(HttpMethod method, string path, string apiKey)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, string what, CancellationToken cancellationToken)
    {
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new GatewayApiException(what, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }

        return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
            ?? throw new GatewayApiException($"{what}: the gateway answered an empty body");
    }
}
