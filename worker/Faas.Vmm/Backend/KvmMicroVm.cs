using Faas.Vmm.Agent;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Backend;

/// <summary>A VM run by the built-in VMM in this process.</summary>
public sealed class KvmMicroVm : IMicroVm
{
    private readonly string _runDirectory;
    private readonly ConsoleLogFile _console;
    private readonly bool _keepConsoleLog;
    private readonly Lazy<Task> _disposal;

    internal KvmMicroVm(string id, VmBootSpec spec, Machine machine, AgentClient agent, ConsoleLogFile console, string runDirectory, TimeSpan bootToReady, bool keepConsoleLog)
    {
        Id = id;
        Spec = spec;
        Machine = machine;
        Agent = agent;
        _console = console;
        _runDirectory = runDirectory;
        BootToReady = bootToReady;
        _keepConsoleLog = keepConsoleLog;
        _disposal = new Lazy<Task>(DisposeCoreAsync);
    }

    public string Id { get; }

    public AgentClient Agent { get; }

    /// <summary>From the start of the build until the agent said hello or, for a restored VM, until the guest ran again.</summary>
    public TimeSpan BootToReady { get; }

    public string ConsoleLogPath => _console.Path;

    /// <summary>How the VM was booted (a restored VM: how the VM of its snapshot was).</summary>
    public VmBootSpec Spec { get; }

    /// <summary>True when the VM was restored from a snapshot rather than booted.</summary>
    public bool IsRestored { get; init; }

    /// <summary>Completes with why the guest stopped (or that the VM was disposed).</summary>
    public Task<VcpuStop> Stopped => Machine.Stopped;

    Task IMicroVm.Exited => Machine.Stopped;

    internal Machine Machine { get; }

    internal ConsoleLogFile Console => _console;

    /// <summary>Asks the agent to power off (the guest resets, which ends the VM); stops the VM if it has not after <paramref name="timeout"/>.</summary>
    public async Task ShutdownAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (Machine.Stopped.IsCompleted)
        {
            return;
        }

        await Agent.RequestShutdownAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Machine.Stopped.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await Machine.PauseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the VM, closes the agent channel, frees the VM off the caller's thread and removes the run directory. Idempotent.</summary>
    public ValueTask DisposeAsync() => new(_disposal.Value);

    private async Task DisposeCoreAsync()
    {
        await Machine.PauseAsync().ConfigureAwait(false);
        Machine.Console?.Dispose();
        await Agent.DisposeAsync().ConfigureAwait(false);
        await Machine.DisposeInBackgroundAsync().ConfigureAwait(false);
        _console.Dispose();
        if (!_keepConsoleLog)
        {
            try
            {
                Directory.Delete(_runDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
