namespace Faas.Guest.Agent.Processes;

/// <summary>Starts the programs the host asks for.</summary>
internal interface IProcessLauncher
{
    /// <summary>Starts <paramref name="spec"/> with stdin on /dev/null and stdout and stderr on pipes.</summary>
    /// <returns>The child, or a message saying why it could not be started.</returns>
    LaunchResult Launch(ProcessSpec spec);
}
