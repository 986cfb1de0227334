using Faas.Vmm.Agent;

namespace Faas.Worker.Instances;

/// <summary>Says in words how a function's process ended.</summary>
internal static class ExitDescription
{
    public static string Of(ExecResult result) => result switch
    {
        { Error: { } error } => error,
        { Signal: { } signal } => $"the function was killed by signal {signal}",
        { ExitCode: { } code } => $"the function exited with code {code}",
        _ => "the function ended",
    };
}
