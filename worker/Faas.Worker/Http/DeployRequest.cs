using Faas.Worker.Functions;

namespace Faas.Worker.Http;

/// <summary>The body of PUT /_faas/functions/{tenant}/{name}: the function's image and settings; anything left out takes its default.</summary>
public sealed record DeployRequest
{
    public string Image { get; init; } = "";

    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public string? WorkingDirectory { get; init; }

    public string? User { get; init; }

    public int? Port { get; init; }

    public int? MemoryMiB { get; init; }

    public int? Vcpus { get; init; }

    public double? TimeoutSeconds { get; init; }

    public double? ReadyTimeoutSeconds { get; init; }

    public int? MaxConcurrency { get; init; }

    public int? MaxInstances { get; init; }

    public long? MaxRequestBytes { get; init; }

    public long? MaxResponseBytes { get; init; }

    public bool? Snapshot { get; init; }

    public FunctionDefinition ToDefinition(string tenant, string name)
    {
        var defaults = new FunctionDefinition { Tenant = tenant, Name = name, Image = Image };
        return defaults with
        {
            Overrides = new FunctionOverrides(Entrypoint, Command, Environment, WorkingDirectory, User, Port),
            MemoryMiB = MemoryMiB ?? defaults.MemoryMiB,
            VcpuCount = Vcpus ?? defaults.VcpuCount,
            Timeout = TimeoutSeconds is { } timeout ? TimeSpan.FromSeconds(timeout) : defaults.Timeout,
            ReadyTimeout = ReadyTimeoutSeconds is { } ready ? TimeSpan.FromSeconds(ready) : defaults.ReadyTimeout,
            MaxConcurrency = MaxConcurrency ?? defaults.MaxConcurrency,
            MaxInstances = MaxInstances ?? defaults.MaxInstances,
            MaxRequestBytes = MaxRequestBytes ?? defaults.MaxRequestBytes,
            MaxResponseBytes = MaxResponseBytes ?? defaults.MaxResponseBytes,
            Snapshot = Snapshot ?? defaults.Snapshot,
        };
    }
}
