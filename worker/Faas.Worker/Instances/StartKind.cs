namespace Faas.Worker.Instances;

/// <summary>How the instance that served a call came to be; the value of the X-Faas-Start response header.</summary>
public enum StartKind
{
    /// <summary>An instance that was already running and idle.</summary>
    Warm,

    /// <summary>A new instance restored from the function's snapshot.</summary>
    Restore,

    /// <summary>A new instance booted, its image mounted and its function started.</summary>
    Boot,
}
