using Faas.Vmm;

namespace Faas.Worker.Snapshots;

/// <summary>A function's snapshot on disk: the VM's own snapshot plus what the worker needs to reconnect to the function.</summary>
/// <param name="Key">The content key (<see cref="SnapshotKey"/>).</param>
/// <param name="Directory">Where it is stored.</param>
/// <param name="Vm">The backend's snapshot.</param>
/// <param name="FunctionChannel">The agent channel the function was started on; its output keeps arriving there after a restore.</param>
/// <param name="CreatedAt">When it was taken (or fetched).</param>
/// <param name="Origin"><see cref="SnapshotOrigins.Taken"/> or <see cref="SnapshotOrigins.Fetched"/>.</param>
public sealed record StoredSnapshot(string Key, string Directory, VmSnapshot Vm, uint FunctionChannel, DateTimeOffset CreatedAt, string Origin = SnapshotOrigins.Taken);
