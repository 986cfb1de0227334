using Faas.Vmm.Devices.Bus;
using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Interop;
using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Vstate;

/// <summary>
/// A virtual CPU with its own thread. <see cref="RunAsync"/> runs the guest until it stops: port I/O and MMIO exits go to
/// the buses, HLT, shutdown and errors end the run with a <see cref="VcpuStop"/> instead of an exception, and
/// <see cref="RequestStop"/> kicks it out of KVM_RUN from any thread.
/// </summary>
public sealed unsafe class Vcpu : IDisposable
{
    private const byte FloatingBus = 0xff;

    private readonly Thread _thread;
    private readonly SemaphoreSlim _start = new(0);
    private readonly Lock _lock = new();
    private TaskCompletionSource<VcpuStop>? _run;
    private VcpuStop _lastStop = VcpuStop.Paused;
    private nuint _pthread;
    private volatile bool _stopRequested;
    private volatile bool _disposed;
    private long _exits;
    private kvm_cpuid_entry2[] _cpuid = [];

    internal Vcpu(KvmVcpuFd fd)
    {
        Fd = fd;
        VcpuKick.EnsureInstalled();
        var threadReady = new ManualResetEventSlim();
        _thread = new Thread(() => ThreadMain(threadReady)) { IsBackground = true, Name = $"vcpu{fd.Id}" };
        _thread.Start();
        threadReady.Wait();
        threadReady.Dispose();
    }

    public int Index => Fd.Id;

    /// <summary>Port I/O devices (IN/OUT exits).</summary>
    public DeviceBus IoBus { get; set; } = new();

    /// <summary>Memory-mapped devices (MMIO exits).</summary>
    public DeviceBus MmioBus { get; set; } = new();

    /// <summary>Exits handled so far (all runs).</summary>
    public long ExitCount => Interlocked.Read(ref _exits);

    /// <summary>True between <see cref="RunAsync"/> and the end of that run.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_lock)
            {
                return _run is { Task.IsCompleted: false };
            }
        }
    }

    internal KvmVcpuFd Fd { get; }

    /// <summary>What the guest's CPUID reports (saved in snapshots: a restored vCPU gets the same).</summary>
    internal IReadOnlyList<kvm_cpuid_entry2> Cpuid => _cpuid;

    internal void SetCpuid(kvm_cpuid_entry2[] entries)
    {
        Fd.SetCpuid(entries);
        _cpuid = entries;
    }

    /// <summary>Runs the guest on the vCPU's thread; the task completes when the run ends, for whatever reason.</summary>
    /// <exception cref="InvalidOperationException">The vCPU is running already.</exception>
    public Task<VcpuStop> RunAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_lock)
        {
            if (_run is { Task.IsCompleted: false })
            {
                throw new InvalidOperationException($"vCPU {Index} is running already");
            }

            _stopRequested = false;
            Fd.Run->immediate_exit = 0;
            _run = new TaskCompletionSource<VcpuStop>(TaskCreationOptions.RunContinuationsAsynchronously);
            _start.Release();
            return _run.Task;
        }
    }

    /// <summary>Asks the running guest to stop; the run's task then completes with <see cref="VcpuStopReason.Paused"/>.</summary>
    public void RequestStop()
    {
        lock (_lock)
        {
            if (_run is not { Task.IsCompleted: false })
            {
                return;
            }

            _stopRequested = true;
            Volatile.Write(ref Fd.Run->immediate_exit, 1);
            VcpuKick.Send(_pthread);
        }
    }

    /// <summary>Stops the guest and waits until the vCPU is out of KVM_RUN; the last run's stop (or Paused when it was not running).</summary>
    public Task<VcpuStop> PauseAsync()
    {
        Task<VcpuStop> run;
        lock (_lock)
        {
            if (_run is not { Task.IsCompleted: false })
            {
                return Task.FromResult(_lastStop);
            }

            run = _run.Task;
        }

        RequestStop();
        return run;
    }

    /// <summary>Stops the guest, ends the thread and closes the vCPU.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        RequestStop();
        _disposed = true;
        _start.Release();
        _thread.Join();
        _start.Dispose();
        Fd.Dispose();
    }

    private void ThreadMain(ManualResetEventSlim ready)
    {
        _pthread = LibC.pthread_self();
        ready.Set();
        while (true)
        {
            _start.Wait();
            if (_disposed)
            {
                _run?.TrySetResult(VcpuStop.Paused);
                return;
            }

            VcpuStop stop;
            try
            {
                stop = RunUntilStop();
            }
            catch (Exception e)
            {
                // A device threw while serving the guest: the VM stops, the worker does not.
                stop = new VcpuStop(VcpuStopReason.DeviceError, $"{e.GetType().Name}: {e.Message}");
            }

            TaskCompletionSource<VcpuStop> run;
            lock (_lock)
            {
                _lastStop = stop;
                run = _run!;
            }

            run.TrySetResult(stop);
        }
    }

    private VcpuStop RunUntilStop()
    {
        var run = Fd.Run;
        while (true)
        {
            if (_stopRequested || _disposed)
            {
                CompletePendingExit(run);
                return VcpuStop.Paused;
            }

            var result = Fd.RunOnce();
            if (result == -LibC.EINTR || result == -LibC.EAGAIN)
            {
                continue;
            }

            if (result < 0)
            {
                return new VcpuStop(VcpuStopReason.RunFailed, $"KVM_RUN failed with errno {-result}");
            }

            Interlocked.Increment(ref _exits);
            switch (run->exit_reason)
            {
                case ExitReasons.KVM_EXIT_IO:
                    HandleIo(run);
                    break;
                case ExitReasons.KVM_EXIT_MMIO:
                    HandleMmio(run);
                    break;
                case ExitReasons.KVM_EXIT_INTR:
                case ExitReasons.KVM_EXIT_IRQ_WINDOW_OPEN:
                    break;
                case ExitReasons.KVM_EXIT_HLT:
                    return new VcpuStop(VcpuStopReason.Halted, "the guest halted");
                case ExitReasons.KVM_EXIT_SHUTDOWN:
                    return new VcpuStop(VcpuStopReason.Shutdown, "the guest shut down (triple fault or reset)");
                case ExitReasons.KVM_EXIT_SYSTEM_EVENT:
                    return new VcpuStop(VcpuStopReason.SystemEvent, DescribeSystemEvent(run->system_event.type));
                case ExitReasons.KVM_EXIT_INTERNAL_ERROR:
                    return new VcpuStop(VcpuStopReason.InternalError, DescribeInternalError(run));
                case ExitReasons.KVM_EXIT_FAIL_ENTRY:
                    return new VcpuStop(
                        VcpuStopReason.FailEntry,
                        $"entering the guest failed: hardware reason 0x{run->fail_entry.hardware_entry_failure_reason:x}");
                default:
                    return new VcpuStop(VcpuStopReason.UnhandledExit, $"unhandled KVM exit {run->exit_reason}");
            }
        }
    }

    /// <summary>
    /// An IN or MMIO read completes only when KVM_RUN is entered again (it copies the data into the guest's register then):
    /// one KVM_RUN with immediate_exit set does that and returns at once, so the saved state is consistent.
    /// </summary>
    private void CompletePendingExit(kvm_run* run)
    {
        Volatile.Write(ref run->immediate_exit, 1);
        _ = Fd.RunOnce();
        Volatile.Write(ref run->immediate_exit, 0);
    }

    private void HandleIo(kvm_run* run)
    {
        var io = run->io;
        var page = Fd.RunPage;
        var total = (long)io.size * io.count;
        if (io.size is not (1 or 2 or 4) || (long)io.data_offset + total > page.Length)
        {
            return;
        }

        var data = page.Slice((int)io.data_offset, (int)total);
        for (var i = 0; i < io.count; i++)
        {
            var item = data.Slice(i * io.size, io.size);
            if (io.direction == ExitReasons.KVM_EXIT_IO_OUT)
            {
                IoBus.Write(io.port, item);
            }
            else if (!IoBus.Read(io.port, item))
            {
                item.Fill(FloatingBus);
            }
        }
    }

    private void HandleMmio(kvm_run* run)
    {
        var length = (int)Math.Min(run->mmio.len, 8u);
        var data = new Span<byte>(run->mmio.data, length);
        if (run->mmio.is_write != 0)
        {
            MmioBus.Write(run->mmio.phys_addr, data);
        }
        else if (!MmioBus.Read(run->mmio.phys_addr, data))
        {
            data.Clear();
        }
    }

    private static string DescribeSystemEvent(uint type) => type switch
    {
        ExitReasons.KVM_SYSTEM_EVENT_SHUTDOWN => "the guest powered off",
        ExitReasons.KVM_SYSTEM_EVENT_RESET => "the guest reset the machine",
        ExitReasons.KVM_SYSTEM_EVENT_CRASH => "the guest reported a crash",
        _ => $"system event {type}",
    };

    private string DescribeInternalError(kvm_run* run)
    {
        var suberror = run->@internal.suberror;
        var what = suberror switch
        {
            ExitReasons.KVM_INTERNAL_ERROR_EMULATION => "KVM cannot emulate an instruction",
            ExitReasons.KVM_INTERNAL_ERROR_SIMUL_EX => "an exception occurred while delivering another",
            ExitReasons.KVM_INTERNAL_ERROR_DELIVERY_EV => "an event could not be delivered",
            ExitReasons.KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON => "an unexpected exit reason",
            _ => $"suberror {suberror}",
        };
        try
        {
            var regs = Fd.GetRegs();
            return $"KVM internal error: {what} (rip 0x{regs.rip:x})";
        }
        catch (KvmException)
        {
            return $"KVM internal error: {what}";
        }
    }
}
