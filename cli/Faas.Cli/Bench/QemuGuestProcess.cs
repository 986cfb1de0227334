using System.Diagnostics;
using System.Text;
using CliWrap;

namespace Faas.Cli.Bench;

/// <summary>One QEMU running a <see cref="TinyGuest.QemuFirmware"/> guest; its serial output is drained and the first byte timed.</summary>
internal sealed class QemuGuestProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource _kill = new();
    private readonly TaskCompletionSource<long> _firstByte = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _stderr = new();
    private readonly CommandTask<CommandResult> _run;

    private QemuGuestProcess(string binary, IReadOnlyList<string> arguments)
    {
        Started = Stopwatch.GetTimestamp();
        _run = CliWrap.Cli.Wrap(binary)
            .WithArguments(arguments)
            .WithStandardOutputPipe(PipeTarget.Create(DrainAsync))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(_stderr))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_kill.Token);
        _ = _run.Task.ContinueWith(
            _ => _firstByte.TrySetException(new InvalidOperationException($"QEMU exited before the guest wrote: {_stderr.ToString().Trim()}")),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Stopwatch timestamp just before the process was started.</summary>
    public long Started { get; }

    public int ProcessId => _run.ProcessId;

    /// <summary>Stopwatch timestamp of the first byte the guest wrote on its serial port.</summary>
    public Task<long> FirstByte => _firstByte.Task;

    public static QemuGuestProcess Start(string binary, IReadOnlyList<string> arguments) => new(binary, arguments);

    public async ValueTask DisposeAsync()
    {
        await _kill.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Killed, as asked.
        }

        _kill.Dispose();
    }

    private async Task DrainAsync(Stream output, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (await output.ReadAsync(buffer, cancellationToken) is > 0)
        {
            _firstByte.TrySetResult(Stopwatch.GetTimestamp());
        }
    }
}
