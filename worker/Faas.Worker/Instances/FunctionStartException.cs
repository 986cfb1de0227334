using Faas.Worker.Functions;

namespace Faas.Worker.Instances;

/// <summary>A function could not be brought to ready: its VM did not start, or its process exited or never accepted connections on its port.</summary>
public sealed class FunctionStartException : Exception
{
    public FunctionStartException()
    {
    }

    public FunctionStartException(string message)
        : base(message)
    {
    }

    public FunctionStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FunctionStartException(FunctionKey function, string reason, string? outputTail = null, Exception? innerException = null)
        : base($"function {function} did not start: {reason}", innerException)
    {
        Function = function;
        Reason = reason;
        OutputTail = string.IsNullOrWhiteSpace(outputTail) ? null : outputTail;
    }

    public FunctionKey Function { get; }

    /// <summary>Why, without the function's name.</summary>
    public string? Reason { get; }

    /// <summary>The function's last lines of output, when it wrote any before it failed.</summary>
    public string? OutputTail { get; }

    /// <summary>The last lines of the guest console, when the VM itself failed.</summary>
    public string? ConsoleTail { get; init; }
}
