namespace Faas.Cli.Commands;

/// <summary>Everything `faas vm run` was asked to do.</summary>
public sealed record VmRunRequest(
    string? Backend,
    int MemoryMiB,
    int Cpus,
    IReadOnlyList<string> Environment,
    string? WorkingDirectory,
    string? Image,
    string? User,
    int? Port,
    TimeSpan ReadyTimeout,
    string? Probe,
    IReadOnlyList<string> Command);
