using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;

namespace Faas.Vmm.Abstractions.Tests.Agent;

/// <summary>Keeps what an invocation streamed out, in order.</summary>
internal sealed class RecordingSink : IInvokeResponseSink
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
