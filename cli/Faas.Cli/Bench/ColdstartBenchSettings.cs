namespace Faas.Cli.Bench;

/// <summary>What `faas bench coldstart` measures: which backend, which image and path, how many runs, what size of VM.</summary>
public sealed record ColdstartBenchSettings(string? Backend, string Image, int Runs, string Path, int MemoryMiB, bool Json);
