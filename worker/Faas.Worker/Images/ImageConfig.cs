namespace Faas.Worker.Images;

/// <summary>What the guest agent needs from an image's OCI config to start its process.</summary>
/// <param name="Entrypoint">The executable and its leading arguments; empty when the image has none.</param>
/// <param name="Cmd">Default arguments appended to <paramref name="Entrypoint"/> (or the command itself when there is no entrypoint).</param>
/// <param name="Env">Environment variables as <c>NAME=value</c>.</param>
/// <param name="WorkingDir">The working directory, or null for <c>/</c>.</param>
/// <param name="User">The user (and optional group) to run as, e.g. <c>1000:1000</c> or <c>app</c>; null for root.</param>
/// <param name="ExposedPorts">Ports the image declares (TCP or UDP), sorted.</param>
public sealed record ImageConfig(
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    IReadOnlyList<string> Env,
    string? WorkingDir,
    string? User,
    IReadOnlyList<int> ExposedPorts);
