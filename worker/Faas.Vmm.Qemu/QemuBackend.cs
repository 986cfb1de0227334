using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Faas.Vmm.Agent;
using Faas.Vmm.Qemu.Processes;
using Faas.Vmm.Qemu.Qmp;
using Faas.Vmm.Qemu.Snapshots;
using Faas.Vmm.Qemu.Sockets;

namespace Faas.Vmm.Qemu;

/// <summary>Boots micro-VMs with QEMU's microvm machine (TCG or KVM), driven over QMP; snapshots them and restores the snapshots.</summary>
public sealed class QemuBackend : IVmBackend
{
    public const string BackendName = "qemu";

    /// <summary>How long a QEMU whose connections broke gets to finish exiting, so that its exit is what gets reported.</summary>
    private static readonly TimeSpan ExitReportGrace = TimeSpan.FromSeconds(5);

    private readonly StandbyQemus _standbys;

    public QemuBackend(QemuOptions? options = null)
    {
        Options = options ?? new QemuOptions();
        _standbys = new StandbyQemus(StartStandbyAsync, Options.RestoreStandbyIdleLimit);
    }

    public QemuOptions Options { get; }

    public string Name => BackendName;

    /// <summary>QEMU processes started by this process that are still running (all backends, standbys included).</summary>
    public static int LiveProcessCount => LiveQemuProcesses.Count;

    /// <summary>QEMUs of this backend started ahead of restores (<see cref="QemuOptions.RestoreStandby"/>), running or starting.</summary>
    public int StandbyCount => _standbys.Count;

    /// <summary>Standbys a restore would take now.</summary>
    internal int ReadyStandbyCount => _standbys.ReadyCount;

    public async Task<IMicroVm> BootAsync(VmBootSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequireFile(spec.KernelPath, "guest kernel");
        RequireFile(spec.InitrdPath, "initramfs");
        cancellationToken.ThrowIfCancellationRequested();

        var stage = new LaunchStage(
            "the guest agent said hello",
            Options.BootTimeout,
            $"the guest agent did not say hello within {Options.BootTimeout.TotalSeconds:0.#} s (QEMU is still running; see the console log)",
            "the guest agent's channel failed before its hello");
        var started = await StartQemuAsync(runDirectory => QemuCommandLine.Build(Options, spec, runDirectory), stage, cancellationToken).ConfigureAwait(false);
        return await CompleteAsync(
            started,
            spec,
            stage,
            stage.Timeout - started.Elapsed.Elapsed,
            token => AgentClient.ConnectAsync(started.AgentStream, token),
            restored: false,
            cancellationToken).ConfigureAwait(false);
    }

    public Task<VmSnapshot> SnapshotAsync(IMicroVm vm, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (vm is not QemuMicroVm qemuVm)
        {
            throw new VmException($"VM {vm.Id} is not a QEMU VM: only the backend that runs a VM can snapshot it");
        }

        return SnapshotTaker.TakeAsync(qemuVm, directory, Options.SnapshotTimeout, cancellationToken);
    }

    public async Task<IMicroVm> RestoreAsync(VmSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        using var state = SnapshotReader.OpenState(snapshot);

        var stage = RestoreStage(snapshot);
        var started = await _standbys.TakeAsync(snapshot).ConfigureAwait(false)
            ?? await StartQemuAsync(RestoreCommandLine(snapshot), stage, cancellationToken).ConfigureAwait(false);
        var vm = await CompleteAsync(
            started,
            snapshot.Spec,
            stage,
            stage.Timeout - started.Elapsed.Elapsed,
            async token =>
            {
                await QemuMigration.LoadAsync(started.Qmp, state, token).ConfigureAwait(false);
                return AgentClient.Attach(started.AgentStream, snapshot.Hello, snapshot.NextChannel);
            },
            restored: true,
            cancellationToken).ConfigureAwait(false);
        if (Options.RestoreStandby)
        {
            _standbys.Replenish(snapshot);
        }

        return vm;
    }

    /// <summary>Stops the QEMUs started ahead of restores (<see cref="QemuOptions.RestoreStandby"/>).</summary>
    public Task StopStandbysAsync() => _standbys.StopAllAsync();

    private Func<RunDirectory, IReadOnlyList<string>> RestoreCommandLine(VmSnapshot snapshot) =>
        runDirectory => QemuCommandLine.BuildRestore(Options, snapshot.Spec, runDirectory, QemuSnapshotFiles.MemoryPath(snapshot.Directory));

    private LaunchStage RestoreStage(VmSnapshot snapshot) => new(
        "the restored VM resumed",
        Options.RestoreTimeout,
        $"the VM restored from '{snapshot.Directory}' did not resume within {Options.RestoreTimeout.TotalSeconds:0.#} s (QEMU is still running; see the console log)",
        $"restoring '{snapshot.Directory}' failed");

    private async Task<StartedQemu?> StartStandbyAsync(VmSnapshot snapshot)
    {
        try
        {
            return await StartQemuAsync(RestoreCommandLine(snapshot), RestoreStage(snapshot), CancellationToken.None).ConfigureAwait(false);
        }
        catch (VmException)
        {
            // No standby: the next restore starts its own QEMU, and reports what goes wrong.
            return null;
        }
    }

    /// <summary>Starts QEMU with sockets it connects to (QMP, then the agent's) and waits for both connections.</summary>
    private async Task<StartedQemu> StartQemuAsync(Func<RunDirectory, IReadOnlyList<string>> commandLine, LaunchStage stage, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var runDirectory = RunDirectory.Create(Options.RunDirectoryRoot, id);
        QemuProcess? process = null;
        try
        {
            using var qmpListener = Listen(runDirectory.QmpSocketPath);
            using var agentListener = Listen(runDirectory.AgentSocketPath);
            var arguments = commandLine(runDirectory);
            var sinceStart = Stopwatch.StartNew();
            process = Start(arguments);
            var running = process;
            var (qmp, agentStream) = await WhileRunningAsync(
                running, runDirectory, stage, stage.Timeout, token => ConnectAsync(qmpListener, agentListener, token), cancellationToken).ConfigureAwait(false);
            return new StartedQemu(id, runDirectory, running, qmp, agentStream, sinceStart, Options.KeepConsoleLog);
        }
        catch (Exception e)
        {
            await AbandonAsync(process, runDirectory).ConfigureAwait(false);
            if (e is OperationCanceledException)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            throw;
        }
    }

    /// <summary>Waits until <paramref name="ready"/> gives the agent client, then hands everything to the VM.</summary>
    private static async Task<QemuMicroVm> CompleteAsync(
        StartedQemu started,
        VmBootSpec spec,
        LaunchStage stage,
        TimeSpan timeLeft,
        Func<CancellationToken, Task<AgentClient>> ready,
        bool restored,
        CancellationToken cancellationToken)
    {
        try
        {
            var agent = await WhileRunningAsync(started.Process, started.RunDirectory, stage, timeLeft, ready, cancellationToken).ConfigureAwait(false);
            return started.ToMicroVm(spec, agent, restored);
        }
        catch (Exception e)
        {
            await started.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            throw;
        }
    }

    /// <summary>Runs one step of a start; QEMU exiting or the time running out ends it with a <see cref="VmException"/> that says why.</summary>
    private static async Task<T> WhileRunningAsync<T>(
        QemuProcess process,
        RunDirectory runDirectory,
        LaunchStage stage,
        TimeSpan timeLeft,
        Func<CancellationToken, Task<T>> step,
        CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLeft > TimeSpan.Zero ? timeLeft : TimeSpan.Zero);
        var stepping = step(limit.Token);
        if (await Task.WhenAny(stepping, process.Exited).ConfigureAwait(false) != stepping)
        {
            await limit.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            return await stepping.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw await DescribeFailureAsync(process, runDirectory, stage, e).ConfigureAwait(false);
        }
    }

    private static async Task<(QmpClient Qmp, Stream AgentStream)> ConnectAsync(
        UnixSocketListener qmpListener, UnixSocketListener agentListener, CancellationToken cancellationToken)
    {
        var qmp = await QmpClient.ConnectAsync(await qmpListener.AcceptAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        try
        {
            return (qmp, await agentListener.AcceptAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await qmp.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<VmException> DescribeFailureAsync(QemuProcess process, RunDirectory runDirectory, LaunchStage stage, Exception failure)
    {
        if (failure is OperationCanceledException && !process.HasExited)
        {
            return new VmException(stage.TimedOut, failure) { ConsoleTail = ConsoleTail.Read(runDirectory.ConsoleLogPath) };
        }

        // A broken socket or a refused snapshot usually means QEMU is exiting: wait for it, so the report says why.
        try
        {
            await process.Exited.WaitAsync(ExitReportGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new VmException($"{stage.Broke}: {failure.Message}", failure) { ConsoleTail = ConsoleTail.Read(runDirectory.ConsoleLogPath) };
        }

        var exitCode = await process.Exited.ConfigureAwait(false);
        var standardError = process.StandardErrorTail;
        var console = ConsoleTail.Read(runDirectory.ConsoleLogPath);
        var why = standardError.Length > 0
            ? standardError.Split('\n')[^1]
            : "the guest stopped (it rebooted, powered off or panicked); the console log says why";
        return new VmException($"QEMU exited with code {exitCode} before {stage.Until}: {why}", failure)
        {
            ConsoleTail = standardError.Length == 0 ? console : $"{console}\n--- QEMU stderr ---\n{standardError}".TrimStart('\n'),
        };
    }

    private async Task AbandonAsync(QemuProcess? process, RunDirectory runDirectory)
    {
        if (process is not null)
        {
            process.Kill();
            await process.Exited.ConfigureAwait(false);
            process.Dispose();
        }

        runDirectory.Delete(Options.KeepConsoleLog);
    }

    private QemuProcess Start(IReadOnlyList<string> arguments)
    {
        try
        {
            return QemuProcess.Start(Options.BinaryPath, arguments);
        }
        catch (Win32Exception e)
        {
            throw new VmException($"cannot start QEMU ({Options.BinaryPath}) through {Faas.Vmm.Processes.ParentBoundShell.Shell}: {e.Message}", e);
        }
    }

    private static UnixSocketListener Listen(string path)
    {
        try
        {
            return UnixSocketListener.Bind(path);
        }
        catch (SocketException e)
        {
            throw new VmException($"cannot listen on '{path}': {e.Message}", e);
        }
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new VmException($"the {what} '{path}' does not exist");
        }
    }
}
