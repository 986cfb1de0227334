using System.Globalization;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Processes;

/// <summary>What the host's requests ask to start.</summary>
internal static class ProcessSpecs
{
    public const string RootDirectory = "/";
    public const string PortVariable = "PORT";

    /// <summary>A command: the agent's default environment overlaid with the request's.</summary>
    public static ProcessSpec ForCommand(ExecRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ProcessSpec(
            request.Argv,
            DefaultEnvironment.MergedWith(request.Environment),
            request.WorkingDirectory ?? RootDirectory,
            request.User,
            NewSession: false);
    }

    /// <summary>The function: its environment exactly as given plus PORT when missing, in a session of its own.</summary>
    public static ProcessSpec ForFunction(StartFunctionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var environment = new Dictionary<string, string>(request.Environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        environment.TryAdd(PortVariable, request.Port.ToString(CultureInfo.InvariantCulture));
        return new ProcessSpec(request.Argv, environment, request.WorkingDirectory ?? RootDirectory, request.User, NewSession: true);
    }
}
