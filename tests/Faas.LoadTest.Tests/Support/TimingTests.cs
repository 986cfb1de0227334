namespace Faas.LoadTest.Tests.Support;

/// <summary>
/// Tests that measure time (the engine against a server of known latency) and the end-to-end run that boots VMs: never at the
/// same time, so the VMs do not take the cores the timing tests measure with.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TimingTests
{
    public const string Name = "timing";
}
