namespace Faas.Guest.Artifacts.Caching;

/// <param name="Path">The NativeAOT agent binary.</param>
internal sealed record AgentArtifact(string Key, string Path);
