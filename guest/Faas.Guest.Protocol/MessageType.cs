namespace Faas.Guest.Protocol;

/// <summary>The kind of a frame. Values are part of the wire format: never renumber.</summary>
public enum MessageType : byte
{
    /// <summary>Guest → host, channel 0: the agent is up and ready for requests. JSON <see cref="HelloMessage"/>.</summary>
    Hello = 1,

    /// <summary>Host → guest: run a command on a new channel. JSON <see cref="ExecRequest"/>.</summary>
    Exec = 2,

    /// <summary>Guest → host: the command of this channel started. JSON <see cref="ExecStarted"/>.</summary>
    ExecStarted = 3,

    /// <summary>Guest → host: raw bytes the command wrote to its stdout.</summary>
    Stdout = 4,

    /// <summary>Guest → host: raw bytes the command wrote to its stderr.</summary>
    Stderr = 5,

    /// <summary>Guest → host: the command ended; its output has all been sent. JSON <see cref="ExecExited"/>.</summary>
    ExecExited = 6,

    /// <summary>Guest → host: the command could not be run (not found, not executable, bad request). JSON <see cref="ErrorMessage"/>.</summary>
    ExecFailed = 7,

    /// <summary>Host → guest, channel 0: sync filesystems and power off.</summary>
    Shutdown = 8,

    /// <summary>Either way: a request on this channel was not understood. JSON <see cref="ErrorMessage"/>.</summary>
    Error = 9,
}
