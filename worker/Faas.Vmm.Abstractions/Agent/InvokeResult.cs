namespace Faas.Vmm.Agent;

/// <summary>How an invocation ended.</summary>
/// <param name="Completed">The whole response reached the sink.</param>
/// <param name="ResponseStarted">Status and headers reached the sink (a failure after that can only cut the body short).</param>
/// <param name="Error">Why it did not complete.</param>
public sealed record InvokeResult(bool Completed, bool ResponseStarted, string? Error)
{
    public static InvokeResult Success { get; } = new(true, true, null);
}
