namespace Faas.Vmm.Qemu.Tests.Snapshots;

/// <summary>The tests that restore the one shared snapshot (a boot and a snapshot take seconds under TCG).</summary>
[CollectionDefinition(Name)]
public sealed class SnapshotTestGroup : ICollectionFixture<SnapshotFixture>
{
    public const string Name = "snapshot";
}
