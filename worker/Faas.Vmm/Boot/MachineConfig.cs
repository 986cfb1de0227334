using Faas.Vmm.Arch.X64;

namespace Faas.Vmm.Boot;

/// <summary>The shape of a machine: memory, vCPUs and devices. A snapshot records it; a restore rebuilds the same machine.</summary>
/// <param name="MemoryBytes">Guest RAM, a multiple of 4 KiB, at most <see cref="Layout.MaxMemory"/>.</param>
/// <param name="VcpuCount">Virtual CPUs (1–32).</param>
public sealed record MachineConfig(ulong MemoryBytes, int VcpuCount = 1)
{
    public const int MaxVcpus = 32;

    /// <summary>A single-port virtio console (/dev/hvc0), the agent's channel.</summary>
    public bool VirtioConsole { get; init; } = true;

    /// <summary>virtio-blk disks in order (/dev/vda, /dev/vdb, …).</summary>
    public IReadOnlyList<VmDisk> Disks { get; init; } = [];

    /// <summary>What the guest's CPUID hides.</summary>
    public CpuidPolicy CpuidPolicy { get; init; } = CpuidPolicy.Host;

    /// <summary>The in-kernel irqchip and PIT (a Linux guest needs them; without, HLT stops the vCPU).</summary>
    public bool Irqchip { get; init; } = true;

    /// <exception cref="ArgumentException">The memory size or vCPU count is out of range, or there are more devices than IRQs.</exception>
    public void Validate()
    {
        if (MemoryBytes == 0 || MemoryBytes % 4096 != 0 || MemoryBytes > Layout.MaxMemory)
        {
            throw new ArgumentException($"guest memory must be a multiple of 4 KiB up to {Layout.MaxMemory >> 20} MiB, not {MemoryBytes} bytes");
        }

        if (VcpuCount is < 1 or > MaxVcpus)
        {
            throw new ArgumentException($"a machine has 1 to {MaxVcpus} vCPUs, not {VcpuCount}");
        }

        var devices = (VirtioConsole ? 1 : 0) + Disks.Count;
        if (devices > Layout.LastDeviceIrq - Layout.FirstDeviceIrq + 1)
        {
            throw new ArgumentException($"{devices} virtio devices are more than the {Layout.LastDeviceIrq - Layout.FirstDeviceIrq + 1} IRQs available");
        }
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(MemoryBytes);
        writer.Write(VcpuCount);
        writer.Write(VirtioConsole);
        writer.Write((int)CpuidPolicy);
        writer.Write(Irqchip);
        writer.Write(Disks.Count);
        foreach (var disk in Disks)
        {
            writer.Write(disk.Path);
            writer.Write(disk.ReadOnly);
        }
    }

    internal static MachineConfig Read(BinaryReader reader)
    {
        var memory = reader.ReadUInt64();
        var vcpus = reader.ReadInt32();
        var console = reader.ReadBoolean();
        var policy = (CpuidPolicy)reader.ReadInt32();
        var irqchip = reader.ReadBoolean();
        var diskCount = reader.ReadInt32();
        if (diskCount is < 0 or > 64)
        {
            throw new Snapshots.SnapshotFormatException($"the saved machine claims {diskCount} disks");
        }

        var disks = new VmDisk[diskCount];
        for (var i = 0; i < disks.Length; i++)
        {
            disks[i] = new VmDisk(reader.ReadString(), reader.ReadBoolean());
        }

        var config = new MachineConfig(memory, vcpus) { VirtioConsole = console, CpuidPolicy = policy, Irqchip = irqchip, Disks = disks };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new Snapshots.SnapshotFormatException($"the saved machine is not valid: {e.Message}", e);
        }

        return config;
    }
}
