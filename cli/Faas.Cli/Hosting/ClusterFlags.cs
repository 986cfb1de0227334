using System.CommandLine;
using System.Globalization;

namespace Faas.Cli.Hosting;

/// <summary>The command-line flags every cluster host takes; each overrides its FAAS_ variable.</summary>
public sealed class ClusterFlags
{
    public Option<string?> Postgres { get; } = new("--postgres") { Description = "Npgsql connection string of the cluster database ($FAAS_POSTGRES)" };

    public Option<string?> ClusterId { get; } = new("--cluster-id") { Description = "Orleans cluster id ($FAAS_CLUSTER_ID, default faas)" };

    public Option<string?> Advertise { get; } = new("--advertise") { Description = "Address other hosts reach this one at ($FAAS_ADVERTISE, default 127.0.0.1)" };

    public Option<int?> SiloPort { get; } = new("--silo-port") { Description = "Silo-to-silo port ($FAAS_SILO_PORT, default 11111; 0: any free port)" };

    public Option<int?> SiloGatewayPort { get; } = new("--silo-gateway-port") { Description = "Port Orleans clients connect to ($FAAS_SILO_GATEWAY_PORT, default 30000; 0: any free port)" };

    public Option<string[]> Listen { get; }

    public ClusterFlags(string listenDescription) =>
        Listen = new Option<string[]>("--listen") { Description = listenDescription + " ($FAAS_LISTEN; repeatable)" };

    public void AddTo(Command command, bool silo)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Postgres);
        command.Options.Add(ClusterId);
        command.Options.Add(Listen);
        if (silo)
        {
            command.Options.Add(Advertise);
            command.Options.Add(SiloPort);
            command.Options.Add(SiloGatewayPort);
        }
    }

    /// <summary>The flags given on the command line, as configuration keys (absent flags are null and do not override).</summary>
    public Dictionary<string, string?> Overrides(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var listen = parse.GetValue(Listen);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["POSTGRES"] = parse.GetValue(Postgres),
            ["CLUSTER_ID"] = parse.GetValue(ClusterId),
            ["ADVERTISE"] = parse.GetValue(Advertise),
            ["SILO_PORT"] = parse.GetValue(SiloPort)?.ToString(CultureInfo.InvariantCulture),
            ["SILO_GATEWAY_PORT"] = parse.GetValue(SiloGatewayPort)?.ToString(CultureInfo.InvariantCulture),
            ["LISTEN"] = listen is { Length: > 0 } ? string.Join(';', listen) : null,
        };
    }

    /// <summary>FAAS_LISTEN (addresses separated by ';'), else <paramref name="fallback"/>.</summary>
    public static IReadOnlyList<string> ListenUrls(Microsoft.Extensions.Configuration.IConfiguration configuration, string fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration["LISTEN"];
        return string.IsNullOrWhiteSpace(value) ? [fallback] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
