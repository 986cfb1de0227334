using Faas.Cli.Client;

namespace Faas.Cli.Commands;

/// <summary>What `faas deploy`'s flags set; applied over a stack file's function (flags win) or over a bare name and image.</summary>
public sealed record DeployOverrides
{
    public string? Image { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public string? Memory { get; init; }

    public string? Cpu { get; init; }

    public int? MinInstances { get; init; }

    public int? MaxInstances { get; init; }

    public int? MaxConcurrency { get; init; }

    public string? KeepAlive { get; init; }

    public string? Timeout { get; init; }

    public int? Port { get; init; }

    public string? Process { get; init; }

    public string? User { get; init; }

    public FunctionDeployment Apply(FunctionDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment with
        {
            Image = Image ?? deployment.Image,
            EnvVars = Merge(deployment.EnvVars, Environment),
            Labels = Merge(deployment.Labels, Labels),
            Annotations = Merge(deployment.Annotations, Annotations),
            Memory = Memory ?? deployment.Memory,
            Limits = Cpu is null ? deployment.Limits : (deployment.Limits ?? new FunctionResources()) with { Cpu = Cpu },
            MinInstances = MinInstances ?? deployment.MinInstances,
            MaxInstances = MaxInstances ?? deployment.MaxInstances,
            MaxConcurrency = MaxConcurrency ?? deployment.MaxConcurrency,
            KeepAlive = KeepAlive ?? deployment.KeepAlive,
            Timeout = Timeout ?? deployment.Timeout,
            Port = Port ?? deployment.Port,
            EnvProcess = Process ?? deployment.EnvProcess,
            User = User ?? deployment.User,
        };
    }

    private static Dictionary<string, string>? Merge(IReadOnlyDictionary<string, string>? values, IReadOnlyDictionary<string, string> overrides)
    {
        if (values is null && overrides.Count == 0)
        {
            return null;
        }

        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (values ?? new Dictionary<string, string>()).Concat(overrides))
        {
            merged[key] = value;
        }

        return merged;
    }
}
