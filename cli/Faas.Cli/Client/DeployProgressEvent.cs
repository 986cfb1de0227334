namespace Faas.Cli.Client;

/// <summary>{"type":"progress"}: where the deploy is.</summary>
/// <param name="Phase">queued, resolving, pulling, verifying, unpacking, buildingRootfs, booting, snapshotting, ready.</param>
/// <param name="Detail">A human-readable line ("Copying blob sha256:…"), or null.</param>
/// <param name="Done">Units done in this phase (layers or bytes); 0 when not measured.</param>
/// <param name="Total">Units in this phase; 0 when unknown.</param>
/// <param name="Version">The version being deployed; 0 when not said.</param>
public sealed record DeployProgressEvent(string Phase, string? Detail = null, long Done = 0, long Total = 0, int Version = 0) : DeployStreamEvent;
