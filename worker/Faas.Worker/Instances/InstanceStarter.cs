using System.Security.Cryptography;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm;
using Faas.Vmm.Guest;
using Faas.Worker.Functions;
using Faas.Worker.Logs;
using Faas.Worker.Snapshots;
using Faas.Worker.Snapshots.Eviction;

namespace Faas.Worker.Instances;

/// <summary>Brings a function's VM to ready: by booting it (image mounted, function started, port open) or by restoring its snapshot.</summary>
internal sealed class InstanceStarter(IVmBackend backend, GuestImage guest, TimeProvider time)
{
    /// <summary>Fresh random bytes a restored guest mixes into its entropy pool, so clones of one snapshot never share random state.</summary>
    public const int ResumeEntropyBytes = 64;

    public IVmBackend Backend => backend;

    public GuestImage Guest => guest;

    /// <summary>Starts the instance the way its start kind says; a restore that fails falls back to a boot (and the instance says so).</summary>
    public async Task<StartedVm> StartAsync(FunctionRuntime runtime, FunctionInstance instance, CancellationToken cancellationToken)
    {
        var output = new InstanceOutput(runtime.Log, instance.Id);
        if (instance.Start == StartKind.Restore && runtime.Snapshot is { } snapshot)
        {
            try
            {
                var restored = await RestoreAsync(snapshot, output, cancellationToken).ConfigureAwait(false);
                SnapshotLastUse.Record(snapshot.Directory, time.GetUtcNow());
                runtime.Log.Append(instance.Id, LogSource.Platform, $"instance restored from snapshot {snapshot.Key[..12]} in VM {restored.Vm.Id}");
                return restored;
            }
            catch (Exception e) when (e is VmException or ProtocolException or IOException)
            {
                runtime.Log.Append(instance.Id, LogSource.Platform, $"restore failed ({e.Message}); booting instead");
                instance.Start = StartKind.Boot;
            }
        }

        var booted = await BootAsync(runtime, output, snapshottable: false, cancellationToken).ConfigureAwait(false);
        runtime.Log.Append(instance.Id, LogSource.Platform, $"instance booted in VM {booted.Started.Vm.Id}");
        return booted.Started;
    }

    /// <summary>Boots a VM with the function's image, starts the function and waits until its port accepts connections.</summary>
    /// <param name="runtime">The function.</param>
    /// <param name="output">Receives the function's output.</param>
    /// <param name="snapshottable">Boot so that the VM can be snapshotted (e.g. guest RAM in a file).</param>
    /// <param name="cancellationToken">Stops the boot; the VM is then stopped.</param>
    /// <exception cref="FunctionStartException">The VM did not boot, or the function exited or never became ready.</exception>
    public async Task<BootedFunction> BootAsync(FunctionRuntime runtime, InstanceOutput output, bool snapshottable, CancellationToken cancellationToken)
    {
        var definition = runtime.Definition;
        IMicroVm vm;
        try
        {
            vm = await ImageVm.BootAsync(backend, guest, runtime.Image, definition.MemoryMiB, definition.VcpuCount, snapshottable, cancellationToken).ConfigureAwait(false);
        }
        catch (VmException e)
        {
            throw new FunctionStartException(runtime.Key, e.Message, innerException: e) { ConsoleTail = e.ConsoleTail };
        }

        try
        {
            // Nothing else uses this fresh client yet, so the next channel number is the function's: a restored clone listens on it.
            var functionChannel = vm.Agent.NextChannel;
            var start = await vm.Agent.StartFunctionAsync(runtime.StartRequest, output.Sink, cancellationToken).ConfigureAwait(false);
            if (start.Failure is { } failure)
            {
                throw new FunctionStartException(runtime.Key, ExitDescription.Of(failure), failure.OutputTail);
            }

            return new BootedFunction(new StartedVm(vm, start.Exited, output), functionChannel, start.Ready!);
        }
        catch
        {
            await vm.DisposeAsync().ConfigureAwait(false);
            output.Flush();
            throw;
        }
    }

    /// <summary>Restores the function's snapshot, hands the guest the time and fresh entropy, and reconnects to the function's output.</summary>
    /// <exception cref="VmException">The snapshot could not be restored or the restored guest did not resume.</exception>
    public async Task<StartedVm> RestoreAsync(StoredSnapshot snapshot, InstanceOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var vm = await backend.RestoreAsync(snapshot.Vm, cancellationToken).ConfigureAwait(false);
        try
        {
            var exited = vm.Agent.FollowAsync(snapshot.FunctionChannel, output.Sink);
            var resume = new ResumeRequest((time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100, RandomNumberGenerator.GetBytes(ResumeEntropyBytes));
            if (await vm.Agent.ResumeAsync(resume, cancellationToken).ConfigureAwait(false) is { } error)
            {
                throw new VmException($"the restored guest did not resume: {error}");
            }

            return new StartedVm(vm, exited, output);
        }
        catch
        {
            await vm.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
