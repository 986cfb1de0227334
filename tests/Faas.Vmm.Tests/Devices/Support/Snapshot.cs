using Faas.Vmm.Snapshots;

namespace Faas.Vmm.Tests.Devices.Support;

/// <summary>Saves and restores components through the same binary writer and reader a state file uses.</summary>
public static class Snapshot
{
    public static byte[] Save(ISnapshotable component)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            component.Save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Restores <paramref name="component"/> and checks it read the whole state.</summary>
    public static void Restore(ISnapshotable component, byte[] state)
    {
        using var stream = new MemoryStream(state);
        using var reader = new BinaryReader(stream);
        component.Restore(reader);
        Assert.Equal(state.Length, stream.Position);
    }
}
