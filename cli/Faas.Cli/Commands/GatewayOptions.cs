using System.CommandLine;
using Faas.Cli.Client;

namespace Faas.Cli.Commands;

/// <summary>--gateway and --api-key, shared by every command that talks to the gateway.</summary>
public sealed class GatewayOptions
{
    private readonly Option<string?> _gateway = new("--gateway", "-g")
    {
        Description = $"The gateway's URL (default: ${ClientSettings.GatewayVariable}, else {ClientSettings.DefaultGateway})",
    };

    private readonly Option<string?> _apiKey = new("--api-key")
    {
        Description = $"The API key (default: ${ClientSettings.ApiKeyVariable}, else the key `faas up` saved in its data directory). Prefer the variable: arguments show in the process list",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_gateway);
        command.Options.Add(_apiKey);
    }

    /// <exception cref="ClientSettingsException">The gateway URL is not usable or the key file cannot be read.</exception>
    public ClientSettings Read(ParseResult parse, string? stackFileGateway = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return ClientSettings.Resolve(parse.GetValue(_gateway), parse.GetValue(_apiKey), stackFileGateway);
    }
}
