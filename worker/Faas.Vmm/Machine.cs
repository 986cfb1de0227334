using Faas.Vmm.Boot;
using Faas.Vmm.Devices.Bus;
using Faas.Vmm.Devices.Serial;
using Faas.Vmm.Devices.VirtioConsole;
using Faas.Vmm.Snapshots;
using Faas.Vmm.Vstate;

namespace Faas.Vmm;

/// <summary>
/// A built VM ready to run (Firecracker's Vmm): its KVM VM, memory, vCPUs and devices. Built by <see cref="VmBuilder"/>;
/// <see cref="Start"/> runs it, <see cref="PauseAsync"/> stops the vCPUs so it can be snapshotted, disposing it frees everything.
/// </summary>
public sealed class Machine : IDisposable
{
    private readonly Vm _vm;
    private readonly Vcpu[] _vcpus;
    private readonly MachineDevices _devices;
    private readonly TaskCompletionSource<VcpuStop> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private int _disposed;

    internal Machine(MachineConfig config, Vm vm, GuestMemory memory, Vcpu[] vcpus, MachineDevices devices)
    {
        Config = config;
        _vm = vm;
        Memory = memory;
        _vcpus = vcpus;
        _devices = devices;
        foreach (var vcpu in vcpus)
        {
            vcpu.IoBus = devices.IoBus;
            vcpu.MmioBus = devices.MmioBus;
        }
    }

    public MachineConfig Config { get; }

    public GuestMemory Memory { get; }

    public IReadOnlyList<Vcpu> Vcpus => _vcpus;

    /// <summary>Port I/O devices; more can be inserted before <see cref="Start"/>.</summary>
    public DeviceBus IoBus => _devices.IoBus;

    /// <summary>Memory-mapped devices; more can be inserted before <see cref="Start"/>.</summary>
    public DeviceBus MmioBus => _devices.MmioBus;

    /// <summary>COM1, the guest's console.</summary>
    public Serial8250 Serial => _devices.Serial;

    /// <summary>The virtio console (/dev/hvc0); null when the machine has none.</summary>
    public VirtioConsoleDevice? Console => _devices.Console;

    /// <summary>The virtio_mmio.device= arguments for this machine's devices.</summary>
    public string DeviceKernelArguments => _devices.KernelArguments;

    /// <summary>True when KVM emulates the interrupt controllers and PIT for this VM.</summary>
    public bool HasIrqchip => _vm.HasIrqchip;

    /// <summary>Completes when the guest stops by itself (halt, shutdown, an error) or the machine is disposed; pausing does not complete it.</summary>
    public Task<VcpuStop> Stopped => _stopped.Task;

    /// <summary>Runs every vCPU. When one stops by itself the others are paused and <see cref="Stopped"/> completes.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_lock)
        {
            foreach (var vcpu in _vcpus)
            {
                _ = vcpu.RunAsync().ContinueWith(
                    run => OnVcpuStopped(run.Result),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
    }

    /// <summary>Stops every vCPU and waits until none is in KVM_RUN.</summary>
    public async Task PauseAsync()
    {
        await Task.WhenAll(_vcpus.Select(vcpu => vcpu.PauseAsync())).ConfigureAwait(false);
    }

    /// <summary>Writes the memory file and the state file of a paused machine into <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidOperationException">A vCPU is running.</exception>
    public SnapshotFiles SaveSnapshot(string directory)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_vcpus.Any(vcpu => vcpu.IsRunning))
        {
            throw new InvalidOperationException("pause the machine before taking a snapshot");
        }

        return MachineSnapshot.Save(directory, Config, _vm, _vcpus, Memory, _devices);
    }

    /// <summary>Stops the vCPUs and frees the VM, its memory and devices. Takes a few hundred microseconds (KVM waits for RCU).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var vcpu in _vcpus)
        {
            vcpu.Dispose();
        }

        _stopped.TrySetResult(new VcpuStop(VcpuStopReason.Paused, "the machine was disposed"));
        _devices.Dispose();
        _vm.Dispose();
        Memory.Dispose();
    }

    /// <summary>Disposes on a thread-pool thread, off the caller's path.</summary>
    public Task DisposeInBackgroundAsync() => Task.Run(Dispose);

    private void OnVcpuStopped(VcpuStop stop)
    {
        if (!stop.IsGuestStop || !_stopped.TrySetResult(stop))
        {
            return;
        }

        foreach (var vcpu in _vcpus)
        {
            vcpu.RequestStop();
        }
    }
}
