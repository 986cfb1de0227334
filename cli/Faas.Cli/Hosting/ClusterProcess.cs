using System.Globalization;
using System.Text;
using CliWrap;

namespace Faas.Cli.Hosting;

/// <summary>One host of a local cluster as a child process: started, watched for its ready line, stopped with SIGTERM or killed.</summary>
public sealed class ClusterProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _forceful = new();
    private readonly Func<string, bool> _isReady;
    private CommandTask<CommandResult>? _task;

    private ClusterProcess(string name, Func<string, bool> isReady)
    {
        Name = name;
        _isReady = isReady;
    }

    public string Name { get; }

    public int ProcessId => _task?.ProcessId ?? 0;

    public bool HasExited => _task?.Task.IsCompleted ?? true;

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="command"/> and waits until a line satisfies <paramref name="isReady"/>.</summary>
    public static async Task<ClusterProcess> StartAsync(string name, Command command, Func<string, bool> isReady, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var process = new ClusterProcess(name, isReady);
        process._task = command
            .WithStandardOutputPipe(PipeTarget.ToDelegate(process.OnLine))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(process.OnLine))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(process._forceful.Token);
        var finished = await Task.WhenAny(process._ready.Task, process._task.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        if (finished != process._ready.Task)
        {
            await process.KillAsync().ConfigureAwait(false);
            throw new ClusterStartException(name, cancellationToken.IsCancellationRequested ? "start cancelled" : finished == process._task.Task ? "exited during start-up" : $"not ready after {timeout.TotalSeconds:0} s", process.Output);
        }

        return process;
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; returns the exit code (-1 when killed).</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (_task is null)
        {
            return -1;
        }

        if (!_task.Task.IsCompleted)
        {
            await Signal("TERM").ConfigureAwait(false);
            _forceful.CancelAfter(grace);
        }

        try
        {
            return (await _task.ConfigureAwait(false)).ExitCode;
        }
        catch (OperationCanceledException)
        {
            return -1;
        }
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as when its machine dies.</summary>
    public async Task KillAsync()
    {
        if (_task is null || _task.Task.IsCompleted)
        {
            return;
        }

        await Signal("KILL").ConfigureAwait(false);
        try
        {
            await _task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Killed already.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        _forceful.Dispose();
    }

    private Task<CommandResult> Signal(string signal) =>
        CliWrap.Cli.Wrap("kill").WithArguments(["-" + signal, ProcessId.ToString(CultureInfo.InvariantCulture)])
            .WithValidation(CommandResultValidation.None).ExecuteAsync(CancellationToken.None).Task;

    private void OnLine(string line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (_isReady(line))
        {
            _ready.TrySetResult();
        }
    }
}
