namespace Faas.Vmm.Devices.VirtioConsole;

/// <summary>A wake-up for waiters on a condition guarded by the owner's lock: take <see cref="WaitAsync"/> and pulse under that lock.</summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource? _waiters;

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task WaitAsync() => (_waiters ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Pulse()
    {
        var waiters = _waiters;
        _waiters = null;
        waiters?.TrySetResult();
    }
}
