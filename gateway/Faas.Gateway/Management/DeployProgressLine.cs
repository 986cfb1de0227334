using System.Text.Json.Serialization;
using Faas.Scheduler.Functions;

namespace Faas.Gateway.Management;

/// <summary>A progress line of a streamed deploy: <c>{"type":"progress","phase":"pulling","detail":…,"done":1,"total":3,"version":1}</c>.</summary>
public sealed record DeployProgressLine(string Phase, string? Detail, long Done, long Total, int Version)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "progress";

    public static DeployProgressLine Of(DeployProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new DeployProgressLine(PhaseName(progress.Phase), progress.Detail, progress.Done, progress.Total, progress.Version);
    }

    /// <summary>The phase in camelCase: queued, resolving, pulling, verifying, unpacking, buildingRootfs, booting, snapshotting, ready, failed.</summary>
    public static string PhaseName(DeployPhase phase)
    {
        var name = phase.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
