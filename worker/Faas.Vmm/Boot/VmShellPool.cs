using System.Collections.Concurrent;
using Faas.Vmm.Kvm;

namespace Faas.Vmm.Boot;

/// <summary>
/// Keeps up to <see cref="Capacity"/> <see cref="VmShell"/>s of one shape ready. <see cref="Take"/> hands one out at once (or makes
/// one when none is ready); <see cref="RefillInBackground"/> tops the pool up, to be called once the caller's critical path is
/// over (creating VMs competes for the CPU with the guest just started).
/// </summary>
public sealed class VmShellPool : IDisposable
{
    private readonly ConcurrentQueue<VmShell> _ready = new();
    private readonly KvmSystem _kvm;
    private readonly Lock _refillLock = new();
    private Task _refill = Task.CompletedTask;
    private volatile bool _disposed;

    public VmShellPool(KvmSystem kvm, ShellShape shape, int capacity)
    {
        ArgumentNullException.ThrowIfNull(kvm);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _kvm = kvm;
        Shape = shape;
        Capacity = capacity;
    }

    public ShellShape Shape { get; }

    public int Capacity { get; }

    public int ReadyCount => _ready.Count;

    /// <summary>Whether shells of this pool fit a machine of <paramref name="config"/>.</summary>
    public bool Fits(MachineConfig config) => ShellShape.Of(config) == Shape;

    /// <summary>A ready shell, or a new one when none is ready.</summary>
    /// <exception cref="KvmException">No shell was ready and KVM refused to make one.</exception>
    public VmShell Take()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _ready.TryDequeue(out var ready) ? ready : VmShell.Create(_kvm, Shape);
    }

    /// <summary>Fills the pool to capacity on the calling thread.</summary>
    public void Fill()
    {
        while (!_disposed && _ready.Count < Capacity)
        {
            _ready.Enqueue(VmShell.Create(_kvm, Shape));
        }
    }

    /// <summary>Starts filling the pool on a thread-pool thread, unless a refill is under way; returns that refill.</summary>
    public Task RefillInBackground()
    {
        lock (_refillLock)
        {
            if (_refill.IsCompleted && !_disposed && _ready.Count < Capacity)
            {
                _refill = Task.Run(() =>
                {
                    try
                    {
                        Fill();
                    }
                    catch (KvmException)
                    {
                        // The next Take makes its own shell and reports what goes wrong.
                    }
                });
            }

            return _refill;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Task refill;
        lock (_refillLock)
        {
            refill = _refill;
        }

        refill.Wait();
        while (_ready.TryDequeue(out var shell))
        {
            shell.Dispose();
        }
    }
}
