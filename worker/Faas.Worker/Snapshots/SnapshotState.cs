namespace Faas.Worker.Snapshots;

/// <summary>Whether new instances of a function can be restored instead of booted.</summary>
public enum SnapshotState
{
    /// <summary>The function asked for no snapshot: every new instance boots.</summary>
    Disabled,

    /// <summary>Being taken.</summary>
    Creating,

    /// <summary>Taken; new instances are restored from it.</summary>
    Ready,

    /// <summary>Could not be taken or restored; new instances boot. The error says why.</summary>
    Failed,
}
