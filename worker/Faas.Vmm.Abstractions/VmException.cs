namespace Faas.Vmm;

/// <summary>A VM could not be started, or failed while running. The message says what and why; the console log says more.</summary>
public class VmException : Exception
{
    public VmException()
    {
    }

    public VmException(string message)
        : base(message)
    {
    }

    public VmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The last lines the guest printed on its console, when there are any.</summary>
    public string? ConsoleTail { get; init; }
}
