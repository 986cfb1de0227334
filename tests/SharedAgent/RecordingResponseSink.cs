using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;

namespace Faas.Tests.SharedAgent;

/// <summary>Keeps what an invocation streamed out through the worker's client, in order.</summary>
internal sealed class RecordingResponseSink : IInvokeResponseSink
{
    public InvokeResponseHead? Head { get; private set; }

    public MemoryStream Body { get; } = new();

    public ValueTask StartAsync(InvokeResponseHead head)
    {
        Head = head;
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> chunk) => Body.WriteAsync(chunk);
}
