using Faas.Vmm.Agent;

namespace Faas.Worker.Logs;

/// <summary>Turns the stdout and stderr chunks of one instance's function process into lines of its function's log.</summary>
internal sealed class InstanceOutput
{
    private readonly Lock _gate = new();
    private readonly LineAssembler _stdout;
    private readonly LineAssembler _stderr;

    public InstanceOutput(FunctionLog log, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(log);
        _stdout = new LineAssembler(text => log.Append(instanceId, LogSource.Stdout, text));
        _stderr = new LineAssembler(text => log.Append(instanceId, LogSource.Stderr, text));
        Sink = new ExecOutput(chunk => Write(_stdout, chunk), chunk => Write(_stderr, chunk));
    }

    /// <summary>Give this to the agent client as the function's output.</summary>
    public ExecOutput Sink { get; }

    public void Flush()
    {
        lock (_gate)
        {
            _stdout.Flush();
            _stderr.Flush();
        }
    }

    private ValueTask Write(LineAssembler stream, ReadOnlyMemory<byte> chunk)
    {
        lock (_gate)
        {
            stream.Write(chunk.Span);
        }

        return ValueTask.CompletedTask;
    }
}
