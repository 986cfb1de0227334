namespace Faas.Cli.Hosting;

/// <summary>What <c>faas up --cluster</c> starts: PostgreSQL, Redis, one scheduler, one gateway and <see cref="Workers"/> workers, on loopback.</summary>
public sealed class LocalClusterOptions
{
    public required string DataDirectory { get; init; }

    public int Workers { get; init; } = 2;

    /// <summary>The gateway's listen address; port 0 picks a free one.</summary>
    public string GatewayUrl { get; init; } = EmbeddedPlatformOptions.DefaultGatewayUrl;

    public string? Backend { get; init; }

    /// <summary>Guest RAM in MiB each worker may give to instances; null: the worker's default.</summary>
    public int? WorkerMemoryCapacityMiB { get; init; }

    public FaasExecutable Executable { get; init; } = FaasExecutable.Current();

    /// <summary>How long one host may take to say it is ready.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);
}
