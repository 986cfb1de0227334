namespace Faas.Vmm.Snapshots;

/// <summary>A component whose state goes into the snapshot's state file and comes back on restore, field by field, in a fixed order.</summary>
public interface ISnapshotable
{
    void Save(BinaryWriter writer);

    /// <exception cref="InvalidDataException">The state does not fit this component (e.g. a queue size it cannot have).</exception>
    void Restore(BinaryReader reader);
}
