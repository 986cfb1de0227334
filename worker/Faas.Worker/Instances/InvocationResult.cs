namespace Faas.Worker.Instances;

/// <summary>How a call ended.</summary>
/// <param name="Outcome">Completed, or what went wrong.</param>
/// <param name="ResponseStarted">Status and headers reached the response sink; a failure after that can only cut the body short.</param>
/// <param name="Error">What went wrong, in words that name the function.</param>
/// <param name="Recycled">The instance was stopped because of this call (it may still have been busy with it, or be broken).</param>
public sealed record InvocationResult(InvocationOutcome Outcome, bool ResponseStarted, string? Error = null, bool Recycled = false)
{
    public static InvocationResult Completed { get; } = new(InvocationOutcome.Completed, true);
}
