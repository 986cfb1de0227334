namespace Faas.LoadTest.K6;

/// <summary>
/// The targets a k6 script calls (FAAS_TARGETS): what lib/faas.js's prepare() returns when it deploys by itself, written by
/// Faas.LoadTest when it has deployed already.
/// </summary>
public sealed record TargetsFile(string RunId, bool DeployedHere, IReadOnlyList<StreamTargets> Streams);
