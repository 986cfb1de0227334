using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Faas.Common.Net;

namespace Faas.Worker.Tests.Support;

/// <summary>
/// A registry token service (the distribution "token" auth scheme): issues RS256 JWTs signed by a self-signed certificate the
/// registry trusts, for a user's basic credentials (GET) or for an identity token (OAuth2 refresh_token grant, POST).
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    public const string Service = "faas-test-registry";
    public const string Issuer = "faas-test-issuer";

    private readonly HttpListener listener = new();
    private readonly RSA key = RSA.Create(2048);
    private readonly X509Certificate2 certificate;
    private readonly string username;
    private readonly string password;
    private readonly string identityToken;
    private readonly Task serving;

    public TokenServer(string username, string password, string identityToken)
    {
        this.username = username;
        this.password = password;
        this.identityToken = identityToken;
        var request = new CertificateRequest("CN=faas test token issuer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Port = FreePort.Pick();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = ServeAsync();
    }

    public int Port { get; }

    public string Realm => $"http://127.0.0.1:{Port}/token";

    public string CertificatePem => certificate.ExportCertificatePem();

    /// <summary>How many access tokens were issued for an identity token.</summary>
    public int IdentityTokenGrants { get; private set; }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        try
        {
            await serving;
        }
        catch (HttpListenerException)
        {
            // Stopped.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }

        listener.Close();
        certificate.Dispose();
        key.Dispose();
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            var parameters = await ReadParametersAsync(context.Request);
            var granted = context.Request.HttpMethod == "POST"
                ? parameters.GetValueOrDefault("grant_type") == "refresh_token" && parameters.GetValueOrDefault("refresh_token") == identityToken
                : HasBasicCredentials(context.Request);
            if (!granted)
            {
                response.StatusCode = 401;
                continue;
            }

            if (context.Request.HttpMethod == "POST")
            {
                IdentityTokenGrants++;
            }

            var token = IssueToken(parameters.GetValueOrDefault("scope"));
            var body = Encoding.UTF8.GetBytes(new JsonObject { ["token"] = token, ["access_token"] = token, ["expires_in"] = 300 }.ToJsonString());
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(body);
        }
    }

    private bool HasBasicCredentials(HttpListenerRequest request)
    {
        var header = request.Headers["Authorization"];
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        return Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])) == $"{username}:{password}";
    }

    private string IssueToken(string? scope)
    {
        var access = new JsonArray();
        if (scope is not null)
        {
            foreach (var item in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var first = item.IndexOf(':', StringComparison.Ordinal);
                var last = item.LastIndexOf(':');
                var actions = new JsonArray(item[(last + 1)..].Split(',').Select(action => (JsonNode)JsonValue.Create(action)!).ToArray());
                access.Add(new JsonObject { ["type"] = item[..first], ["name"] = item[(first + 1)..last], ["actions"] = actions });
            }
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(Convert.ToBase64String(certificate.RawData)) };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = username,
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signed = $"{Base64Url(header.ToJsonString())}.{Base64Url(claims.ToJsonString())}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url(signature)}";
    }

    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpListenerRequest request)
    {
        var query = request.Url?.Query.TrimStart('?') ?? "";
        if (request.HttpMethod == "POST")
        {
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            query = $"{query}&{await reader.ReadToEndAsync()}";
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            parameters[name] = parameters.TryGetValue(name, out var existing) ? $"{existing} {value}" : value;
        }

        return parameters;
    }

    private static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
