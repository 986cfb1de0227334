using Faas.Guest.Protocol.Messages;

namespace Faas.Vmm.Agent;

/// <summary>Receives a function's HTTP response as it streams out of the guest.</summary>
public interface IInvokeResponseSink
{
    /// <summary>Status and headers; called once, before any body bytes.</summary>
    ValueTask StartAsync(InvokeResponseHead head);

    /// <summary>The next chunk of the body.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> chunk);
}
