using System.Globalization;
using Faas.Vmm.Arch.X64;
using Faas.Vmm.Devices.Bus;
using Faas.Vmm.Devices.Serial;
using Faas.Vmm.Devices.Virtio;
using Faas.Vmm.Devices.VirtioBlock;
using Faas.Vmm.Devices.VirtioConsole;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Boot;

/// <summary>
/// The machine's devices and where they sit: COM1 at 0x3f8 (IRQ 4); then the virtio console and the disks as virtio-mmio
/// devices, 4 KiB apart from 0xd0000000 with IRQs from 5 up, announced to Linux with virtio_mmio.device= arguments. A boot and a
/// restore build the same set in the same order, which is the order of their states in a snapshot.
/// </summary>
internal sealed class MachineDevices : IDisposable
{
    private readonly List<VirtioMmioTransport> _transports = [];
    private readonly List<IDisposable> _owned = [];
    private readonly List<string> _kernelArguments = [];

    private MachineDevices(Serial8250 serial)
    {
        Serial = serial;
    }

    public DeviceBus IoBus { get; } = new();

    public DeviceBus MmioBus { get; } = new();

    public Serial8250 Serial { get; }

    public VirtioConsoleDevice? Console { get; private set; }

    /// <summary>The virtio_mmio.device= arguments a Linux guest needs to find the virtio devices.</summary>
    public string KernelArguments => string.Join(' ', _kernelArguments);

    public static MachineDevices Create(Vm vm, GuestMemory memory, MachineConfig config, Action<ReadOnlySpan<byte>> serialOutput)
    {
        var devices = new MachineDevices(new Serial8250(vm.CreateInterruptLine(Layout.SerialIrq), serialOutput));
        try
        {
            devices.IoBus.Insert(Layout.SerialPort, 8, devices.Serial);
            if (config.VirtioConsole)
            {
                var console = new VirtioConsoleDevice();
                devices._owned.Add(console);
                devices.Console = console;
                devices.AddVirtio(vm, memory, console);
            }

            foreach (var disk in config.Disks)
            {
                VirtioBlockDevice block;
                try
                {
                    block = new VirtioBlockDevice(disk.Path, disk.ReadOnly);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new VmException($"cannot open the disk '{disk.Path}': {e.Message}", e);
                }

                devices._owned.Add(block);
                devices.AddVirtio(vm, memory, block);
            }

            return devices;
        }
        catch
        {
            devices.Dispose();
            throw;
        }
    }

    /// <summary>Saves every device, in the fixed order.</summary>
    public void Save(BinaryWriter writer)
    {
        Serial.Save(writer);
        writer.Write(_transports.Count);
        foreach (var transport in _transports)
        {
            transport.Save(writer);
        }
    }

    /// <summary>Restores every device; the set must be the one the snapshot was taken with.</summary>
    public void Restore(BinaryReader reader)
    {
        Serial.Restore(reader);
        var count = reader.ReadInt32();
        if (count != _transports.Count)
        {
            throw new Snapshots.SnapshotFormatException($"the snapshot has {count} virtio devices; this machine has {_transports.Count}");
        }

        foreach (var transport in _transports)
        {
            transport.Restore(reader);
        }
    }

    public void Dispose()
    {
        foreach (var device in _owned)
        {
            device.Dispose();
        }
    }

    private void AddVirtio(Vm vm, GuestMemory memory, IVirtioDevice device)
    {
        var index = (uint)_transports.Count;
        var address = Layout.MmioGapStart + (index * Layout.VirtioMmioStride);
        var irq = Layout.FirstDeviceIrq + index;
        var transport = new VirtioMmioTransport(device, memory, vm.CreateInterruptLine(irq));
        MmioBus.Insert(address, VirtioMmioTransport.MmioSize, transport);
        _transports.Add(transport);
        _kernelArguments.Add(string.Create(CultureInfo.InvariantCulture, $"virtio_mmio.device=4K@0x{address:x}:{irq}"));
    }
}
