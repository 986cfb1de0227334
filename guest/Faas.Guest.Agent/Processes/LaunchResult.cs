using System.Diagnostics.CodeAnalysis;

namespace Faas.Guest.Agent.Processes;

/// <summary>A started child, or why it could not be started.</summary>
internal readonly record struct LaunchResult(ChildProcess? Process, string? Error)
{
    [MemberNotNullWhen(true, nameof(Process))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Started => Process is not null;

    public static LaunchResult Success(ChildProcess process) => new(process, null);

    public static LaunchResult Failure(string error) => new(null, error);
}
