namespace Faas.Guest.Artifacts;

/// <summary>Whether one guest artifact ("kernel", "agent", "initramfs") is in the cache.</summary>
/// <param name="Key">The content key the artifact is cached under; empty when it cannot be computed (see <paramref name="Problem"/>).</param>
/// <param name="Path">The cached file, when <paramref name="Cached"/>.</param>
/// <param name="Problem">Why the key could not be computed or the artifact cannot be built, if that is known without building.</param>
public sealed record ArtifactStatus(string Name, string Key, bool Cached, string? Path, string? Problem = null);
