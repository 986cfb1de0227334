using System.Collections.Concurrent;

namespace Faas.Vmm.Qemu;

/// <summary>
/// At most one QEMU per snapshot started ahead of its next restore (<see cref="QemuOptions.RestoreStandby"/>): machine,
/// devices and the snapshot's memory mapping are set up, and the restore only loads the device state. One that is not
/// taken within the idle limit is stopped.
/// </summary>
internal sealed class StandbyQemus(Func<VmSnapshot, Task<StartedQemu?>> start, TimeSpan idleLimit)
{
    private readonly ConcurrentDictionary<string, Task<StartedQemu?>> _standbys = new();

    /// <summary>Standbys started or starting.</summary>
    public int Count => _standbys.Count;

    /// <summary>Standbys that a restore would take now.</summary>
    public int ReadyCount => _standbys.Values.Count(standby => standby.IsCompletedSuccessfully && standby.Result is not null);

    /// <summary>The snapshot's standby when one is ready and still running; null otherwise (one still starting is left to finish).</summary>
    public async Task<StartedQemu?> TakeAsync(VmSnapshot snapshot)
    {
        var key = Key(snapshot);
        if (!_standbys.TryGetValue(key, out var standby) || !standby.IsCompletedSuccessfully || standby.Result is not { } started
            || !_standbys.TryRemove(KeyValuePair.Create(key, standby)))
        {
            return null;
        }

        if (started.Process.HasExited)
        {
            await started.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        started.Elapsed.Restart();
        return started;
    }

    /// <summary>Starts a standby for the snapshot in the background, unless it has one.</summary>
    public void Replenish(VmSnapshot snapshot)
    {
        var key = Key(snapshot);
        var starting = new TaskCompletionSource<StartedQemu?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_standbys.TryAdd(key, starting.Task))
        {
            _ = KeepAsync(key, snapshot, starting);
        }
    }

    /// <summary>Stops every standby.</summary>
    public async Task StopAllAsync()
    {
        foreach (var (key, standby) in _standbys)
        {
            if (_standbys.TryRemove(KeyValuePair.Create(key, standby)) && await standby.ConfigureAwait(false) is { } started)
            {
                await started.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task KeepAsync(string key, VmSnapshot snapshot, TaskCompletionSource<StartedQemu?> starting)
    {
        StartedQemu? started = null;
        try
        {
            started = await start(snapshot).ConfigureAwait(false);
        }
        finally
        {
            starting.SetResult(started);
            if (started is null)
            {
                _standbys.TryRemove(KeyValuePair.Create(key, starting.Task));
            }
        }

        if (started is null)
        {
            return;
        }

        await Task.WhenAny(Task.Delay(idleLimit), started.Process.Exited).ConfigureAwait(false);
        if (_standbys.TryRemove(KeyValuePair.Create(key, starting.Task)))
        {
            await started.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A snapshot directory taken again holds another snapshot: its state checksum tells them apart.</summary>
    private static string Key(VmSnapshot snapshot) => $"{snapshot.Directory}\n{snapshot.StateSha256}";
}
