using Faas.Vmm.Agent;
using Faas.Vmm.Qemu.Processes;
using Faas.Vmm.Qemu.Qmp;

namespace Faas.Vmm.Qemu;

/// <summary>A VM running in its own QEMU process.</summary>
public sealed class QemuMicroVm : IMicroVm
{
    private static readonly TimeSpan QuitGrace = TimeSpan.FromSeconds(2);

    private readonly RunDirectory _runDirectory;
    private readonly QemuProcess _process;
    private readonly bool _keepConsoleLog;
    private readonly Lazy<Task> _disposal;

    internal QemuMicroVm(
        string id, VmBootSpec spec, RunDirectory runDirectory, QemuProcess process, QmpClient qmp, AgentClient agent, TimeSpan bootToReady, bool keepConsoleLog)
    {
        Id = id;
        Spec = spec;
        _runDirectory = runDirectory;
        _process = process;
        _keepConsoleLog = keepConsoleLog;
        Qmp = qmp;
        Agent = agent;
        BootToReady = bootToReady;
        _disposal = new Lazy<Task>(DisposeCoreAsync);
    }

    public string Id { get; }

    public AgentClient Agent { get; }

    /// <summary>The QMP connection to this VM's QEMU.</summary>
    public QmpClient Qmp { get; }

    /// <summary>From starting QEMU until the agent said hello or, for a restored VM, until the guest ran again.</summary>
    public TimeSpan BootToReady { get; }

    /// <summary>How the VM was booted (a restored VM: how the VM of its snapshot was).</summary>
    public VmBootSpec Spec { get; }

    /// <summary>True when the VM was restored from a snapshot rather than booted.</summary>
    public bool IsRestored { get; init; }

    /// <summary>The file holding guest RAM when the VM can be snapshotted; null otherwise.</summary>
    internal string? SnapshottableMemoryPath => Spec.Snapshottable && !IsRestored ? _runDirectory.MemoryPath : null;

    public string ConsoleLogPath => _runDirectory.ConsoleLogPath;

    /// <summary>The VM's private directory (sockets, console log); removed on dispose.</summary>
    public string RunDirectoryPath => _runDirectory.Path;

    /// <summary>The QEMU process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Completes when QEMU has exited: its exit code, or null when this process killed it.</summary>
    public Task<int?> Exited => _process.Exited;

    Task IMicroVm.Exited => Exited;

    /// <summary>Asks the agent to power off; if QEMU still runs after <paramref name="timeout"/>, QMP quit, then SIGKILL.</summary>
    public async Task ShutdownAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_process.HasExited)
        {
            return;
        }

        await Agent.RequestShutdownAsync(cancellationToken).ConfigureAwait(false);
        if (await ExitsWithinAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        using (var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            quit.CancelAfter(QuitGrace);
            try
            {
                await Qmp.QuitAsync(quit.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is QmpException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // QEMU did not take the quit; it gets killed below.
            }
        }

        if (await ExitsWithinAsync(QuitGrace, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        _process.Kill();
        await _process.Exited.ConfigureAwait(false);
    }

    /// <summary>Ends QEMU at once (SIGKILL) and waits until it has exited; the VM stays to be disposed.</summary>
    internal async Task KillAsync()
    {
        _process.Kill();
        await _process.Exited.ConfigureAwait(false);
    }

    /// <summary>Kills QEMU if it still runs, closes the connections and removes the run directory. Idempotent.</summary>
    public ValueTask DisposeAsync() => new(_disposal.Value);

    private async Task<bool> ExitsWithinAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _process.Exited.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task DisposeCoreAsync()
    {
        _process.Kill();
        await _process.Exited.ConfigureAwait(false);
        await Agent.DisposeAsync().ConfigureAwait(false);
        await Qmp.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
        _runDirectory.Delete(_keepConsoleLog);
    }
}
