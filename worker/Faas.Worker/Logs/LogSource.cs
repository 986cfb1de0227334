namespace Faas.Worker.Logs;

/// <summary>Where a log line came from.</summary>
public enum LogSource
{
    /// <summary>The function's standard output.</summary>
    Stdout,

    /// <summary>The function's standard error.</summary>
    Stderr,

    /// <summary>The worker, about the function's instances: started, restored, ended and why.</summary>
    Platform,
}
