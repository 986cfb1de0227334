namespace Faas.LoadTest.Platform;

/// <summary>A function as the gateway describes it: its tenant (namespace), current version and live instances.</summary>
public sealed record DeployedFunction(string Name, string Namespace, int Version, IReadOnlyList<DeployedInstance> Instances);
