namespace Faas.Vmm.Qemu.Snapshots;

/// <summary>The QEMU backend's files in a snapshot directory, next to <see cref="VmSnapshot.FileName"/>.</summary>
internal static class QemuSnapshotFiles
{
    /// <summary>vCPU and device state: QEMU's migration stream without guest RAM.</summary>
    public const string StateFileName = "state";

    /// <summary>Guest RAM, byte for byte (sparse); restores map it copy-on-write.</summary>
    public const string MemoryFileName = "memory";

    public static string StatePath(string directory) => Path.Combine(directory, StateFileName);

    public static string MemoryPath(string directory) => Path.Combine(directory, MemoryFileName);
}
