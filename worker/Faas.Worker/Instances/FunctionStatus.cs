using Faas.Worker.Functions;
using Faas.Worker.Snapshots;

namespace Faas.Worker.Instances;

/// <summary>A deployed function as the worker holds it.</summary>
/// <param name="Definition">What was deployed.</param>
/// <param name="ImageDigest">The manifest digest the image reference resolved to at deploy.</param>
/// <param name="Port">The port the function serves on in its VM.</param>
/// <param name="Snapshot">Whether new instances are restored, and from what.</param>
/// <param name="DeployedAt">When the deploy finished.</param>
/// <param name="Instances">Its instances now.</param>
public sealed record FunctionStatus(
    FunctionDefinition Definition,
    string ImageDigest,
    int Port,
    SnapshotStatus Snapshot,
    DateTimeOffset DeployedAt,
    IReadOnlyList<InstanceInfo> Instances);
