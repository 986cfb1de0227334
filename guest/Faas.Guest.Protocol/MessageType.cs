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

    /// <summary>Host → guest: mount the function's root filesystem (a read-only disk with a tmpfs overlay) and make it the root of every later command. JSON <see cref="Messages.MountRootRequest"/>. Answered by <see cref="RootMounted"/> or <see cref="Error"/> on the same channel.</summary>
    MountRoot = 10,

    /// <summary>Guest → host: the root filesystem is mounted and is now the guest's root. Empty payload.</summary>
    RootMounted = 11,

    /// <summary>Host → guest: start the function's server process on a new channel. JSON <see cref="Messages.StartFunctionRequest"/>. Its output streams as <see cref="Stdout"/>/<see cref="Stderr"/> frames for as long as it runs; then <see cref="FunctionReady"/> once its port accepts connections, or <see cref="ExecExited"/> (with the last output lines) / <see cref="ExecFailed"/> when it never gets there.</summary>
    StartFunction = 12,

    /// <summary>Guest → host: the function accepts connections on its port. JSON <see cref="Messages.FunctionReady"/>.</summary>
    FunctionReady = 13,

    /// <summary>Host → guest, new channel: the VM was just restored from a snapshot; set the clock and mix in fresh entropy before anything else runs. JSON <see cref="Messages.ResumeRequest"/>. Answered by <see cref="Resumed"/>.</summary>
    Resume = 14,

    /// <summary>Guest → host: clock set and entropy added. Empty payload.</summary>
    Resumed = 15,

    /// <summary>Host → guest, new channel: an HTTP request for the function. JSON <see cref="Messages.InvokeRequest"/>; the body follows as <see cref="RequestBody"/> frames, then <see cref="RequestEnd"/>.</summary>
    Invoke = 16,

    /// <summary>Host → guest: raw bytes of the request body.</summary>
    RequestBody = 17,

    /// <summary>Host → guest: the request body is complete. Empty payload.</summary>
    RequestEnd = 18,

    /// <summary>Guest → host: status and headers of the function's response. JSON <see cref="Messages.InvokeResponseHead"/>; the body follows as <see cref="ResponseBody"/> frames, then <see cref="ResponseEnd"/>. A request the function did not answer gets <see cref="Error"/> instead.</summary>
    ResponseHead = 19,

    /// <summary>Guest → host: raw bytes of the response body.</summary>
    ResponseBody = 20,

    /// <summary>Guest → host: the response is complete. Empty payload.</summary>
    ResponseEnd = 21,
}
