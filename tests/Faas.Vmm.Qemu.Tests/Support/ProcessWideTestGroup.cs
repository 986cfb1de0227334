namespace Faas.Vmm.Qemu.Tests.Support;

/// <summary>Tests that act on every QEMU of the test process; they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTestGroup
{
    public const string Name = "process-wide";
}
