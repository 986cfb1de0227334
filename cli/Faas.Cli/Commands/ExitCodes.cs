namespace Faas.Cli.Commands;

/// <summary>Exit codes of faas itself, following docker run's convention so they do not collide with the guest command's.</summary>
public static class ExitCodes
{
    /// <summary>The gateway refused or failed the request, could not be reached, or a called function answered an error.</summary>
    public const int Failure = 1;

    /// <summary>The command line or a stack file is wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>faas could not do what was asked (bad backend, build failure, VM did not boot).</summary>
    public const int PlatformError = 125;

    /// <summary>The command could not be run in the guest (not found, not executable).</summary>
    public const int CommandNotRunnable = 127;

    /// <summary>Interrupted by Ctrl-C or SIGTERM.</summary>
    public const int Interrupted = 130;
}
