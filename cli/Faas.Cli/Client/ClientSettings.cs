using Faas.Cli.Hosting;

namespace Faas.Cli.Client;

/// <summary>Which gateway the client talks to and with which API key, and where each came from (for error messages).</summary>
public sealed class ClientSettings
{
    public const string DefaultGateway = "http://127.0.0.1:8080";
    public const string GatewayVariable = "FAAS_GATEWAY";
    public const string ApiKeyVariable = "FAAS_API_KEY";
    public const string ApiKeyFileName = "api-key";

    public ClientSettings(Uri gateway, string? apiKey, string? apiKeySource)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        Gateway = gateway;
        ApiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
        ApiKeySource = ApiKey is null ? null : apiKeySource;
    }

    public Uri Gateway { get; }

    public string? ApiKey { get; }

    /// <summary>"--api-key", "FAAS_API_KEY" or the key file's path; null without a key.</summary>
    public string? ApiKeySource { get; }

    /// <summary>
    /// Gateway: <paramref name="gatewayOption"/> &gt; $FAAS_GATEWAY &gt; <paramref name="stackFileGateway"/> &gt; http://127.0.0.1:8080.
    /// API key: <paramref name="apiKeyOption"/> &gt; $FAAS_API_KEY &gt; the file api-key in the data directory (written by `faas up`).
    /// </summary>
    /// <exception cref="ClientSettingsException">The gateway is not an absolute http(s) URL, or the key file cannot be read.</exception>
    public static ClientSettings Resolve(string? gatewayOption, string? apiKeyOption, string? stackFileGateway = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var (gatewayText, gatewaySource) =
            !string.IsNullOrWhiteSpace(gatewayOption) ? (gatewayOption, "--gateway")
            : environment(GatewayVariable) is { Length: > 0 } fromEnvironment ? (fromEnvironment, GatewayVariable)
            : !string.IsNullOrWhiteSpace(stackFileGateway) ? (stackFileGateway, "the stack file's provider.gateway")
            : (DefaultGateway, "the default");
        var gateway = ParseGateway(gatewayText.Trim(), gatewaySource);

        if (!string.IsNullOrWhiteSpace(apiKeyOption))
        {
            return new ClientSettings(gateway, apiKeyOption, "--api-key");
        }

        if (environment(ApiKeyVariable) is { } keyFromEnvironment && !string.IsNullOrWhiteSpace(keyFromEnvironment))
        {
            return new ClientSettings(gateway, keyFromEnvironment, ApiKeyVariable);
        }

        var keyFile = KeyFilePath(environment);
        return new ClientSettings(gateway, ReadKeyFile(keyFile), keyFile);
    }

    /// <summary>Where `faas up` saves the default tenant's key.</summary>
    public static string KeyFilePath(Func<string, string?>? environment = null) =>
        Path.Combine(DataDirectory.Resolve(null, environment ?? Environment.GetEnvironmentVariable), ApiKeyFileName);

    /// <summary>The API key never appears here: settings may end up in logs.</summary>
    public override string ToString() => $"gateway {Gateway}, API key {(ApiKey is null ? "none" : $"from {ApiKeySource}")}";

    private static Uri ParseGateway(string text, string source)
    {
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ClientSettingsException($"the gateway address '{text}' (from {source}) is not an http:// or https:// URL");
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
    }

    private static string? ReadKeyFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClientSettingsException($"cannot read the API key file {path}: {e.Message}", e);
        }
    }
}
