using CliWrap;
using Faas.Vmm.Processes;

namespace Faas.Vmm.Qemu.Processes;

/// <summary>
/// A running QEMU, started through CliWrap under <see cref="ParentBoundShell"/>. CliWrap fits: it pipes a
/// stdin that stays open for the life of the process, captures stderr, gives the pid and kills on cancellation.
/// </summary>
internal sealed class QemuProcess : IDisposable
{
    private const int StandardErrorLines = 40;

    /// <summary>QEMU dies with this process, at once: a VM has nothing to save.</summary>
    private static readonly string KillWithThisProcess = ParentBoundShell.Script(graceSeconds: 0);

    private readonly LineTail _standardError = new(StandardErrorLines);
    private readonly CancellationTokenSource _kill = new();
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<int?> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private QemuProcess(string binaryPath, IReadOnlyList<string> arguments)
    {
        var command = Cli.Wrap(ParentBoundShell.Shell)
            .WithArguments(args => args
                .Add("-c").Add(KillWithThisProcess).Add("faas-qemu")
                .Add(binaryPath).Add(arguments))
            .WithStandardInputPipe(PipeSource.Create((_, cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(_standardError.Add))
            .WithValidation(CommandResultValidation.None);

        // Registered before the start, so that no moment exists in which QEMU runs and the exit hooks miss it.
        LiveQemuProcesses.Add(this);
        CommandTask<CommandResult> task;
        try
        {
            task = command.ExecuteAsync(_kill.Token);
        }
        catch
        {
            LiveQemuProcesses.Remove(this);
            throw;
        }

        Id = task.ProcessId;
        _ = ObserveExitAsync(task);
    }

    /// <summary>QEMU's process id.</summary>
    public int Id { get; }

    /// <summary>Completes when QEMU has exited: its exit code, or null when this process killed it.</summary>
    public Task<int?> Exited => _exited.Task;

    public bool HasExited => Exited.IsCompleted;

    /// <summary>The last lines QEMU wrote on stderr (complete once <see cref="Exited"/> has completed).</summary>
    public string StandardErrorTail => _standardError.ToString();

    /// <exception cref="System.ComponentModel.Win32Exception">The shell could not be started.</exception>
    public static QemuProcess Start(string binaryPath, IReadOnlyList<string> arguments) => new(binaryPath, arguments);

    /// <summary>SIGKILLs QEMU if it still runs; safe to call any number of times, from any thread.</summary>
    public void Kill()
    {
        lock (_lock)
        {
            if (!_disposed && !HasExited)
            {
                _kill.Cancel();
            }
        }
    }

    /// <summary>Kills QEMU if it still runs and releases the kill switch.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (!HasExited)
            {
                _kill.Cancel();
            }

            _disposed = true;
            _kill.Dispose();
        }
    }

    private async Task ObserveExitAsync(CommandTask<CommandResult> task)
    {
        int? exitCode = null;
        Exception? failure = null;
        try
        {
            exitCode = (await task.ConfigureAwait(false)).ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Killed through Kill or Dispose.
        }
        catch (Exception e)
        {
            failure = e;
        }

        LiveQemuProcesses.Remove(this);
        if (failure is null)
        {
            _exited.TrySetResult(exitCode);
        }
        else
        {
            _exited.TrySetException(failure);
        }
    }
}
