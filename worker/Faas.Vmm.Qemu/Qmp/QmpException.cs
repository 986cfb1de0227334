namespace Faas.Vmm.Qemu.Qmp;

/// <summary>QEMU refused a QMP command, or the QMP connection broke before it answered.</summary>
public sealed class QmpException : Exception
{
    public QmpException()
    {
    }

    public QmpException(string message)
        : base(message)
    {
    }

    public QmpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QmpException(string command, string? errorClass, string description, Exception? innerException = null)
        : base(errorClass is null ? $"QMP '{command}': {description}" : $"QMP '{command}' failed with {errorClass}: {description}", innerException)
    {
        Command = command;
        ErrorClass = errorClass;
        Description = description;
    }

    /// <summary>The command that failed.</summary>
    public string? Command { get; }

    /// <summary>QEMU's error class (GenericError, CommandNotFound, DeviceNotFound, …); null when the connection broke.</summary>
    public string? ErrorClass { get; }

    /// <summary>QEMU's description of the error, or what happened to the connection.</summary>
    public string? Description { get; }
}
