using Faas.Vmm.Boot;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Snapshots;

/// <summary>
/// A paused machine to files and back: the memory file (<see cref="SnapshotFiles.MemoryFileName"/>) and the state file
/// (<see cref="SnapshotFiles.StateFileName"/>: machine shape, VM state, each vCPU's state, each device's state, in that order).
/// </summary>
internal static class MachineSnapshot
{
    public static SnapshotFiles Save(string directory, MachineConfig config, Vm vm, Vcpu[] vcpus, GuestMemory memory, MachineDevices devices)
    {
        Directory.CreateDirectory(directory);
        using var state = new MemoryStream();
        using (var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            config.Write(writer);
            VmState.Capture(vm).Write(writer);
            writer.Write(vcpus.Length);
            foreach (var vcpu in vcpus)
            {
                VcpuState.Capture(vcpu, vm).Write(writer);
            }

            devices.Save(writer);
        }

        var files = new SnapshotFiles(directory, 0, (long)memory.Size);
        MemoryFile.Write(memory, files.MemoryPath);
        StateFile.Write(files.StatePath, state.GetBuffer().AsSpan(0, (int)state.Length));
        return files with { StateBytes = new FileInfo(files.StatePath).Length };
    }

    /// <summary>Reads and checks the state file; the reader is positioned after the machine's shape.</summary>
    public static (MachineConfig Config, BinaryReader Reader) Open(string directory)
    {
        var state = StateFile.Read(SnapshotFiles.StatePathIn(directory));
        var reader = new BinaryReader(new MemoryStream(state, writable: false));
        try
        {
            return (MachineConfig.Read(reader), reader);
        }
        catch (EndOfStreamException e)
        {
            reader.Dispose();
            throw new SnapshotFormatException($"the state in '{directory}' ends too early", e);
        }
    }

    /// <summary>Applies the rest of the state to a machine built with the snapshot's shape and memory.</summary>
    public static void Apply(BinaryReader reader, Vm vm, Vcpu[] vcpus, MachineDevices devices)
    {
        try
        {
            var vmState = VmState.Read(reader);
            var count = reader.ReadInt32();
            if (count != vcpus.Length)
            {
                throw new SnapshotFormatException($"the snapshot has {count} vCPUs; the machine has {vcpus.Length}");
            }

            var vcpuStates = new VcpuState[count];
            for (var i = 0; i < count; i++)
            {
                vcpuStates[i] = VcpuState.Read(reader);
            }

            vmState.Apply(vm);
            for (var i = 0; i < count; i++)
            {
                vcpuStates[i].Apply(vcpus[i], vm);
            }

            devices.Restore(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new SnapshotFormatException("the snapshot's state ends too early", e);
        }
        catch (InvalidDataException e)
        {
            throw new SnapshotFormatException($"a device refused the snapshot's state: {e.Message}", e);
        }
    }
}
