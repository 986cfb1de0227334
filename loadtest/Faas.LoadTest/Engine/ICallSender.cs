namespace Faas.LoadTest.Engine;

/// <summary>Sends one call and waits for its whole response. Failures are values, never exceptions.</summary>
public interface ICallSender
{
    ValueTask<CallResponse> SendAsync(CallTarget target, CancellationToken cancellationToken);
}
