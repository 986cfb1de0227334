using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Faas.Cli.Client;

/// <summary>The gateway's HTTP API (docs/api.md) for the faas command: functions, invocations, logs and tenants.</summary>
public sealed class GatewayClient : IDisposable
{
    public const string NdjsonMediaType = "application/x-ndjson";

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;

    /// <param name="settings">Gateway address and API key.</param>
    /// <param name="handler">The handler to send through; a socket handler that does not follow redirects by default.</param>
    public GatewayClient(ClientSettings settings, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        handler ??= new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, AllowAutoRedirect = false };

        // Deploys, calls and followed logs last as long as they need; Ctrl-C cancels them.
        _http = new HttpClient(handler) { BaseAddress = settings.Gateway, Timeout = Timeout.InfiniteTimeSpan };
    }

    public ClientSettings Settings { get; }

    /// <summary>Where the function answers: {gateway}/function/{name}.</summary>
    public Uri FunctionUrl(string name) => new(Settings.Gateway, $"function/{Uri.EscapeDataString(name)}");

    /// <summary>
    /// Deploys with POST; when the function exists with another spec (409), updates it with PUT. Progress lines of the
    /// NDJSON answer go to <paramref name="progress"/>.
    /// </summary>
    /// <exception cref="GatewayProblemException">The gateway refused or failed the deploy (the problem carries the function's output tail).</exception>
    /// <exception cref="GatewayException">No gateway, or an answer that is not the API's.</exception>
    public async Task<DeployOutcome> DeployAsync(FunctionDeployment deployment, IProgress<DeployProgressEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var created = await SendDeployAsync(HttpMethod.Post, deployment, progress, cancellationToken);
        if (created.Function is { } function)
        {
            return new DeployOutcome(function, created.Status == (int)HttpStatusCode.Created ? DeployChange.Created : DeployChange.Unchanged);
        }

        if (created.Status != (int)HttpStatusCode.Conflict)
        {
            throw new GatewayProblemException(created.Problem!, Settings.Gateway);
        }

        var before = await FindFunctionAsync(deployment.Service, cancellationToken);
        var updated = await SendDeployAsync(HttpMethod.Put, deployment, progress, cancellationToken);
        if (updated.Function is not { } current)
        {
            throw new GatewayProblemException(updated.Problem!, Settings.Gateway);
        }

        var change = before is not null && before.Version == current.Version ? DeployChange.Unchanged : DeployChange.Updated;
        return new DeployOutcome(current, change);
    }

    /// <summary>GET /system/functions.</summary>
    public Task<GatewayDocument<IReadOnlyList<FunctionStatus>>> ListFunctionsAsync(CancellationToken cancellationToken = default) =>
        GetDocumentAsync<IReadOnlyList<FunctionStatus>>("system/functions", cancellationToken);

    /// <summary>GET /system/function/{name}.</summary>
    /// <exception cref="GatewayProblemException">404 when there is no such function.</exception>
    public Task<GatewayDocument<FunctionStatus>> GetFunctionAsync(string name, CancellationToken cancellationToken = default) =>
        GetDocumentAsync<FunctionStatus>($"system/function/{Uri.EscapeDataString(name)}", cancellationToken);

    /// <summary>GET /system/function/{name}, or null when there is no such function.</summary>
    public async Task<FunctionStatus?> FindFunctionAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await GetFunctionAsync(name, cancellationToken)).Value;
        }
        catch (GatewayProblemException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>DELETE /system/functions: stops every instance and forgets the function.</summary>
    /// <exception cref="GatewayProblemException">404 when there is no such function.</exception>
    public async Task RemoveFunctionAsync(string name, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "system/functions")
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["functionName"] = name }, options: GatewayJson.Options),
        };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>GET /system/logs: the log lines as the gateway sent them (JSON objects), oldest first; with Follow, until cancelled.</summary>
    public async IAsyncEnumerable<string> ReadLogsAsync(LogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var target = $"system/logs?name={Uri.EscapeDataString(query.Name)}";
        if (query.Since is { } since)
        {
            target += $"&since={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture))}";
        }

        if (query.Tail is { } tail)
        {
            target += $"&tail={tail}";
        }

        if (query.Follow)
        {
            target += "&follow=true";
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(NdjsonMediaType));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.TrimStart().StartsWith('['))
            {
                // A gateway that answers a JSON array instead of lines: the same objects.
                foreach (var element in ParseArray(line + await reader.ReadToEndAsync(cancellationToken)))
                {
                    yield return element;
                }

                yield break;
            }

            yield return line;
        }
    }

    /// <summary>
    /// Calls the function and returns its answer with the body not yet read (stream it; dispose the response). Errors are
    /// answers here, not exceptions: a function's 500 is a result.
    /// </summary>
    /// <exception cref="GatewayException">No gateway answered.</exception>
    public async Task<HttpResponseMessage> InvokeAsync(InvocationRequest invocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var target = $"function/{Uri.EscapeDataString(invocation.Function)}{NormalizePath(invocation.PathAndQuery)}";
        // Not disposed here: the body may still be streaming out while the answer streams in; the caller owns the body.
        var request = new HttpRequestMessage(invocation.Method, target) { Content = invocation.Body };
        foreach (var (name, value) in invocation.Headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                if (!request.Content.Headers.TryAddWithoutValidation(name, value))
                {
                    throw new ArgumentException($"the header '{name}' cannot be set on a request", nameof(invocation));
                }
            }
        }

        return await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>POST /system/tenants (admin keys only). The answer holds the new tenant's key, shown only this once.</summary>
    public async Task<CreatedTenant> CreateTenantAsync(string name, bool admin, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "system/tenants")
        {
            Content = JsonContent.Create(new TenantRequest(name, admin), options: GatewayJson.Options),
        };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var created = await ReadJsonAsync<CreatedTenant>(response, cancellationToken);
        return created.Value is { ApiKey.Length: > 0 } tenant ? tenant : throw new GatewayException(Settings.Gateway, "the gateway created the tenant but sent no API key");
    }

    /// <summary>GET /system/tenants (admin keys only).</summary>
    public Task<GatewayDocument<IReadOnlyList<TenantInfo>>> ListTenantsAsync(CancellationToken cancellationToken = default) =>
        GetDocumentAsync<IReadOnlyList<TenantInfo>>("system/tenants", cancellationToken);

    /// <summary>GET /system/keys: the ids of the caller's keys, or with an admin key those of <paramref name="tenant"/>.</summary>
    public Task<GatewayDocument<IReadOnlyList<ApiKeyInfo>>> ListKeysAsync(string? tenant, CancellationToken cancellationToken = default) =>
        GetDocumentAsync<IReadOnlyList<ApiKeyInfo>>(KeysTarget("system/keys", tenant), cancellationToken);

    /// <summary>POST /system/keys: another key for the caller's tenant (or <paramref name="tenant"/>, with an admin key), shown only this once.</summary>
    public async Task<IssuedKey> IssueKeyAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, KeysTarget("system/keys", tenant));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var issued = await ReadJsonAsync<IssuedKey>(response, cancellationToken);
        return issued.Value is { ApiKey.Length: > 0 } key ? key : throw new GatewayException(Settings.Gateway, "the gateway issued a key but did not send it");
    }

    /// <summary>DELETE /system/keys/{id}: the key stops working at once.</summary>
    /// <exception cref="GatewayProblemException">404 unknown key, 409 the tenant's last key.</exception>
    public async Task RevokeKeyAsync(string id, string? tenant, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, KeysTarget($"system/keys/{Uri.EscapeDataString(id)}", tenant));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static string KeysTarget(string path, string? tenant) =>
        string.IsNullOrEmpty(tenant) ? path : $"{path}?tenant={Uri.EscapeDataString(tenant)}";

    private async Task<DeployAnswer> SendDeployAsync(HttpMethod method, FunctionDeployment deployment, IProgress<DeployProgressEvent>? progress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, "system/functions")
        {
            Content = JsonContent.Create(deployment, options: GatewayJson.Options),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(NdjsonMediaType));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GatewayProblem.MediaType, 0.9));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            return new DeployAnswer(status, null, await ReadProblemAsync(response, cancellationToken));
        }

        if (!string.Equals(response.Content.Headers.ContentType?.MediaType, NdjsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            var function = await ReadJsonAsync<FunctionStatus>(response, cancellationToken);
            return new DeployAnswer(status, function.Value, null);
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            switch (DeployStreamParser.Parse(line))
            {
                case DeployProgressEvent step:
                    progress?.Report(step);
                    break;
                case DeployResultEvent result:
                    return new DeployAnswer(result.Status, result.Function, null);
                case DeployErrorEvent error:
                    return new DeployAnswer(error.Problem.Status, null, error.Problem);
            }
        }

        throw new GatewayException(Settings.Gateway, $"the gateway ended the deploy of {deployment.Service} without a result (it may have stopped)");
    }

    private async Task<GatewayDocument<T>> GetDocumentAsync<T>(string target, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadJsonAsync<T>(response, cancellationToken);
    }

    private async Task<GatewayDocument<T>> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            var value = document.RootElement.Deserialize<T>(GatewayJson.Options)
                ?? throw new GatewayException(Settings.Gateway, $"the gateway answered {response.RequestMessage?.RequestUri?.AbsolutePath} with null");
            return new GatewayDocument<T>(value, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new GatewayException(
                Settings.Gateway,
                $"the gateway's answer to {response.RequestMessage?.RequestUri?.AbsolutePath} is not what the API describes: {e.Message}",
                e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (Settings.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        try
        {
            return await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new GatewayUnreachableException(Settings.Gateway, e);
        }
        catch (HttpRequestException e)
        {
            throw new GatewayException(Settings.Gateway, $"the call to the gateway at {Settings.Gateway} failed: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayUnreachableException(Settings.Gateway, e);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new GatewayProblemException(await ReadProblemAsync(response, cancellationToken), Settings.Gateway);
        }
    }

    private static async Task<GatewayProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        GatewayProblem.Parse(await response.Content.ReadAsStringAsync(cancellationToken), (int)response.StatusCode, response.ReasonPhrase);

    private static string NormalizePath(string? pathAndQuery) => pathAndQuery switch
    {
        null or "" => "",
        ['/', ..] or ['?', ..] => pathAndQuery,
        _ => "/" + pathAndQuery,
    };

    private List<string> ParseArray(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(element => element.GetRawText())];
        }
        catch (JsonException e)
        {
            throw new GatewayException(Settings.Gateway, $"the gateway's log answer is not JSON: {e.Message}", e);
        }
    }
}
